import type { Fix, ObjectNode, PropertyNode, RuleContext } from '../../model';
import type { ExtensionInfo } from './ade';
import { insertPropertyEdits, RawText, removePropertyEdit, sourceText } from './fixes';

/** Fix moving a property from settings into protectedSettings (creating it when absent). */
export function moveToProtectedFix(
  ctx: RuleContext,
  e: ExtensionInfo,
  settings: ObjectNode,
  prop: PropertyNode,
): Fix | undefined {
  const file = e.resource.file;
  const text = sourceText(ctx, file, prop.value);
  if (text === undefined || e.properties?.kind !== 'object') return undefined;
  const remove = removePropertyEdit(ctx, file, settings, prop);
  if (!remove) return undefined;
  let insert;
  if (e.protectedSettings.state === 'present') {
    if (e.protectedSettings.value.kind !== 'object') return undefined;
    insert = insertPropertyEdits(ctx, file, e.protectedSettings.value, prop.key, new RawText(text));
  } else if (e.protectedSettings.state === 'missing') {
    insert = insertPropertyEdits(ctx, file, e.properties, 'protectedSettings', { [prop.key]: new RawText(text) });
  }
  if (!insert) return undefined;
  return { title: `Move '${prop.key}' to protectedSettings`, preferred: true, edits: [remove, ...insert] };
}

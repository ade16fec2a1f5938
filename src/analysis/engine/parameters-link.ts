import * as path from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';

/**
 * The templates a parameters file may belong to, most likely first: its `metadata.template`
 * (relative to the parameters file, the convention PSRule also follows), then by name:
 * `x.parameters.json`, `x.parameters.prod.json` and `x.prod.parameters.json` → `x.json`.
 */
export function templateCandidates(parametersFile: string, parametersText: string): string[] {
  const out: string[] = [];
  const dir = path.dirname(parametersFile);
  const meta = metadataTemplate(parametersText);
  if (meta) out.push(path.isAbsolute(meta) ? meta : path.join(dir, meta));
  const base = path.basename(parametersFile);
  const m = /^(.+?)(?:\.[^.]+)?\.parameters(?:\.[^.]+)?\.jsonc?$/i.exec(base);
  if (m) {
    const stem = /^(.+?)\.parameters/i.exec(base)![1]!;
    // `x.prod.parameters.json`: try `x.prod.json` before `x.json`.
    for (const s of new Set([stem, m[1]!])) {
      out.push(path.join(dir, `${s}.json`), path.join(dir, `${s}.jsonc`));
    }
  }
  return [...new Set(out)];
}

function metadataTemplate(text: string): string | undefined {
  try {
    // Only the top of the file matters, but parameters files are small: a full parse is fine.
    const doc: unknown = parseJsonc(text, [], { allowTrailingComma: true });
    const meta = (doc as { metadata?: { template?: unknown } } | undefined)?.metadata;
    return typeof meta?.template === 'string' && meta.template !== '' ? meta.template : undefined;
  } catch {
    return undefined;
  }
}

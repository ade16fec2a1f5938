/**
 * ARM JSON side of the analysis core: templates and parameters files → the shared model, and the
 * ARM expression evaluator. No VS Code or Azure SDK dependency.
 */
import type { TemplateModel } from '../model';
import { parseArmFile, parseArmFileDetailed, type ParseArmOptions } from './armFile';
import { detectArmFileKind } from './fileKind';
import { parametersFileCandidates, templateFileCandidates } from './parametersFile';

export { parseArmFile, parseArmFileDetailed, type ArmParseDetails, type ParseArmOptions } from './armFile';
export { detectArmFileKind } from './fileKind';
export { evaluateArmExpression, isExpressionString, type EvaluateOptions } from './evaluator';
export { DEFAULT_LIMITS, type ArmLimits } from './evaluationContext';
export { RESOURCE_GROUP_PLACEHOLDER, SUBSCRIPTION_PLACEHOLDER } from './expression/functions';
export { parametersFileCandidates, templateFileCandidates, readParametersFile } from './parametersFile';

/** Re-reads a template with the values of a parameters file (provenance `parameterFile`). */
export function bindParameters(
  template: { readonly file: string; readonly text: string },
  parametersText: string,
  parametersFile?: string,
  options: Omit<ParseArmOptions, 'parametersText' | 'parametersFile'> = {},
): TemplateModel {
  return parseArmFile(template.file, template.text, { ...options, parametersText, parametersFile });
}

/** Reads a file's text; undefined when it does not exist or cannot be read. */
export type ReadText = (file: string) => Promise<string | undefined>;

/** At most this many linked template files are read for one entry file. */
const MAX_LINKED_FILES = 32;

/**
 * Parses an ARM file together with the files it needs: a template with its conventional parameters
 * file (`x.parameters.json`) when one exists, or a parameters file with the template it names (by
 * `metadata.template` or by name), in which case the template's model is returned. Local linked
 * templates (`templateLink.relativePath`) are read and followed.
 */
export async function loadArmFile(
  file: string,
  text: string,
  readText: ReadText,
  options: ParseArmOptions = {},
): Promise<TemplateModel> {
  const kind = detectArmFileKind(text);
  // Values given by the caller win over any parameters file found by name.
  if (kind === 'armTemplate' && options.parametersText !== undefined) {
    return parseArmWithLinkedTemplates(file, text, readText, options);
  }
  if (kind === 'armTemplate') {
    for (const candidate of parametersFileCandidates(file)) {
      const parametersText = await safeRead(readText, candidate);
      if (parametersText !== undefined && detectArmFileKind(parametersText) === 'armParameters') {
        return parseArmWithLinkedTemplates(file, text, readText, {
          ...options,
          parametersText,
          parametersFile: candidate,
        });
      }
    }
  } else if (kind === 'armParameters') {
    for (const candidate of templateFileCandidates(file, text)) {
      const templateText = await safeRead(readText, candidate);
      if (templateText !== undefined && detectArmFileKind(templateText) === 'armTemplate') {
        return parseArmWithLinkedTemplates(candidate, templateText, readText, {
          ...options,
          parametersText: text,
          parametersFile: file,
        });
      }
    }
  }
  return parseArmWithLinkedTemplates(file, text, readText, options);
}

/** Parses, reads the linked templates the parse asked for, and parses again until nothing new is wanted. */
export async function parseArmWithLinkedTemplates(
  file: string,
  text: string,
  readText: ReadText,
  options: ParseArmOptions = {},
): Promise<TemplateModel> {
  const linked = new Map<string, string>();
  const tried = new Set<string>();
  for (;;) {
    const { model, wantedLinks } = parseArmFileDetailed(file, text, { ...options, linkedTemplates: linked });
    const missing = wantedLinks.filter((p) => !tried.has(p));
    if (missing.length === 0 || tried.size >= MAX_LINKED_FILES) return model;
    for (const path of missing.slice(0, MAX_LINKED_FILES - tried.size)) {
      tried.add(path);
      const linkedText = await safeRead(readText, path);
      if (linkedText !== undefined) linked.set(path, linkedText);
    }
  }
}

async function safeRead(readText: ReadText, file: string): Promise<string | undefined> {
  try {
    return await readText(file);
  } catch {
    return undefined;
  }
}

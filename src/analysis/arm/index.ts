/**
 * ARM JSON side of the analysis core: templates and parameters files → the shared model, and the
 * ARM expression evaluator. No VS Code or Azure SDK dependency.
 */
import type { TemplateModel } from '../model';
import { parseArmFile, type ParseArmOptions } from './armFile';
import { detectArmFileKind } from './fileKind';
import { parametersFileCandidates, templateFileCandidates } from './parametersFile';

export { parseArmFile, type ParseArmOptions } from './armFile';
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

/**
 * Parses an ARM file together with its partner: a template with its conventional parameters file
 * (`x.parameters.json`) when one exists, or a parameters file with the template it names (by
 * `metadata.template` or by name), in which case the template's model is returned.
 */
export async function loadArmFile(file: string, text: string, readText: ReadText): Promise<TemplateModel> {
  const kind = detectArmFileKind(text);
  if (kind === 'armTemplate') {
    for (const candidate of parametersFileCandidates(file)) {
      const parametersText = await safeRead(readText, candidate);
      if (parametersText !== undefined && detectArmFileKind(parametersText) === 'armParameters') {
        return parseArmFile(file, text, { parametersText, parametersFile: candidate });
      }
    }
  } else if (kind === 'armParameters') {
    for (const candidate of templateFileCandidates(file, text)) {
      const templateText = await safeRead(readText, candidate);
      if (templateText !== undefined && detectArmFileKind(templateText) === 'armTemplate') {
        return parseArmFile(candidate, templateText, { parametersText: text, parametersFile: file });
      }
    }
  }
  return parseArmFile(file, text);
}

async function safeRead(readText: ReadText, file: string): Promise<string | undefined> {
  try {
    return await readText(file);
  } catch {
    return undefined;
  }
}

// `.bicepparam` files: `using './main.bicep'` plus `param x = value`. The values bind to the
// template's parameters (provenance `parameterFile`), and the model is the template's, evaluated
// with them.
import type { Parser } from 'web-tree-sitter';
import type { TemplateModel } from '../model';
import { evaluate, envFor } from './expressions';
import { collectOutputs, collectParameters, collectResources, collectVariables } from './model-builder';
import { loadModules, parseIntoScope, resolveModulePath } from './modules';
import type { FileScope, Session } from './scope';
import { rangeOf } from './scope';
import { rebaseAcrossFiles } from './values';

export async function bindParametersFile(
  parser: Parser,
  file: string,
  text: string,
  session: Session,
  followTemplate: boolean,
): Promise<TemplateModel> {
  const paramsScope = parseIntoScope(parser, file, text, session);
  const own = paramsScope ? collectParameters(paramsScope) : [];
  const base: TemplateModel = {
    file,
    language: 'bicep',
    kind: 'bicepParams',
    resources: [],
    parameters: own,
    variables: paramsScope ? collectVariables(paramsScope) : [],
    outputs: [],
    issues: session.issues,
    sources: session.sources,
  };
  if (!paramsScope || !followTemplate) return base;
  const templatePath = usingPath(paramsScope);
  if (!templatePath || /^(br|ts)[:/]/i.test(templatePath)) return base;
  const target = resolveModulePath(file, templatePath);
  const templateText = await session.host.readFile(target);
  if (templateText === undefined) {
    session.issues.push({
      code: 'module-not-found',
      severity: 'warning',
      message: `The template '${templatePath}' named by 'using' could not be read.`,
      location: { file, range: paramsScope.lines.range(0, 0) },
    });
    return base;
  }
  const template = parseIntoScope(parser, target, templateText, session);
  if (!template) return base;
  bind(paramsScope, template);
  await loadModules(parser, template);
  return {
    ...base,
    resources: collectResources(template),
    parameters: collectParameters(template),
    variables: collectVariables(template),
    outputs: collectOutputs(template),
  };
}

function usingPath(scope: FileScope): string | undefined {
  // The `using` statement is not kept in the scope; read it from the file's first statement text.
  const m = /^\s*using\s+'([^']*)'/m.exec(scope.text);
  return m?.[1];
}

function bind(paramsScope: FileScope, template: FileScope): void {
  for (const p of template.params.values()) {
    const given = paramsScope.params.get(p.name);
    if (!given?.defaultNode) continue;
    const valueNode = given.defaultNode;
    p.bind = () =>
      rebaseAcrossFiles(evaluate(valueNode, envFor(paramsScope)), rangeOf(template, p.nameNode), (range) => ({
        kind: 'parameterFile',
        name: p.name,
        location: { file: paramsScope.file, range },
      }));
  }
}

// Follows local `module` declarations: reads the target file through the host, parses it into its
// own scope and binds its parameters to the caller's arguments. Registry modules are not fetched.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Parser } from 'web-tree-sitter';
import type { ModuleCall, ParseIssue } from '../model';
import { Deadline, getProperty, sourceFacts } from '../model';
import { createScope } from './declarations';
import type { BicepHost, FileScope, ModuleDecl, Session } from './scope';
import { rangeOf } from './scope';
import { syntaxErrors, type SyntaxNode } from './syntax';
import { readSyntax, type FileSyntax } from './syntax-cache';
import { rebaseAcrossFiles, unknown } from './values';

const URI_SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]+:\/\//;

export const defaultHost: BicepHost = {
  async readFile(file: string): Promise<string | undefined> {
    try {
      const p = URI_SCHEME.test(file) ? (file.startsWith('file:') ? fileURLToPath(file) : undefined) : file;
      return p === undefined ? undefined : await fs.promises.readFile(p, 'utf8');
    } catch {
      return undefined;
    }
  },
};

/** Resolves a module path against the calling file, for plain paths and URI strings alike. */
export function resolveModulePath(fromFile: string, relative: string): string {
  if (URI_SCHEME.test(fromFile)) return new URL(relative, fromFile).toString();
  return path.resolve(path.dirname(fromFile), relative);
}

function isRegistryReference(p: string): boolean {
  return /^(br|ts)[:/]/i.test(p);
}

/**
 * Parses a file into a scope and records its syntax errors as "could not be read" issues.
 * `syntax` is the file's syntax when the caller read it already (the incremental re-read keeps
 * its own copy); otherwise it comes from the syntax cache.
 */
export function parseIntoScope(
  parser: Parser,
  file: string,
  text: string,
  session: Session,
  options: Parameters<typeof createScope>[4] = {},
  syntax: FileSyntax | undefined = readSyntax(parser, file, text, parseDeadline(session, text)),
): FileScope | undefined {
  if (!syntax) return undefined;
  const { root, lines } = syntax;
  session.sources.set(file, text);
  sourceFacts(session.sources, file).lines ??= lines;
  const scope = createScope(file, text, root, session, { ...options, lines });
  session.issues.push(...syntaxIssues(scope, root));
  return scope;
}

/** The deadline of one parse in this session, when the caller set a time budget. */
export function parseDeadline(session: Session, text: string): Deadline | undefined {
  const limit = session.parseLimit;
  return limit && Deadline.forText(limit, text.length);
}

/** One "could not be read" issue per top-most ERROR or MISSING node. */
export function syntaxIssues(scope: FileScope, root: SyntaxNode): ParseIssue[] {
  return syntaxErrors(root).map((err) => {
    // A missing token has no width; the construct around it is what could not be read.
    const shown = err.isMissing && err.parent ? err.parent : err;
    return {
      code: 'parse-error',
      severity: 'warning',
      message: 'This part of the file could not be read (syntax the parser does not support); the analysis skips it.',
      location: { file: scope.file, range: rangeOf(scope, shown) },
    };
  });
}

/** Loads every local module reachable from `scope` (depth-first, each call site once). */
export async function loadModules(parser: Parser, scope: FileScope): Promise<void> {
  const session = scope.session;
  for (const m of scope.modules.values()) {
    const p = m.pathText;
    const at = { file: scope.file, range: rangeOf(scope, m.pathNode) };
    if (p === undefined) {
      session.issues.push({
        code: 'module-not-followed',
        severity: 'info',
        message: 'The module path is not a plain string, so the module is not read.',
        location: at,
      });
      continue;
    }
    if (isRegistryReference(p)) {
      session.issues.push({
        code: 'module-not-followed',
        severity: 'info',
        message: `Registry module '${p}' is not read; its resources are not analysed.`,
        location: at,
      });
      continue;
    }
    if (scope.via.length >= session.maxModuleDepth) {
      session.issues.push({
        code: 'module-not-followed',
        severity: 'info',
        message: 'Modules are nested too deeply; this one is not read.',
        location: at,
      });
      continue;
    }
    const target = resolveModulePath(scope.file, p);
    if (session.loading.has(target)) {
      session.issues.push({
        code: 'module-not-followed',
        severity: 'warning',
        message: `Module '${p}' refers back to a file already being read.`,
        location: at,
      });
      continue;
    }
    const text = session.sources.get(target) ?? (await session.host.readFile(target));
    if (text === undefined) {
      session.issues.push({
        code: 'module-not-found',
        severity: 'warning',
        message: `Module file '${p}' could not be read.`,
        location: at,
      });
      continue;
    }
    const call: ModuleCall = {
      name: m.symbol,
      location: { file: scope.file, range: rangeOf(scope, m.nameNode) },
      targetFile: target,
    };
    const child = parseIntoScope(parser, target, text, session, {
      via: [...scope.via, call],
      idPrefix: `${scope.idPrefix}${m.symbol}/`,
    });
    if (!child) continue;
    bindModuleParameters(m, child);
    m.target = child;
    session.loading.add(target);
    try {
      await loadModules(parser, child);
    } finally {
      session.loading.delete(target);
    }
  }
}

/**
 * The module's parameters take the caller's `params:` values. Each bound value is moved into the
 * module file with a `moduleArgument` provenance at the caller's argument, where a fix belongs.
 */
function bindModuleParameters(m: ModuleDecl, child: FileScope): void {
  const caller = m.scope;
  for (const p of child.params.values()) {
    p.bind = () => {
      const body = m.body?.get();
      const params = getProperty(body, 'params')?.value;
      // `params: { ...shared }` with `shared` not known: any parameter may be set by it.
      if (params?.kind === 'unknown') return unknown(params.reason, rangeOf(child, p.nameNode));
      const arg = getProperty(params, p.name);
      if (!arg) return undefined;
      return rebaseAcrossFiles(arg.value, rangeOf(child, p.nameNode), (range) => ({
        kind: 'moduleArgument',
        name: m.symbol,
        location: { file: caller.file, range },
      }));
    };
  }
}

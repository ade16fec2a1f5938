import { detectArmFileKind, parseArmFile, parseArmWithLinkedTemplates } from '../arm';
import { parseBicepFile } from '../bicep';
import type { Rule } from '../model';
import { allRules } from '../rules';
import type { Parsers } from './types';

// The built-in parsers and rules, wired in one place: the engine core takes them as options so
// tests can inject stubs.

export const defaultParsers: Parsers = {
  detectArmFileKind,
  parseArmFile: (file, text, opts, host) =>
    host ? parseArmWithLinkedTemplates(file, text, (p) => host.readFile(p), opts) : parseArmFile(file, text, opts),
  parseBicepFile: (file, text, host, parameterValues, limit) =>
    parseBicepFile(file, text, host, { ...(parameterValues ? { parameterValues } : {}), parseLimit: limit }),
};

export const defaultRules: readonly Rule[] = allRules;

import type { Rule } from '../model';
import { allRules } from '../rules';
import type { Parsers } from './types';

// The built-in parsers and rules. Kept in one place so the engine core does not depend on them
// (tests inject stubs) and so the wiring is easy to find.

export const defaultParsers: Parsers = {
  detectArmFileKind: () => 'notATemplate',
  parseArmFile: () => {
    throw new Error('the ARM parser is not available in this build');
  },
  parseBicepFile: () => Promise.reject(new Error('the Bicep parser is not available in this build')),
};

export const defaultRules: readonly Rule[] = allRules;

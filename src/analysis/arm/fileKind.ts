import { createScanner } from 'jsonc-parser';
import type { FileKind } from '../model';

const OPEN_BRACE = 1;
const CLOSE_BRACE = 2;
const OPEN_BRACKET = 3;
const CLOSE_BRACKET = 4;
const COLON = 6;
const STRING_LITERAL = 10;
const EOF = 17;

/** Matches deploymentTemplate.json of any API version and scope (subscription, managementGroup, tenant). */
const TEMPLATE_SCHEMA = /deploymentTemplate\.json/i;
const PARAMETERS_SCHEMA = /deploymentParameters\.json/i;

/** True when the text looks binary (NUL characters never occur in JSON text). */
export function looksBinary(text: string): boolean {
  return text.indexOf('\u0000') >= 0;
}

/** Classifies an ARM schema URL. */
export function fileKindForSchema(schema: string | undefined): FileKind {
  if (schema === undefined) return 'notATemplate';
  if (TEMPLATE_SCHEMA.test(schema)) return 'armTemplate';
  if (PARAMETERS_SCHEMA.test(schema)) return 'armParameters';
  return 'notATemplate';
}

/**
 * The top-level `$schema` string, found with the scanner (no tree, no recursion) so that huge or
 * deeply nested files are classified cheaply.
 */
export function readTopLevelSchema(text: string): string | undefined {
  const scanner = createScanner(text, true);
  if (text.charCodeAt(0) === 0xfeff) scanner.setPosition(1);
  let depth = 0;
  let expectKey = false;
  for (;;) {
    const token = scanner.scan();
    switch (token) {
      case EOF:
        return undefined;
      case OPEN_BRACE:
        depth++;
        expectKey = depth === 1;
        break;
      case OPEN_BRACKET:
        depth++;
        expectKey = false;
        break;
      case CLOSE_BRACE:
      case CLOSE_BRACKET:
        depth--;
        if (depth <= 0) return undefined;
        expectKey = false;
        break;
      case STRING_LITERAL:
        if (depth === 1 && expectKey && scanner.getTokenValue() === '$schema') {
          if (scanner.scan() !== COLON) return undefined;
          return scanner.scan() === STRING_LITERAL ? scanner.getTokenValue() : undefined;
        }
        expectKey = false;
        break;
      default:
        // After a comma at depth 1 the next string is a key again.
        expectKey = depth === 1 && token === 5;
    }
  }
}

/** What kind of ARM file `text` is, judged by its `$schema`. */
export function detectArmFileKind(text: string): FileKind {
  if (looksBinary(text)) return 'notATemplate';
  return fileKindForSchema(readTopLevelSchema(text));
}

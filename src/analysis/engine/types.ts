import type { FileKind, Finding, ParseIssue, Rule, TemplateModel, WorkLimit } from '../model';
import type { SuppliedValue } from '../bicep';
import type { LintConfig } from './config';

/** File access for the engine (and the Bicep parser, which reads modules through it). */
export interface EngineHost {
  /** The file's text, or undefined when it does not exist or cannot be read. */
  readFile(path: string): Promise<string | undefined>;
  /** The file's size in bytes, when cheap to know: lets the size guard skip a file unread. */
  fileSize?(path: string): Promise<number | undefined>;
}

/** The parsers the engine chooses from; injectable so tests can use stubs. */
export interface Parsers {
  detectArmFileKind(text: string): FileKind;
  /** With a host, local linked templates (`templateLink.relativePath`) are read through it. */
  parseArmFile(
    file: string,
    text: string,
    opts: { parametersText?: string; parametersFile?: string; limit?: WorkLimit },
    host?: EngineHost,
  ): TemplateModel | Promise<TemplateModel>;
  /** `parameterValues`: a JSON parameters file's values for the template's parameters. */
  parseBicepFile(
    file: string,
    text: string,
    host?: EngineHost,
    parameterValues?: ReadonlyMap<string, SuppliedValue>,
    limit?: WorkLimit,
  ): Promise<TemplateModel>;
}

export interface AnalyzeOptions {
  readonly host: EngineHost;
  readonly config?: LintConfig;
  /** Defaults to every built-in rule. */
  readonly rules?: readonly Rule[];
  /** Values for an ARM template's parameters (a parameters file's text). */
  readonly parametersText?: string;
  /** Where `parametersText` came from (read through the host when the text is not given). */
  readonly parametersFile?: string;
  /**
   * When the file is an ARM parameters file: lint the template it belongs to with its values
   * (default true). When false, a parameters file is skipped with a notice.
   */
  readonly followParameters?: boolean;
  readonly parsers?: Parsers;
  /**
   * Time allowed to parse and evaluate the file (see `Deadline.forText`); past it, the result is
   * one `too-complex` issue. Unset: no time limit (the size guard and evaluation budgets still apply).
   */
  readonly limit?: WorkLimit;
}

/** `unknown`: the file was not classified (too large, binary, unsupported extension). */
export type LintResultKind = FileKind | 'unknown';

export interface LintResult {
  readonly file: string;
  readonly kind: LintResultKind;
  readonly findings: readonly Finding[];
  /** What could not be read or analysed (parse errors, rule failures): never rule violations. */
  readonly issues: readonly ParseIssue[];
  /** Set when the file was not linted, with the reason in words (a notice, not an error). */
  readonly skipped?: string;
  /** For a parameters file: the template that was linted with its values. */
  readonly template?: string;
}

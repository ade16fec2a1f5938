import type { SourceLocation, SourceRange } from './source';
import type { ObjectNode, ValueNode } from './value';

export type TemplateLanguage = 'arm' | 'bicep';

/**
 * One declared resource, the same shape whether it came from ARM JSON or Bicep. Child resources
 * (nested in `resources` arrays or Bicep bodies, or with `parent:`) are flattened into the
 * template's list with their full type (`Microsoft.Compute/virtualMachines/extensions`) and
 * `parentId` set.
 */
export interface Resource {
  /** Unique within the analysed set: Bicep symbolic name, ARM symbolic name, or a path-like key. */
  readonly id: string;
  /** Full type, e.g. `Microsoft.KeyVault/vaults/keys`. Matched case-insensitively by rules. */
  readonly type: string;
  readonly apiVersion?: string;
  /** Full name as evaluated (for children, `parent/child`); unknown when not evaluable. */
  readonly name: ValueNode;
  readonly location?: ValueNode;
  /** The `properties` object (absent when not written). */
  readonly properties?: ValueNode;
  /** The whole resource body (`{ type, name, properties, ... }` in JSON, the object after `=` in Bicep). */
  readonly body: ObjectNode;
  /**
   * Where to report "something is missing on this resource": the symbolic name of a Bicep
   * declaration, the `type` property's value of an ARM resource.
   */
  readonly declRange: SourceRange;
  readonly file: string;
  readonly parentId?: string;
  /** `existing` resources (Bicep) are references: rules read them but never report on them. */
  readonly existing: boolean;
  /** A deploy-time condition; undefined when the resource is unconditional. */
  readonly condition?: ValueNode;
  /** Present when declared in a loop (`copy` or Bicep `for`); the body is evaluated for a representative item. */
  readonly loop?: { readonly count?: ValueNode; readonly range: SourceRange };
  /** The chain of module/nested-deployment calls that brought this resource in (outermost first). */
  readonly via?: readonly ModuleCall[];
}

/** A module (Bicep) or nested deployment (ARM) call site. */
export interface ModuleCall {
  readonly name: string;
  readonly location: SourceLocation;
  /** The file that declares the module body (same file for an inline nested template). */
  readonly targetFile: string;
}

export interface ParameterDecl {
  readonly name: string;
  readonly type?: string;
  readonly declRange: SourceRange;
  readonly defaultValue?: ValueNode;
  /** The value actually used (parameters file, module argument, or default). */
  readonly value: ValueNode;
  readonly allowedValues?: readonly unknown[];
}

export interface VariableDecl {
  readonly name: string;
  readonly declRange: SourceRange;
  readonly value: ValueNode;
}

export interface OutputDecl {
  readonly name: string;
  readonly declRange: SourceRange;
  readonly value: ValueNode;
}

export type ParseIssueSeverity = 'error' | 'warning' | 'info';

/** Something the parser could not read; reported as "could not be read", never as a rule violation. */
export interface ParseIssue {
  readonly message: string;
  readonly severity: ParseIssueSeverity;
  readonly location: SourceLocation;
  /** Stable code, e.g. `parse-error`, `unsupported-syntax`, `expression-too-deep`, `skipped`. */
  readonly code: string;
}

export type FileKind = 'armTemplate' | 'armParameters' | 'bicep' | 'bicepParams' | 'notATemplate';

/** Everything known about one analysed entry file (with the modules it pulled in). */
export interface TemplateModel {
  readonly file: string;
  readonly language: TemplateLanguage;
  readonly kind: FileKind;
  /** All resources, including those of followed modules and nested deployments. */
  readonly resources: readonly Resource[];
  readonly parameters: readonly ParameterDecl[];
  readonly variables: readonly VariableDecl[];
  readonly outputs: readonly OutputDecl[];
  readonly issues: readonly ParseIssue[];
  /** Texts of every file that contributed (entry file first), for suppression comments and fixes. */
  readonly sources: ReadonlyMap<string, string>;
}

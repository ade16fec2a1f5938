// A small checker for JSON values against Swagger 2.0 definitions: resolves $ref across files and allOf, checks
// types, required properties, strict enums and unknown properties. Enough to keep the sandbox's shapes honest.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

type Schema = Record<string, unknown>;

export class SpecChecker {
  private readonly files = new Map<string, Schema>();

  constructor(private readonly root: string) {}

  static locate(): SpecChecker | undefined {
    const root = path.resolve(process.cwd(), '..', 'shared', 'specs');
    return existsSync(path.join(root, 'specification')) ? new SpecChecker(root) : undefined;
  }

  private load(file: string): Schema {
    let doc = this.files.get(file);
    if (!doc) {
      doc = JSON.parse(readFileSync(file, 'utf8')) as Schema;
      this.files.set(file, doc);
    }
    return doc;
  }

  /** Checks `value` against `definition` of the spec file (path relative to the specs folder). */
  check(value: unknown, specFile: string, definition: string): string[] {
    const file = path.join(this.root, specFile);
    const errors: string[] = [];
    this.checkSchema(value, { $ref: `#/definitions/${definition}` }, file, '$', errors, 0);
    return errors;
  }

  private resolve(schema: Schema, file: string): { schema: Schema; file: string } {
    let s = schema;
    let f = file;
    for (let i = 0; i < 20 && typeof s['$ref'] === 'string'; i++) {
      const [target, pointer] = (s['$ref'] as string).split('#');
      if (target) f = path.resolve(path.dirname(f), target);
      let node: unknown = this.load(f);
      for (const part of (pointer ?? '').split('/').filter(Boolean)) node = (node as Schema)[part];
      if (!node) throw new Error(`unresolved $ref ${String(s['$ref'])} in ${f}`);
      s = node as Schema;
    }
    return { schema: s, file: f };
  }

  /** Properties and required names of a schema including everything it inherits through allOf. */
  private flatten(
    schema: Schema,
    file: string,
  ): { props: Map<string, { schema: Schema; file: string }>; required: Set<string>; open: boolean; isObject: boolean } {
    const props = new Map<string, { schema: Schema; file: string }>();
    const required = new Set<string>();
    let open = false;
    let isObject = schema['type'] === 'object' || schema['properties'] !== undefined;
    const visit = (raw: Schema, f: string): void => {
      const { schema: s, file: sf } = this.resolve(raw, f);
      for (const part of (s['allOf'] as Schema[] | undefined) ?? []) visit(part, sf);
      for (const [k, v] of Object.entries((s['properties'] as Record<string, Schema> | undefined) ?? {}))
        props.set(k, { schema: v, file: sf });
      for (const r of (s['required'] as string[] | undefined) ?? []) required.add(r);
      if (s['additionalProperties'] !== undefined && s['additionalProperties'] !== false) open = true;
      if (s['type'] === 'object' || s['properties']) isObject = true;
    };
    visit(schema, file);
    return { props, required, open, isObject };
  }

  private checkSchema(value: unknown, raw: Schema, file: string, at: string, errors: string[], depth: number): void {
    if (depth > 40) return;
    const { schema, file: f } = this.resolve(raw, file);
    if (value === null) {
      if (schema['x-nullable'] !== true) errors.push(`${at}: null not allowed`);
      return;
    }
    const type = schema['type'] as string | undefined;
    const hasAllOf = Array.isArray(schema['allOf']);
    if (type === 'object' || schema['properties'] || hasAllOf) {
      if (typeof value !== 'object' || Array.isArray(value)) {
        errors.push(`${at}: expected object`);
        return;
      }
      const { props, required, open } = this.flatten(schema, f);
      const v = value as Record<string, unknown>;
      for (const r of required) if (v[r] === undefined) errors.push(`${at}.${r}: required property missing`);
      for (const [k, child] of Object.entries(v)) {
        const p = props.get(k);
        if (p) this.checkSchema(child, p.schema, p.file, `${at}.${k}`, errors, depth + 1);
        else if (!open && props.size > 0) errors.push(`${at}.${k}: not in the spec`);
      }
      return;
    }
    switch (type) {
      case 'string': {
        if (typeof value !== 'string') errors.push(`${at}: expected string, got ${typeof value}`);
        const en = schema['enum'] as string[] | undefined;
        const x = schema['x-ms-enum'] as { modelAsString?: boolean } | undefined;
        if (
          en &&
          typeof value === 'string' &&
          x?.modelAsString !== true &&
          !en.some((e) => e.toLowerCase() === value.toLowerCase())
        ) {
          errors.push(`${at}: '${value}' not in enum [${en.join(', ')}]`);
        }
        return;
      }
      case 'integer':
        if (!Number.isInteger(value)) errors.push(`${at}: expected integer`);
        return;
      case 'number':
        if (typeof value !== 'number') errors.push(`${at}: expected number`);
        return;
      case 'boolean':
        if (typeof value !== 'boolean') errors.push(`${at}: expected boolean`);
        return;
      case 'array':
        if (!Array.isArray(value)) {
          errors.push(`${at}: expected array`);
          return;
        }
        value.forEach((item, i) =>
          this.checkSchema(item, (schema['items'] as Schema | undefined) ?? {}, f, `${at}[${i}]`, errors, depth + 1),
        );
        return;
      default:
        return;
    }
  }
}

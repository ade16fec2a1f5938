import type { PropertyNode, Rule } from '../model';
import { getProperty } from '../model';
import { adeExtensions, type ExtensionInfo } from './util/ade';
import { insertPropertyFix, replaceValueFix } from './util/fixes';
import { report } from './util/values';

const VERSIONS = {
  windows: { current: '2.2', currentMajor: '2', legacy: '1.1', legacyMajor: '1' },
  linux: { current: '1.1', currentMajor: '1', legacy: '0.1', legacyMajor: '0' },
} as const;

export const AAD_SETTINGS = ['AADClientID', 'AADClientSecret', 'AADClientCertThumbprint', 'AADClientCertificate'];

/** AAD (legacy dual-pass) settings present in settings or protectedSettings. */
export function aadSettings(e: ExtensionInfo): PropertyNode[] {
  const out: PropertyNode[] = [];
  for (const l of [e.settings, e.protectedSettings]) {
    if (l.state !== 'present') continue;
    for (const k of AAD_SETTINGS) {
      const p = getProperty(l.value, k);
      if (p) out.push(p);
    }
  }
  return out;
}

function versionText(p: PropertyNode | undefined): string | undefined {
  if (p?.value.kind !== 'scalar') return undefined;
  const v = p.value.value;
  if (typeof v === 'number') return Number.isInteger(v) ? `${v}.0` : String(v);
  return typeof v === 'string' ? v.trim() : undefined;
}

export const rule: Rule = {
  meta: {
    id: 'ade-extension-version',
    title: 'ADE typeHandlerVersion must be a current single-pass version',
    defaultSeverity: 'warning',
    explanation:
      'Windows ADE is 2.2 (1.1 is the legacy Microsoft Entra/AAD dual-pass schema); Linux ADE is 1.1 (0.1 is the legacy AAD schema). Other versions do not exist, and AAD settings only work with the legacy versions.',
    fixHint: "Use typeHandlerVersion '2.2' (Windows) or '1.1' (Linux) without AAD settings.",
    docs: 'docs/rules/ade-extension-version.md',
    tags: ['ade'],
  },
  *check(ctx) {
    for (const e of adeExtensions(ctx)) {
      if (!e.os || e.properties?.kind !== 'object') continue;
      const file = e.resource.file;
      const m = VERSIONS[e.os];
      const prop = getProperty(e.properties, 'typeHandlerVersion');
      const aad = aadSettings(e);
      const osName = e.os === 'linux' ? 'Linux' : 'Windows';
      if (!prop) {
        yield report(
          e.resource,
          e.propertiesProp?.keyRange ?? e.resource.declRange,
          `The ${osName} ADE extension needs typeHandlerVersion '${aad.length ? m.legacy : m.current}'.`,
          {
            severity: 'error',
            fixes: [
              insertPropertyFix(
                ctx,
                file,
                e.properties,
                'typeHandlerVersion',
                aad.length ? m.legacy : m.current,
                `Add typeHandlerVersion '${aad.length ? m.legacy : m.current}'`,
              ),
            ],
          },
        );
        continue;
      }
      const v = versionText(prop);
      if (v === undefined) continue;
      const major = v.split('.')[0];
      const setCurrent = replaceValueFix(ctx, file, prop.value, m.current, `Set typeHandlerVersion to '${m.current}'`);
      if (v === m.current || (major === m.currentMajor && e.os === 'windows')) {
        if (aad.length) {
          yield report(
            e.resource,
            aad[0]!.keyRange,
            `AAD settings (${aad.map((p) => p.key).join(', ')}) belong to the legacy ${osName} ADE schema ${m.legacy}; version ${v} ignores them. Remove them (the vault flag enabledForDiskEncryption grants access).`,
            {
              severity: 'error',
              related: [{ message: 'typeHandlerVersion', location: { file, range: prop.value.range } }],
            },
          );
        } else if (v !== m.current) {
          yield report(
            e.resource,
            prop.value.range,
            `Windows ADE version ${v} is not a documented version; use ${m.current}.`,
            {
              value: prop.value,
              fixes: [setCurrent],
            },
          );
        }
        continue;
      }
      if (major === m.legacyMajor) {
        // VMs encrypted with the legacy schema are decrypted with it too.
        if (e.disables) continue;
        yield report(
          e.resource,
          prop.value.range,
          `${osName} ADE ${v} is the legacy Microsoft Entra (AAD) dual-pass schema; migrate to ${m.current}, which needs no AAD application.`,
          { value: prop.value, fixes: aad.length ? [] : [setCurrent] },
        );
        continue;
      }
      yield report(
        e.resource,
        prop.value.range,
        `${osName} ADE has no version ${v}; the current version is ${m.current} (legacy AAD: ${m.legacy}).`,
        {
          severity: 'error',
          value: prop.value,
          fixes: [setCurrent],
        },
      );
    }
  },
};

import type { PropertyNode, Rule } from '../model';
import { getProperty } from '../model';
import { ADE_EXTENSIONS, versionKind } from '../../ade';
import { adeExtensions, adeOs, type ExtensionInfo } from './util/ade';
import { insertPropertyFix, replaceValueFix } from './util/fixes';
import { report } from './util/values';

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
    explanation: `Windows ADE is ${ADE_EXTENSIONS.Windows.current} (${ADE_EXTENSIONS.Windows.earlierMinor.join(', ')} was the earlier single-pass release, ${ADE_EXTENSIONS.Windows.legacy} the legacy Microsoft Entra/AAD dual-pass schema); Linux ADE is ${ADE_EXTENSIONS.Linux.current} (${ADE_EXTENSIONS.Linux.legacy} is the legacy AAD schema). Other versions do not exist, and AAD settings only work with the legacy versions.`,
    fixHint: `Use typeHandlerVersion '${ADE_EXTENSIONS.Windows.current}' (Windows) or '${ADE_EXTENSIONS.Linux.current}' (Linux) without AAD settings.`,
    docs: 'docs/rules/ade-extension-version.md',
    tags: ['ade'],
  },
  *check(ctx) {
    for (const e of adeExtensions(ctx)) {
      if (!e.os || e.properties?.kind !== 'object') continue;
      const file = e.resource.file;
      const ext = ADE_EXTENSIONS[adeOs(e.os)];
      const m = { current: ext.current, legacy: ext.legacy };
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
      const kind = versionKind(adeOs(e.os), v);
      const setCurrent = replaceValueFix(ctx, file, prop.value, m.current, `Set typeHandlerVersion to '${m.current}'`);
      if (kind === 'current' || kind === 'earlierMinor' || (kind === 'otherMinor' && e.os === 'windows')) {
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
        } else if (kind === 'earlierMinor') {
          // 2.1 was the earlier single-pass Windows release; autoUpgradeMinorVersion moves it to 2.2.
          yield report(
            e.resource,
            prop.value.range,
            `Windows ADE ${v} is the earlier single-pass release; ${m.current} is current and a minor upgrade (autoUpgradeMinorVersion applies it).`,
            { severity: 'info', value: prop.value, fixes: [setCurrent] },
          );
        } else if (kind === 'otherMinor') {
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
      if (kind === 'legacy') {
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

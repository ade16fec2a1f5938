import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArmFile } from '../../../../src/analysis/arm';
import { parseBicepFile } from '../../../../src/analysis/bicep';
import type { Resource } from '../../../../src/analysis/model';
import { getPath } from '../../../../src/analysis/model';
import { FIXTURES, plainValue } from './helpers';

const DIR = path.join(FIXTURES, 'parity');

/** What the rules compare: identity, type, evaluated name, location, properties, flags. */
function shape(r: Resource): unknown {
  return {
    id: r.id,
    type: r.type,
    apiVersion: r.apiVersion,
    name: plainValue(r.name),
    location: plainValue(r.location),
    properties: plainValue(r.properties),
    existing: r.existing,
    parentId: r.parentId,
    loop: r.loop !== undefined,
  };
}

/**
 * A Bicep file and the ARM JSON Bicep compiles it to (languageVersion 2.0, symbolic names) give
 * the same resources, so rules find the same things in both.
 */
async function compare(
  edit: (text: string, lang: 'bicep' | 'arm') => string = (t) => t,
  ignoreParent = false,
): Promise<void> {
  const bicepFile = path.join(DIR, 'vault-ade.bicep');
  const armFile = path.join(DIR, 'vault-ade.json');
  const bicep = await parseBicepFile(bicepFile, edit(fs.readFileSync(bicepFile, 'utf8'), 'bicep'));
  const arm = parseArmFile(armFile, edit(fs.readFileSync(armFile, 'utf8'), 'arm'));
  assert.deepEqual(bicep.issues, []);
  const byId = (rs: readonly Resource[]): Map<string, unknown> => new Map(rs.map((r) => [r.id, shape(r)]));
  const b = byId(bicep.resources);
  const a = byId(arm.resources);
  assert.deepEqual([...b.keys()].sort(), [...a.keys()].sort());
  for (const [id, s] of b) {
    const drop = (x: unknown): unknown => (ignoreParent ? { ...(x as object), parentId: undefined } : x);
    assert.deepEqual(drop(s), drop(a.get(id)), `resource ${id}`);
  }
  const ref = (rs: readonly Resource[]): unknown => {
    const v = getPath(rs.find((r) => r.id === 'ade')?.properties, 'settings', 'KeyVaultResourceId');
    return v?.kind === 'scalar' ? v.resourceRef : v?.kind;
  };
  assert.deepEqual(ref(bicep.resources), ref(arm.resources));
}

describe('bicep/ARM parity', () => {
  it('yields the same resource model as the compiled template', async () => {
    await compare();
  });

  it('yields the same symbolic names and ids when the vault name is only known at deployment', async () => {
    await compare(
      (text, lang) =>
        lang === 'bicep'
          ? text.replace("'kv-ade-parity'", "'kv-${uniqueString(resourceGroup().id)}'")
          : text.replace('"kv-ade-parity"', `"[format('kv-{0}', uniqueString(resourceGroup().id))]"`),
      // The ARM side infers parents from known names only; Bicep knows them from the nesting.
      true,
    );
  });
});

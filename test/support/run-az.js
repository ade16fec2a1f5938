#!/usr/bin/env node
'use strict';
// Conformance with the reference client: drives the real Azure CLI (pinned, installed into the tools cache by
// scripts/ensure-az.sh) against the sandbox's HTTPS server, as a user would after the README's three commands.
// Where the extension shows the same thing, compares: its "Show Encryption Status" JSON with
// `az vm encryption show`, and its badges with the per-disk states the CLI reports.
// Usage: node test/support/run-az.js [--grep <text>]   (needs `node scripts/build.mjs` first: dist/)
// Ends with "az: N passed, N failed".
const { spawn, spawnSync } = require('child_process');
const assert = require('assert/strict');
const fs = require('fs');
const https = require('https');
const os = require('os');
const path = require('path');
const { createInterface } = require('readline');
const { summaryLine } = require('./summary');

const root = path.resolve(__dirname, '..', '..');
const grepAt = process.argv.indexOf('--grep');
const grep = grepAt > 0 ? process.argv[grepAt + 1] : undefined;

const PROD = '4f6c1a52-8d3e-4b7a-9c21-5e0d7f3a9b10';
const DR = '9b2d7e41-3c5f-4a68-b1e9-2f4c6d8a0c20';
const RG = 'rg-ade-prod';
const OPERATOR = 'aaaaaaaa-0000-4000-8000-000000000001';
const READER = 'aaaaaaaa-0000-4000-8000-000000000002';
const CLOUD = 'AdeSandbox';

function ensureAz() {
  const r = spawnSync('bash', [path.join(root, 'scripts', 'ensure-az.sh'), '--print-path'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const azPath = (r.stdout || '').trim().split('\n').pop();
  if (r.status !== 0 || !azPath || !fs.existsSync(azPath)) {
    throw new Error('scripts/ensure-az.sh could not provide the Azure CLI (see its message above).');
  }
  return azPath;
}

async function startSandbox() {
  const script = path.join(root, 'dist', 'sandbox-server.js');
  if (!fs.existsSync(script)) throw new Error('dist/sandbox-server.js is missing: run `node scripts/build.mjs` first.');
  // Manual clock: operations finish on their first poll, disk encryption stays in progress until time moves, so
  // "right after enable" and "in progress" are stable states to compare.
  const child = spawn(process.execPath, [script, '--port', '0', '--scenario', 'default', '--clock', 'manual'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the sandbox exited with ${code}`)));
  });
  return { child, info: JSON.parse(line) };
}

function makeAz(azPath, env) {
  /** Runs `az <args> -o json`; returns exit code, parsed JSON (when any) and stderr. */
  return function az(args) {
    const r = spawnSync(azPath, [...args, '-o', 'json'], { env, encoding: 'utf8', timeout: 120_000 });
    let json;
    try {
      json = r.stdout && r.stdout.trim() ? JSON.parse(r.stdout) : undefined;
    } catch {
      json = undefined;
    }
    return { code: r.status, json, stdout: r.stdout || '', stderr: r.stderr || '' };
  };
}

function ok(r, what) {
  assert.equal(r.code, 0, `${what} failed (exit ${r.code}): ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  return r.json;
}

function refused(r, code) {
  assert.notEqual(r.code, 0, `expected a refusal, got success: ${r.stdout.slice(0, 200)}`);
  assert.match(r.stderr, new RegExp(code), `expected ${code} in: ${r.stderr.trim().slice(0, 400)}`);
}

/** The extension's Azure layer (dist/azure.js) over HTTPS with the operator's credential. */
function extensionClient(info) {
  const azure = require(path.join(root, 'dist', 'azure.js'));
  const { createDefaultHttpClient } = require('@azure/core-rest-pipeline');
  const agent = new https.Agent({ ca: fs.readFileSync(info.caCert) });
  const inner = createDefaultHttpClient();
  const httpClient = {
    sendRequest(request) {
      request.agent = agent;
      return inner.sendRequest(request);
    },
  };
  const operator = info.principals.find((p) => p.name === 'ade-operator');
  const credential = azure.clientSecretCredential({
    tenantId: info.tenantId,
    clientId: operator.appId,
    clientSecret: operator.secret,
    authorityHost: info.endpoint,
    httpClient,
  });
  const factory = new azure.AzureClientFactory({
    cloud: azure.customCloud(info.endpoint, { displayName: 'Sandbox' }),
    credential,
    endpoint: info.endpoint,
    httpClient,
    retry: { maxRetries: 1, retryDelayInMs: 10, maxRetryDelayInMs: 50 },
  });
  return { azure, factory };
}

/** JSON as the CLI prints it: no undefined members, dates as ISO strings. */
const plain = (v) => JSON.parse(JSON.stringify(v ?? null));

/** The CLI's view of a VM from `az vm encryption show` (single-pass ADE): per-disk EncryptionState codes. */
function cliDiskStates(show, osDiskName) {
  const state = (d) => {
    const code = (d.statuses.find((s) => /^EncryptionState\//i.test(s.code)) || { code: '' }).code;
    return (code.split('/')[1] || 'none').toLowerCase();
  };
  const osDisk = show.disks.find((d) => d.name === osDiskName);
  const data = show.disks.filter((d) => d.name !== osDiskName);
  return { os: osDisk ? state(osDisk) : undefined, data: data.map(state) };
}

async function main() {
  const azPath = ensureAz();
  const { child, info } = await startSandbox();
  const config = fs.mkdtempSync(path.join(os.tmpdir(), 'ade-az-'));
  const env = {
    ...process.env,
    AZURE_CONFIG_DIR: config,
    REQUESTS_CA_BUNDLE: info.caCert,
    // The sandbox is not one of Microsoft's authority hosts: MSAL must not ask login.microsoftonline.com about it.
    AZURE_CORE_INSTANCE_DISCOVERY: 'false',
    AZURE_CORE_COLLECT_TELEMETRY: 'false',
    AZURE_CORE_ONLY_SHOW_ERRORS: 'true',
    AZURE_CORE_NO_COLOR: 'true',
  };
  const az = makeAz(azPath, env);
  const ext = extensionClient(info);
  const vmWithView = (sub, rg, name) =>
    ext.factory.compute(sub).virtualMachines.get(rg, name, { expand: 'instanceView' });
  const login = (appId, secret) =>
    az(['login', '--service-principal', '-u', appId, '-p', secret, '--tenant', info.tenantId]);

  const checks = [];
  /** `always`: sign-in steps that the others need, run even when --grep selects other checks. */
  const check = (name, fn, always = false) => checks.push({ name, fn, always });

  // Sign-in
  check(
    'cloud register reads the endpoints from /metadata/endpoints',
    () => {
      ok(az(['cloud', 'register', '-n', CLOUD, '--endpoint-resource-manager', `${info.endpoint}/`]), 'cloud register');
      ok(az(['cloud', 'set', '-n', CLOUD]), 'cloud set');
      const c = ok(az(['cloud', 'show', '-n', CLOUD]), 'cloud show');
      assert.equal(c.endpoints.resourceManager, `${info.endpoint}/`);
      assert.equal(c.endpoints.activeDirectory, `${info.endpoint}/`);
      assert.equal(c.suffixes.keyvaultDns, '.vault.azure.net');
    },
    true,
  );
  check('login with a wrong secret is refused with AADSTS7000215 (invalid_client)', () => {
    refused(login(OPERATOR, 'not-the-secret'), 'AADSTS7000215');
  });
  check('the reader signs in and sees only Contoso Production', () => {
    const subs = ok(login(READER, 'sandbox'), 'reader login');
    assert.deepEqual(
      subs.map((s) => s.id),
      [PROD],
    );
  });
  check('the reader is refused writes with AuthorizationFailed', () => {
    refused(
      az([
        'vm',
        'encryption',
        'enable',
        '-g',
        RG,
        '-n',
        'vm-plain',
        '--disk-encryption-keyvault',
        'kv-ade-ready',
        '--volume-type',
        'DATA',
      ]),
      'AuthorizationFailed',
    );
    refused(
      az(['keyvault', 'update', '-g', RG, '-n', 'kv-ade-noflag', '--enabled-for-disk-encryption', 'true']),
      'AuthorizationFailed',
    );
    refused(
      az([
        'role',
        'assignment',
        'create',
        '--assignee-object-id',
        'bbbbbbbb-0000-4000-8000-000000000002',
        '--assignee-principal-type',
        'ServicePrincipal',
        '--role',
        'Owner',
        '--scope',
        `/subscriptions/${PROD}`,
      ]),
      'AuthorizationFailed',
    );
    refused(
      az(['disk', 'list', '-g', 'rg-dr-weu', '--subscription', DR]),
      "AuthorizationFailed|not found|doesn't exist",
    );
  });
  check('the reader may read: vm show, keyvault show', () => {
    assert.equal(ok(az(['vm', 'show', '-g', RG, '-n', 'vm-linux-data']), 'vm show').name, 'vm-linux-data');
    assert.equal(ok(az(['keyvault', 'show', '-n', 'kv-ade-ready']), 'keyvault show').name, 'kv-ade-ready');
  });
  check(
    'the operator signs in and sees both subscriptions',
    () => {
      const subs = ok(login(OPERATOR, 'sandbox'), 'operator login');
      assert.deepEqual(subs.map((s) => s.id).sort(), [PROD, DR].sort());
      ok(az(['account', 'set', '-s', PROD]), 'account set');
    },
    true,
  );

  // Reads
  check('vm show and disk list/show', () => {
    const vm = ok(az(['vm', 'show', '-g', RG, '-n', 'vm-win-ade-kek']), 'vm show');
    assert.equal(vm.storageProfile.osDisk.osType, 'Windows');
    const disks = ok(az(['disk', 'list', '-g', RG]), 'disk list');
    assert.ok(disks.some((d) => d.name === vm.storageProfile.osDisk.name));
    const d = ok(az(['disk', 'show', '-g', RG, '-n', vm.storageProfile.osDisk.name]), 'disk show');
    assert.equal(d.encryptionSettingsCollection.enabled, true);
  });

  // Show Encryption Status against `az vm encryption show`
  const compareShow = (name, expect) => async () => {
    const cli = ok(az(['vm', 'encryption', 'show', '-g', RG, '-n', name]), 'vm encryption show');
    const vm = await vmWithView(PROD, RG, name);
    const mine = plain(ext.azure.vmShowStatus(vm, vm.instanceView));
    assert.deepEqual(mine, cli, 'the extension\'s "Show Encryption Status" JSON differs from az vm encryption show');
    const states = cliDiskStates(cli, vm.storageProfile.osDisk.name);
    if (expect) expect(cli, states);
    // Badges: the extension's OS / data verdicts agree with the CLI's per-disk states.
    const disks = [];
    for await (const d of ext.factory.compute(PROD).disks.listByResourceGroup(RG)) disks.push(d);
    const st = ext.azure.encryptionState(vm, vm.instanceView, disks);
    if (states.os === 'encrypted' || states.os === 'notencrypted') {
      assert.equal(st.osDiskEncrypted, states.os === 'encrypted', `OS disk: badge ${st.summary}, CLI ${states.os}`);
    }
    if (states.data.length && states.data.every((s) => s === 'encrypted' || s === 'notencrypted')) {
      assert.equal(
        st.dataDisksEncrypted,
        states.data.every((s) => s === 'encrypted'),
        `data disks: badge ${st.summary}, CLI ${states.data.join(',')}`,
      );
    }
    if ([states.os, ...states.data].includes('encryptioninprogress')) assert.equal(st.summary, 'inProgress');
  };
  check(
    'vm encryption show, Windows with KEK: same JSON as Show Encryption Status; badge encrypted',
    compareShow('vm-win-ade-kek', (cli, s) => {
      assert.equal(s.os, 'encrypted');
      assert.deepEqual(s.data, ['encrypted']);
    }),
  );
  check(
    'vm encryption show, Linux data-only: same JSON; OS not encrypted, data encrypted',
    compareShow('vm-linux-data', (cli, s) => {
      assert.equal(s.os, 'notencrypted');
      assert.deepEqual(s.data, ['encrypted', 'encrypted']);
    }),
  );
  check(
    'vm encryption show, failed extension: same JSON; the extension status is failed',
    compareShow('vm-ade-failed', (cli) => {
      assert.match(cli.status[0].code, /failed/i);
    }),
  );
  check(
    'vm encryption show, in progress: same JSON; badge in progress',
    compareShow('vm-ade-inprogress', (cli, s) => {
      assert.ok([s.os, ...s.data].includes('encryptioninprogress'), JSON.stringify(s));
    }),
  );
  check(
    'legacy AAD ADE: vm show stamps osDisk.encryptionSettings, the extension matches the legacy status',
    async () => {
      // `az vm encryption show` on legacy ADE calls VMExtensionShow with a field it does not fill ("Missing
      // required field: -n", azure-cli 2.91 disk_encryption.py show_vm_encryption_status), so read what it reads.
      const vmCli = ok(az(['vm', 'show', '-g', RG, '-n', 'vm-legacy-aad']), 'vm show');
      const extCli = ok(
        az(['vm', 'extension', 'show', '-g', RG, '--vm-name', 'vm-legacy-aad', '-n', 'AzureDiskEncryption']),
        'vm extension show',
      );
      const vm = await vmWithView(PROD, RG, 'vm-legacy-aad');
      const mine = plain(ext.azure.vmShowStatus(vm, vm.instanceView));
      assert.deepEqual(mine.osDiskEncryptionSettings, vmCli.storageProfile.osDisk.encryptionSettings);
      assert.equal(mine.osType, 'Windows');
      assert.equal(mine.osDisk, 'Encrypted');
      assert.equal(extCli.provisioningState, 'Succeeded');
      assert.equal(mine.dataDisk, extCli.settings.VolumeType.toLowerCase() !== 'os' ? 'Encrypted' : 'NotEncrypted');
    },
  );

  // APIs for the move to encryption at host
  check(
    'feature show/register: EncryptionAtHost Registered in Production, NotRegistered in DR until registered',
    () => {
      const f = ['--namespace', 'Microsoft.Compute', '--name', 'EncryptionAtHost'];
      assert.equal(ok(az(['feature', 'show', ...f]), 'feature show').properties.state, 'Registered');
      assert.equal(
        ok(az(['feature', 'show', ...f, '--subscription', DR]), 'feature show').properties.state,
        'NotRegistered',
      );
      const r = ok(az(['feature', 'register', ...f, '--subscription', DR]), 'feature register');
      assert.equal(r.properties.state, 'Registering');
    },
  );
  check(
    'disk create --upload-type Upload, grant-access (SAS), revoke-access: ReadyToUpload, ActiveUpload, Unattached',
    () => {
      const d = ok(
        az([
          'disk',
          'create',
          '-g',
          RG,
          '-n',
          'disk-upload',
          '--upload-type',
          'Upload',
          '--upload-size-bytes',
          '34359738880',
          '--sku',
          'standard_lrs',
        ]),
        'disk create',
      );
      assert.equal(d.diskState, 'ReadyToUpload');
      const sas = ok(
        az([
          'disk',
          'grant-access',
          '-g',
          RG,
          '-n',
          'disk-upload',
          '--access-level',
          'Write',
          '--duration-in-seconds',
          '86400',
        ]),
        'grant-access',
      );
      assert.match(sas.accessSas || sas.accessSAS || '', /^https:\/\/.+\?sv=.+&sig=/);
      assert.equal(ok(az(['disk', 'show', '-g', RG, '-n', 'disk-upload']), 'disk show').diskState, 'ActiveUpload');
      ok(az(['disk', 'revoke-access', '-g', RG, '-n', 'disk-upload']), 'revoke-access');
      assert.equal(ok(az(['disk', 'show', '-g', RG, '-n', 'disk-upload']), 'disk show').diskState, 'Unattached');
    },
  );
  check('vm run-command invoke: manage-bde -status agrees with the badge (Windows, OS only)', async () => {
    const r = ok(
      az([
        'vm',
        'run-command',
        'invoke',
        '-g',
        RG,
        '-n',
        'vm-win-os-only',
        '--command-id',
        'RunPowerShellScript',
        '--scripts',
        'manage-bde -status',
      ]),
      'run-command invoke',
    );
    const out = r.value[0].message;
    assert.match(out, /Volume C: \[Windows\]\n\[OS Volume\][\s\S]*?Conversion Status:\s+Fully Encrypted/);
    assert.match(out, /Volume F: \[Data\][\s\S]*?Conversion Status:\s+Fully Decrypted/);
    const vm = await vmWithView(PROD, RG, 'vm-win-os-only');
    const st = ext.azure.encryptionState(vm, vm.instanceView, []);
    assert.equal(st.summary, 'dataNotEncrypted');
  });
  check('vm run-command invoke: lsblk and cryptsetup status show the encrypted data volumes (Linux)', () => {
    const r = ok(
      az([
        'vm',
        'run-command',
        'invoke',
        '-g',
        RG,
        '-n',
        'vm-linux-data',
        '--command-id',
        'RunShellScript',
        '--scripts',
        'lsblk',
        'cryptsetup status resourceencrypt-lun0',
      ]),
      'run-command invoke',
    );
    const out = r.value[0].message;
    assert.match(out, /resourceencrypt-lun0\s+253:0\s.*crypt \/data0/);
    assert.match(out, /\/dev\/mapper\/resourceencrypt-lun0 is active and is in use\./);
    assert.doesNotMatch(out, /osencrypt\s+253/);
  });

  // Writes
  check('vm encryption enable (Linux, DATA) succeeds; show right after enable works and matches', async () => {
    ok(
      az([
        'vm',
        'encryption',
        'enable',
        '-g',
        RG,
        '-n',
        'vm-plain',
        '--disk-encryption-keyvault',
        'kv-ade-ready',
        '--volume-type',
        'DATA',
      ]),
      'vm encryption enable',
    );
    await compareShow('vm-plain')();
  });
  check(
    'vm encryption enable with a KEK URL (Windows, ALL) re-runs the failed VM with a ready vault; show matches',
    async () => {
      const kek = ok(
        az(['vm', 'extension', 'show', '-g', RG, '--vm-name', 'vm-win-ade-kek', '-n', 'AzureDiskEncryption']),
        'extension show',
      ).settings.KeyEncryptionKeyURL;
      ok(
        az([
          'vm',
          'encryption',
          'enable',
          '-g',
          RG,
          '-n',
          'vm-ade-failed',
          '--disk-encryption-keyvault',
          'kv-ade-ready',
          '--key-encryption-key',
          kek,
          '--volume-type',
          'ALL',
        ]),
        'vm encryption enable',
      );
      const e = ok(
        az(['vm', 'extension', 'show', '-g', RG, '--vm-name', 'vm-ade-failed', '-n', 'AzureDiskEncryption']),
        'show',
      );
      assert.equal(e.settings.KeyEncryptionKeyURL, kek);
      assert.equal(e.provisioningState, 'Succeeded');
      await compareShow('vm-ade-failed', (cli) => assert.match(cli.status[0].code, /succeeded/i))();
    },
  );
  check('vm encryption enable on an encryption-at-host VM fails with the extension error', () => {
    refused(
      az([
        'vm',
        'encryption',
        'enable',
        '-g',
        RG,
        '-n',
        'vm-eah',
        '--disk-encryption-keyvault',
        'kv-ade-ready',
        '--volume-type',
        'ALL',
      ]),
      'VMExtensionProvisioningError',
    );
  });
  check('vm encryption disable (Windows, ALL) is accepted without typeHandlerVersion', () => {
    ok(
      az(['vm', 'encryption', 'disable', '-g', RG, '-n', 'vm-win-os-only', '--volume-type', 'ALL']),
      'vm encryption disable',
    );
    const e = ok(
      az(['vm', 'extension', 'show', '-g', RG, '--vm-name', 'vm-win-os-only', '-n', 'AzureDiskEncryption']),
      'extension show',
    );
    assert.equal(e.settings.EncryptionOperation, 'DisableEncryption');
    assert.equal(e.typeHandlerVersion, '2.2');
  });
  check('vm encryption disable (Linux, DATA) is accepted and the data disks start decrypting', () => {
    ok(az(['vm', 'encryption', 'disable', '-g', RG, '-n', 'vm-linux-data', '--volume-type', 'DATA']), 'disable');
    const cli = ok(az(['vm', 'encryption', 'show', '-g', RG, '-n', 'vm-linux-data']), 'vm encryption show');
    const vm = ok(az(['vm', 'show', '-g', RG, '-n', 'vm-linux-data']), 'vm show');
    const states = cliDiskStates(cli, vm.storageProfile.osDisk.name);
    assert.ok(
      states.data.every((x) => x !== 'encrypted'),
      JSON.stringify(states),
    );
  });
  check('vmss encryption show lists every instance; vmss encryption enable is accepted', async () => {
    const cli = ok(az(['vmss', 'encryption', 'show', '-g', RG, '-n', 'vmss-linux-ade']), 'vmss encryption show');
    const instances = [];
    for await (const i of ext.factory
      .compute(PROD)
      .virtualMachineScaleSetVMs.list(RG, 'vmss-linux-ade', { expand: 'instanceView' }))
      instances.push(i);
    assert.equal(cli.length, instances.length);
    const mine = plain(ext.azure.scaleSetShowStatus(instances));
    assert.deepEqual(
      mine.map((m) => m.disks),
      cli.map((c) => c.disks),
    );
    ok(
      az([
        'vmss',
        'encryption',
        'enable',
        '-g',
        RG,
        '-n',
        'vmss-linux-ade',
        '--disk-encryption-keyvault',
        'kv-ade-ready',
        '--volume-type',
        'DATA',
      ]),
      'vmss encryption enable',
    );
  });
  check('keyvault update, set-policy, delete-policy', () => {
    const v = ok(
      az(['keyvault', 'update', '-g', RG, '-n', 'kv-ade-noflag', '--enabled-for-disk-encryption', 'true']),
      'keyvault update',
    );
    assert.equal(v.properties.enabledForDiskEncryption, true);
    const oid = '0f0f0f0f-0000-4000-8000-00000000abcd';
    const p = ok(
      az([
        'keyvault',
        'set-policy',
        '-n',
        'kv-ade-ready',
        '--object-id',
        oid,
        '--key-permissions',
        'wrapKey',
        'unwrapKey',
        'get',
      ]),
      'set-policy',
    );
    const mine = p.properties.accessPolicies.find((a) => a.objectId === oid);
    assert.deepEqual([...mine.permissions.keys].sort(), ['get', 'unwrapKey', 'wrapKey']);
    const d = ok(az(['keyvault', 'delete-policy', '-n', 'kv-ade-ready', '--object-id', oid]), 'delete-policy');
    assert.ok(!d.properties.accessPolicies.some((a) => a.objectId === oid));
  });
  check('role assignment create, list, delete', () => {
    const scope = `/subscriptions/${PROD}/resourceGroups/${RG}/providers/Microsoft.KeyVault/vaults/kv-ade-rbac`;
    const oid = '0e0e0e0e-0000-4000-8000-00000000abcd';
    const a = ok(
      az([
        'role',
        'assignment',
        'create',
        '--assignee-object-id',
        oid,
        '--assignee-principal-type',
        'ServicePrincipal',
        '--role',
        'Key Vault Crypto Service Encryption User',
        '--scope',
        scope,
      ]),
      'role assignment create',
    );
    assert.equal(a.principalId, oid);
    const listed = ok(az(['role', 'assignment', 'list', '--scope', scope, '--assignee', oid]), 'role assignment list');
    assert.equal(listed.length, 1);
    assert.equal(listed[0].roleDefinitionName, 'Key Vault Crypto Service Encryption User');
    ok(az(['role', 'assignment', 'delete', '--ids', a.id]), 'role assignment delete');
    assert.equal(ok(az(['role', 'assignment', 'list', '--scope', scope, '--assignee', oid]), 'list').length, 0);
  });

  let passed = 0;
  let failed = 0;
  try {
    for (const c of checks) {
      if (grep && !c.always && !c.name.includes(grep)) continue;
      const t0 = Date.now();
      try {
        await c.fn();
        passed++;
        console.log(`  ✔ ${c.name} (${((Date.now() - t0) / 1000).toFixed(1)}s)`);
      } catch (e) {
        failed++;
        console.log(
          `  ✖ ${c.name}\n      ${String((e && e.message) || e)
            .split('\n')
            .join('\n      ')}`,
        );
      }
    }
  } finally {
    child.kill('SIGTERM');
    fs.rmSync(config, { recursive: true, force: true });
  }
  console.log(summaryLine('az', passed, failed));
  process.exitCode = failed ? 1 : 0;
}

main().catch((e) => {
  console.error(`az stage: ${e && e.message ? e.message : e}`);
  console.log(summaryLine('az', 0, 1));
  process.exitCode = 1;
});

import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { ComputeManagementClient } from '@azure/arm-compute';
import { KeyVaultManagementClient } from '@azure/arm-keyvault';
import { createDefaultHttpClient, type HttpClient } from '@azure/core-rest-pipeline';
import { startSandboxServer } from '../../../src/sandbox';
import { createSandboxCredential } from '../../../src/sandbox/credential';

/** NODE_EXTRA_CA_CERTS is only read at process start, so trust the sandbox CA per request through an agent. */
function trustingClient(caPath: string): HttpClient {
  const agent = new https.Agent({ ca: readFileSync(caPath), keepAlive: false });
  const inner = createDefaultHttpClient();
  return {
    sendRequest(request) {
      request.agent = agent;
      return inner.sendRequest(request);
    },
  };
}

/** dist/sandbox-server.js from `node scripts/build.mjs`; bundled on the fly when the full build has not run. */
async function serverScript(): Promise<string> {
  const dist = path.resolve('dist', 'sandbox-server.js');
  if (existsSync(dist)) return dist;
  const out = path.join(os.tmpdir(), `sandbox-server-${process.pid}.js`);
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: ['src/sandbox/server-main.ts'],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: out,
    logLevel: 'error',
  });
  return out;
}

describe('sandbox: HTTPS server', function () {
  this.timeout(30000);
  let child: ChildProcess | undefined;

  after(() => {
    if (child && child.exitCode === null) child.kill('SIGTERM');
  });

  it('CLI prints one JSON line and serves the SDK over TLS until SIGTERM', async () => {
    const script = await serverScript();
    child = spawn(process.execPath, [script, '--port', '0', '--scenario', 'default', '--clock', 'manual'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const line = await new Promise<string>((resolve, reject) => {
      const rl = createInterface({ input: child!.stdout! });
      rl.once('line', resolve);
      child!.once('exit', (code) => reject(new Error(`server exited ${code}: ${stderr}`)));
    });
    const info = JSON.parse(line) as {
      endpoint: string;
      caCert: string;
      tenantId: string;
      principals: { name: string; appId: string; secret: string }[];
      subscriptions: { subscriptionId: string }[];
    };
    assert.match(info.endpoint, /^https:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(info.subscriptions.length, 2);
    const opts = { endpoint: info.endpoint, httpClient: trustingClient(info.caCert) };
    const sub = info.subscriptions[0]!.subscriptionId;
    const operator = info.principals.find((p) => p.name === 'ade-operator')!;
    const credential = createSandboxCredential({
      authorityHost: info.endpoint,
      tenantId: info.tenantId,
      clientId: operator.appId,
      clientSecret: operator.secret,
      httpClient: opts.httpClient,
    });
    const compute = new ComputeManagementClient(credential, sub, opts);
    const names: string[] = [];
    for await (const vm of compute.virtualMachines.listAll()) names.push(vm.name ?? '');
    assert.equal(names.length, 9);
    const ext = await compute.virtualMachineExtensions.beginCreateOrUpdateAndWait(
      'rg-ade-prod',
      'vm-plain',
      'CustomScript',
      {
        location: 'eastus',
        publisher: 'Microsoft.Azure.Extensions',
        typePropertiesType: 'CustomScript',
        typeHandlerVersion: '2.1',
      },
    );
    assert.equal(ext.provisioningState, 'Succeeded');
    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
    assert.equal(existsSync(info.caCert), false);
  });

  it('server transport: a drop fault resets the socket; unauthenticated requests get 401', async () => {
    const server = await startSandboxServer({
      port: 0,
      clock: 'manual',
      faults: [{ match: { pathIncludes: 'kv-ade-ready' }, kind: 'drop', times: 1 }],
    });
    try {
      const sub = server.subscriptions[0]!.subscriptionId;
      const httpClient = trustingClient(server.caCertPath);
      const operator = server.principals.find((p) => p.name === 'ade-operator')!;
      const credential = createSandboxCredential({
        authorityHost: server.endpoint,
        tenantId: server.tenantId,
        clientId: operator.appId,
        clientSecret: operator.secret,
        httpClient,
      });
      const kv = new KeyVaultManagementClient(credential, sub, {
        endpoint: server.endpoint,
        httpClient,
        retryOptions: { maxRetries: 0 },
      });
      await assert.rejects(kv.vaults.get('rg-ade-prod', 'kv-ade-ready'), (e) =>
        ['ECONNRESET', 'EPIPE'].includes((e as { code?: string }).code ?? ''),
      );
      assert.equal((await kv.vaults.get('rg-ade-prod', 'kv-ade-ready')).name, 'kv-ade-ready');
      const status = await new Promise<number>((resolve, reject) => {
        https
          .get(
            `${server.endpoint}/subscriptions?api-version=2022-12-01`,
            { ca: readFileSync(server.caCertPath) },
            (res) => {
              res.resume();
              resolve(res.statusCode ?? 0);
            },
          )
          .on('error', reject);
      });
      assert.equal(status, 401);
    } finally {
      await server.close();
    }
  });
});

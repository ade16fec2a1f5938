// HTTPS transport for the same router (for the integration/UI tests and manual exploration with real tools).
// The certificate is self-signed, made with openssl at start so that no npm dependency is needed.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { invalidJson } from './arm-errors';
import { createEngine } from './engine';
import { tenantIds } from './identity/signIn';
import { errorResponse, parseBody, type RouteOutcome, type SandboxRequest } from './router';
import type { SandboxOptions, SandboxServer } from './types';

export function makeSelfSignedCert(dir: string): { key: string; cert: string; certPath: string } {
  const keyPath = path.join(dir, 'key.pem');
  const certPath = path.join(dir, 'cert.pem');
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        keyPath,
        '-out',
        certPath,
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1,DNS:localhost',
        '-days',
        '2',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
    throw new Error(
      missing
        ? 'The sandbox HTTPS server needs the `openssl` command to create its self-signed certificate, but it was not found on PATH. Install OpenSSL (e.g. `apt-get install openssl`) or use the in-process sandbox.'
        : `openssl failed to create the sandbox certificate: ${(e as Error).message}`,
      { cause: e },
    );
  }
  return { key: readFileSync(keyPath, 'utf8'), cert: readFileSync(certPath, 'utf8'), certPath };
}

export async function startServer(options: SandboxOptions & { port?: number; host?: string }): Promise<SandboxServer> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ade-sandbox-'));
  const { key, cert, certPath } = makeSelfSignedCert(dir);
  const engine = createEngine(options);
  const host = options.host ?? '127.0.0.1';
  const server = https.createServer({ key, cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const controller = new AbortController();
      res.on('close', () => {
        if (!res.writableFinished) controller.abort();
      });
      // A leading '//' (clients joining an endpoint that ends in '/' with '/metadata/...') would read as a host.
      const url = new URL((req.url ?? '/').replace(/^\/+/, '/'), `https://${req.headers.host ?? host}`);
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k.toLowerCase()] = v;
      const text = Buffer.concat(chunks).toString('utf8');
      const parsed = parseBody(text, headers['content-type']);
      const sreq: SandboxRequest = {
        method: (req.method ?? 'GET').toUpperCase(),
        url,
        path: url.pathname.replace(/\/+/g, '/'),
        headers,
        body: parsed.body,
        ...(parsed.form ? { form: parsed.form } : {}),
      };
      const run: Promise<RouteOutcome> =
        parsed.error !== undefined
          ? Promise.resolve(errorResponse(invalidJson(parsed.error)))
          : engine.router.handle(sreq, controller.signal);
      run.then(
        (outcome) => {
          if ('drop' in outcome) {
            req.socket.destroy();
            return;
          }
          const payload = outcome.body === undefined ? '' : JSON.stringify(outcome.body);
          const h: Record<string, string> = { 'x-ms-request-id': crypto.randomUUID(), ...(outcome.headers ?? {}) };
          if (payload) h['content-type'] = 'application/json; charset=utf-8';
          res.writeHead(outcome.status, h);
          res.end(payload);
        },
        () => {
          // Aborted by the client: nothing to answer.
          if (!res.writableEnded) res.destroy();
        },
      );
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    endpoint: `https://${host}:${port}`,
    caCertPath: certPath,
    tenantId: tenantIds(engine.ctx.subscriptions)[0] ?? 'common',
    principals: engine.ctx.directory.list(),
    subscriptions: engine.ctx.subscriptions,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        });
      }),
  };
}

// CLI: `node dist/sandbox-server.js --port 0 --scenario default [--latency 30] [--generate 100x50] [--seed 1]
// [--clock real|manual]`. Prints one JSON line {"endpoint","caCert","subscriptions"} and serves until killed.
import { startSandboxServer } from './index';
import type { SandboxOptions } from './types';

function parseArgs(argv: string[]): SandboxOptions & { port?: number; host?: string } {
  const opts: SandboxOptions & { port?: number; host?: string } = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1] ?? '';
    const next = (): string => {
      i++;
      return value;
    };
    switch (flag) {
      case '--port':
        opts.port = Number(next());
        break;
      case '--host':
        opts.host = next();
        break;
      case '--scenario':
        opts.scenario = next();
        break;
      case '--latency':
        opts.latencyMs = Number(next());
        break;
      case '--seed':
        opts.seed = Number(next());
        break;
      case '--clock':
        opts.clock = next() === 'manual' ? 'manual' : 'real';
        break;
      case '--time-scale':
        opts.timeScale = Number(next());
        break;
      case '--encryption-seconds':
        opts.encryptionSeconds = Number(next());
        break;
      case '--token-lifetime':
        opts.tokenLifetimeSeconds = Number(next());
        break;
      case '--page-size':
        opts.pageSize = Number(next());
        break;
      case '--generate': {
        const m = /^(\d+)x(\d+)$/i.exec(next());
        if (!m) throw new Error('--generate expects <subscriptions>x<vmsPerSubscription>, e.g. 100x50');
        opts.generate = { subscriptions: Number(m[1]), vmsPerSubscription: Number(m[2]) };
        break;
      }
      default:
        throw new Error(`Unknown argument '${flag}'`);
    }
  }
  return opts;
}

async function main(): Promise<void> {
  const server = await startSandboxServer(parseArgs(process.argv.slice(2)));
  process.stdout.write(
    `${JSON.stringify({
      endpoint: server.endpoint,
      caCert: server.caCertPath,
      tenantId: server.tenantId,
      principals: server.principals,
      subscriptions: server.subscriptions,
    })}\n`,
  );
  let closing = false;
  const stop = (): void => {
    if (closing) return;
    closing = true;
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`sandbox: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});

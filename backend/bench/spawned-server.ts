/**
 * The built server as a benchmark starts it: the Dockerfile's heap cap, production mode, no rate
 * limit, a test issuer (keys inline) and a throwaway record-of-access folder. Only 127.0.0.1
 * receives traffic; the port is a free one (other runs share the machine).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { packageRoot } from '../src/config.js';
import { signToken, TEST_AUDIENCE, TEST_ISSUER, TEST_JWKS } from '../src/testing/tokens.js';

const SERVER = path.join(packageRoot(), 'dist', 'src', 'server.js');

export const spawnedDefaults = {
  readyTimeoutMs: 120_000,
  pollMs: 2,
} as const;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** An advisor's token valid for an hour; every request carries it (and is recorded, as in production). */
export const benchToken = signToken({ scopes: ['clients:read'], sub: 'bench', claims: { exp: Math.floor(Date.now() / 1000) + 3600 } });

export interface Spawned {
  child: ChildProcess;
  port: number;
  /** Milliseconds from spawn to the first 200 from /ready. */
  readyMs: number;
  dataDir: string;
}

/** Spawn `node --max-old-space-size=320 dist/src/server.js` on `artifactsDir` and wait for /ready. */
export async function startServer(artifactsDir: string, extraEnv: Record<string, string> = {}): Promise<Spawned> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pad-bench-data-'));
  const started = performance.now();
  const child = spawn(process.execPath, ['--max-old-space-size=320', SERVER], {
    env: {
      ...process.env, PORT: String(port), HOST: '127.0.0.1', RATE_LIMIT_PER_MINUTE: '0', NODE_ENV: 'production', ARTIFACTS_DIR: artifactsDir,
      OIDC_ISSUER: TEST_ISSUER, OIDC_AUDIENCE: TEST_AUDIENCE, OIDC_JWKS: JSON.stringify(TEST_JWKS), DATA_DIR: dataDir, ...extraEnv,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  // Kept for the message: a crash (V8 out of heap under the cap) prints pages of native stack.
  let stderr = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-20_000);
  });
  const why = (): string => {
    const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
    return lines.find((l) => /FATAL ERROR|cannot start/.test(l)) ?? lines.at(-1) ?? 'no message';
  };
  try {
    while (performance.now() - started < spawnedDefaults.readyTimeoutMs) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`server exited (${child.signalCode ?? `code ${child.exitCode}`}) before /ready: ${why()}`);
      }
      try {
        const res = await fetch(`http://127.0.0.1:${port}/ready`);
        if (res.status === 200) return { child, port, readyMs: performance.now() - started, dataDir };
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, spawnedDefaults.pollMs));
    }
    throw new Error(`server not ready within ${spawnedDefaults.readyTimeoutMs} ms: ${why()}`);
  } catch (err) {
    await stopServer({ child, port, readyMs: Number.NaN, dataDir });
    throw err;
  }
}

export function stopServer(server: Spawned): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      fs.rmSync(server.dataDir, { recursive: true, force: true });
      resolve();
    };
    if (server.child.exitCode !== null || server.child.signalCode !== null) return done();
    server.child.once('exit', done);
    server.child.kill('SIGTERM');
  });
}

export interface Memory {
  rssMb: number;
  hwmMb: number;
}

/** VmRSS and VmHWM (peak resident) of a process, in MiB. */
export function memoryOf(pid: number): Memory {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
}

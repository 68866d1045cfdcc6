/**
 * Client stores of a given size for the store-size benchmark, built once with the lead's
 * `python -m model.store replicate --from artifacts --clients K --out DIR` (store format 2) and
 * cached under /tmp by the source store's digest (manifest content_sha256), so a re-run reuses
 * them. The sample itself is used as it is. Disk is checked first: 3.5M clients are several GB.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { packageRoot } from '../src/config.js';

export const storeBuildDefaults = {
  cacheRoot: path.join(os.tmpdir(), 'pad-bench-stores'),
  /** Marks a finished build: a folder without it is a build that was interrupted. */
  completeMarker: '.complete',
  /** Disk kept free beyond the estimated store size (other engineers share the disk). */
  spareBytes: 5 * 1024 ** 3,
  /** Estimated size over the sample's size scaled by clients (indexes, page slack). */
  sizeMargin: 1.3,
  buildTimeoutMs: 3 * 3600_000,
} as const;

export interface StoreFolder {
  clients: number;
  dir: string;
  /** clients.sqlite bytes. */
  bytes: number;
  origin: 'sample' | 'cached' | 'built';
  buildSeconds?: number;
}

export interface SkippedStore {
  clients: number;
  skipped: string;
}

interface ClientsEntry {
  bytes: number;
  sha256: string;
  content_sha256?: string;
  clients?: number;
}

function clientsEntry(dir: string): ClientsEntry {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { files: Record<string, ClientsEntry> };
  const entry = manifest.files['clients.sqlite'];
  if (!entry) throw new Error(`${dir}/manifest.json lists no clients.sqlite`);
  return entry;
}

/** The folder holding a store of `clients` clients replicated from `source`, building it when absent. */
export function storeFolder(source: string, clients: number, sampleClients: number): StoreFolder | SkippedStore {
  const entry = clientsEntry(source);
  if (clients === sampleClients) return { clients, dir: source, bytes: entry.bytes, origin: 'sample' };
  // content_sha256 (store format 2) names the stored clients; the file's sha256 before it.
  const key = (entry.content_sha256 ?? entry.sha256).slice(0, 16);
  const dir = path.join(storeBuildDefaults.cacheRoot, `${key}-${clients}`);
  const bytesOf = (d: string): number => fs.statSync(path.join(d, 'clients.sqlite')).size;
  if (fs.existsSync(path.join(dir, storeBuildDefaults.completeMarker))) return { clients, dir, bytes: bytesOf(dir), origin: 'cached' };
  fs.mkdirSync(storeBuildDefaults.cacheRoot, { recursive: true });
  const partial = `${dir}.partial`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.rmSync(dir, { recursive: true, force: true });
  const need = (entry.bytes * clients / sampleClients) * storeBuildDefaults.sizeMargin;
  const disk = fs.statfsSync(storeBuildDefaults.cacheRoot);
  const free = disk.bavail * disk.bsize;
  if (free < need + storeBuildDefaults.spareBytes) {
    return { clients, skipped: `needs about ${(need / 1024 ** 3).toFixed(1)} GiB in ${storeBuildDefaults.cacheRoot}, ${(free / 1024 ** 3).toFixed(1)} GiB free` };
  }
  const python = path.resolve(packageRoot(), '..', '.venv', 'bin', 'python');
  const started = performance.now();
  try {
    execFileSync(python, ['-m', 'model.store', 'replicate', '--from', source, '--clients', String(clients), '--out', partial], {
      cwd: path.resolve(packageRoot(), '..'), stdio: ['ignore', 'inherit', 'pipe'], timeout: storeBuildDefaults.buildTimeoutMs, encoding: 'utf8',
    });
  } catch (err) {
    fs.rmSync(partial, { recursive: true, force: true });
    const stderr = String((err as { stderr?: unknown }).stderr ?? '').trim().split('\n').at(-1) ?? '';
    return { clients, skipped: `python -m model.store replicate failed: ${stderr || (err as Error).message.split('\n')[0]}` };
  }
  const built = clientsEntry(partial);
  if (built.clients !== undefined && built.clients !== clients) {
    fs.rmSync(partial, { recursive: true, force: true });
    return { clients, skipped: `replicate wrote ${built.clients} clients, asked for ${clients}` };
  }
  fs.writeFileSync(path.join(partial, storeBuildDefaults.completeMarker), `${new Date().toISOString()}\n`);
  fs.renameSync(partial, dir);
  return { clients, dir, bytes: bytesOf(dir), origin: 'built', buildSeconds: (performance.now() - started) / 1000 };
}

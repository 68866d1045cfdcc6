import { expect } from 'chai';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { realArtifactsDir } from '../testing/real-artifacts.js';
import type { TouchReport } from '../testing/touch-every-client.js';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

const memoryDefaults = {
  clients: 100_000,
  /**
   * Growth of resident memory allowed from start-up to every client touched: V8's young generation
   * (32 MiB reserved, its pages touched by the first reads) and three SQLite page caches of 2 MiB.
   * Measured +16 to +23 MiB at 9k, 100k and 356k alike.
   */
  growthMiB: 40,
  /** From a tenth of the clients read to all of them: what would grow with the book. Measured 0 to +2 MiB. */
  growthAfterTenthMiB: 8,
} as const;

describe('client store memory with the book size (100,000 clients)', function () {
  this.timeout(600_000);
  let dir: string;
  let root: string;
  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'pad-100k-'));
    dir = path.join(root, 'artifacts');
    // The shipped writer (model/store), not the test one: the store the API serves in production.
    const python = process.env['PAD_PYTHON'] ?? path.join(repoRoot, '.venv', 'bin', 'python');
    await run(python, ['-m', 'model.store', 'replicate', '--from', realArtifactsDir(), '--clients', String(memoryDefaults.clients), '--out', dir], { cwd: repoRoot });
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it(`keeps resident memory within +${memoryDefaults.growthMiB} MiB of start-up, and +${memoryDefaults.growthAfterTenthMiB} MiB of a tenth read, after reading every client (inputs, detail, raw rows, list pages)`, async () => {
    // A child process: the memory of this test process (other suites, the real model) must not count.
    const script = fileURLToPath(new URL('../testing/touch-every-client.js', import.meta.url));
    const { stdout } = await run(process.execPath, ['--expose-gc', script, dir], { maxBuffer: 1 << 20, env: { ...process.env, NODE_ENV: 'test' } });
    const report = JSON.parse(stdout.trim().split('\n').pop()!) as TouchReport;
    console.log(`      ${report.clients} clients: RSS ${report.rssStartedMiB.toFixed(0)} MiB after start-up, ${report.rssTenthMiB.toFixed(0)} after a tenth, ${report.rssTouchedMiB.toFixed(0)} MiB after all (peak ${report.peakMiB.toFixed(0)}); `
      + `reads ${report.vectorReadUs.toFixed(1)} µs inputs, ${report.detailReadUs.toFixed(1)} µs detail, ${report.rawReadUs.toFixed(0)} µs raw rows`);
    expect(report.clients).to.equal(memoryDefaults.clients);
    expect(report.rssTouchedMiB - report.rssStartedMiB).to.be.below(memoryDefaults.growthMiB);
    expect(report.rssTouchedMiB - report.rssTenthMiB).to.be.below(memoryDefaults.growthAfterTenthMiB);
  });
});

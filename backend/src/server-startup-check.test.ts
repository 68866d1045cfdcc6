/**
 * The start-up check's memory guarantee on the real process: DuckDB checks the evaluator from
 * a child process, so the server that answers /ready has no DuckDB library mapped and no
 * child left behind.
 */
import { expect } from 'chai';
import fs from 'node:fs';
import { realArtifactsDir } from './testing/real-artifacts.js';
import { runServer } from './testing/spawn-server.js';

function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = fs.readFileSync(`/proc/${entry}/status`, 'utf8');
      if (Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]) === pid) out.push(Number(entry));
    } catch {
      // the process ended while we read
    }
  }
  return out;
}

describe('server start-up check (spawned process)', function () {
  this.timeout(60_000);

  it('serves with no DuckDB library mapped in its memory and no reference process left', async () => {
    let mapped: string[] = [];
    let children: number[] = [];
    let ready = 0;
    const run = await runServer({ ARTIFACTS_DIR: realArtifactsDir() }, async (port, pid) => {
      ready = (await fetch(`http://127.0.0.1:${port}/ready`)).status;
      mapped = fs.readFileSync(`/proc/${pid}/maps`, 'utf8').split('\n').filter((line) => /duckdb/i.test(line));
      // The child exits on disconnect; give it a moment on a busy machine.
      for (let i = 0; i < 50; i++) {
        children = childrenOf(pid);
        if (children.length === 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      process.kill(pid, 'SIGTERM');
    });
    expect(run.code, run.stderr).to.equal(0);
    expect(ready).to.equal(200);
    expect(mapped, 'DuckDB mapped in the server').to.deep.equal([]);
    expect(children, 'processes left by the start-up check').to.deep.equal([]);
  });
});

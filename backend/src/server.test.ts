/**
 * Start-up and shutdown of the real process (dist/src/server.js) on temp
 * copies of the artifacts: a good start answers /ready and exits 0 on SIGTERM;
 * every broken artifact makes it exit 1 with one line naming the file.
 */
import { expect } from 'chai';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { realArtifactsDir } from './testing/real-artifacts.js';
import { runServer, type Run } from './testing/spawn-server.js';

function copyArtifacts(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pad-artifacts-'));
  for (const name of fs.readdirSync(realArtifactsDir())) {
    if (name === 'fixtures') continue;
    fs.cpSync(path.join(realArtifactsDir(), name), path.join(dir, name), { recursive: true });
  }
  return dir;
}

/** Rewrite manifest.json so `name` passes the checksum: isolates the check behind it. */
function reManifest(dir: string, name: string): void {
  const file = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as { files: Record<string, { sha256: string; bytes: number }> };
  const data = fs.readFileSync(path.join(dir, name));
  manifest.files[name] = { sha256: createHash('sha256').update(data).digest('hex'), bytes: data.length };
  fs.writeFileSync(file, JSON.stringify(manifest));
}

function expectCleanFailure(run: Run, pattern: RegExp): void {
  expect(run.code, run.stderr).to.equal(1);
  const lines = run.stderr.trim().split('\n');
  expect(lines, run.stderr).to.have.length(1);
  expect(lines[0]).to.match(/^pad-scoring-api: cannot start: /);
  expect(lines[0]).to.match(pattern);
  expect(run.stderr).to.not.match(/\n\s+at /);
}

describe('server start-up and shutdown (spawned process)', function () {
  this.timeout(60_000);
  const temps: string[] = [];
  const temp = (): string => {
    const dir = copyArtifacts();
    temps.push(dir);
    return dir;
  };
  after(() => {
    for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('starts on the artifacts, answers /ready, and exits 0 on SIGTERM', async () => {
    const run = await runServer({ ARTIFACTS_DIR: realArtifactsDir() }, async (port, pid) => {
      const res = await fetch(`http://127.0.0.1:${port}/ready`);
      expect(res.status).to.equal(200);
      expect(((await res.json()) as { status: string }).status).to.equal('ready');
      process.kill(pid, 'SIGTERM');
    });
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.match(/"msg":"shutting down","signal":"SIGTERM"/).and.match(/"msg":"stopped"/);
  });

  it('exits 1 naming the folder when the artifact folder is missing', async () => {
    const missing = path.join(os.tmpdir(), 'pad-no-such-artifacts');
    expectCleanFailure(await runServer({ ARTIFACTS_DIR: missing }), /pad-no-such-artifacts: artifact folder not found/);
  });

  it('exits 1 naming model.onnx when it is missing', async () => {
    const dir = temp();
    fs.rmSync(path.join(dir, 'model.onnx'));
    expectCleanFailure(await runServer({ ARTIFACTS_DIR: dir }), /model\.onnx: is missing/);
  });

  it('exits 1 naming model.onnx when it is truncated (size / checksum mismatch)', async () => {
    const dir = temp();
    const file = path.join(dir, 'model.onnx');
    fs.truncateSync(file, Math.floor(fs.statSync(file).size / 2));
    expectCleanFailure(await runServer({ ARTIFACTS_DIR: dir }), /model\.onnx: has \d+ bytes, manifest\.json says \d+/);
  });

  it('exits 1 naming model.onnx on a checksum mismatch of the same size', async () => {
    const dir = temp();
    const file = path.join(dir, 'model.onnx');
    const data = fs.readFileSync(file);
    data[data.length - 10] = data[data.length - 10]! ^ 0xff;
    fs.writeFileSync(file, data);
    expectCleanFailure(await runServer({ ARTIFACTS_DIR: dir }), /model\.onnx: sha256 mismatch/);
  });

  it('exits 1 naming model.onnx when it is garbage that onnxruntime cannot load', async () => {
    const dir = temp();
    fs.writeFileSync(path.join(dir, 'model.onnx'), Buffer.from('this is not an ONNX model at all'));
    reManifest(dir, 'model.onnx');
    expectCleanFailure(await runServer({ ARTIFACTS_DIR: dir }), /model\.onnx: cannot be loaded by onnxruntime/);
  });

  it('exits 1 naming features.json when it is not valid JSON', async () => {
    const dir = temp();
    fs.writeFileSync(path.join(dir, 'features.json'), '{"features": [');
    reManifest(dir, 'features.json');
    expectCleanFailure(await runServer({ ARTIFACTS_DIR: dir }), /features\.json: is not valid JSON/);
  });

  it('exits 1 when features.json and the manifest disagree on the feature count', async () => {
    const dir = temp();
    const file = path.join(dir, 'features.json');
    const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as { features: unknown[] };
    doc.features.pop();
    fs.writeFileSync(file, JSON.stringify(doc));
    reManifest(dir, 'features.json');
    expectCleanFailure(await runServer({ ARTIFACTS_DIR: dir }), /features\.json: lists \d+ features, manifest\.json says feature_count = \d+/);
  });

  it('exits 1 naming the feature definition whose checksum differs (an edited SQL file is never run)', async () => {
    const dir = temp();
    fs.appendFileSync(path.join(dir, 'features-sql', 'bureau.sql'), '\n-- edited\n');
    expectCleanFailure(await runServer({ ARTIFACTS_DIR: dir }), /features-sql\/bureau\.sql: has \d+ bytes, manifest\.json says \d+/);
  });

  it('exits 1 when a feature definition is missing or does not run', async () => {
    const missing = temp();
    fs.rmSync(path.join(missing, 'features-sql', 'model_inputs.sql'));
    expectCleanFailure(await runServer({ ARTIFACTS_DIR: missing }), /model_inputs\.sql: is missing/);
    const broken = temp();
    fs.writeFileSync(path.join(broken, 'features-sql', 'pos_cash.sql'), 'CREATE OR REPLACE TEMP VIEW pos_cash_features AS SELECT nope FROM POS_CASH_balance;');
    reManifest(broken, 'features-sql/pos_cash.sql');
    expectCleanFailure(await runServer({ ARTIFACTS_DIR: broken }), /features-sql: feature definitions do not run/);
  });

  it('exits 1 naming clients.sqlite when it is not a database', async () => {
    const dir = temp();
    fs.writeFileSync(path.join(dir, 'clients.sqlite'), Buffer.alloc(4096, 7));
    reManifest(dir, 'clients.sqlite');
    expectCleanFailure(await runServer({ ARTIFACTS_DIR: dir }), /clients\.sqlite: /);
  });

  it('exits 1 naming the variable when PORT is invalid', async () => {
    expectCleanFailure(await runServer({ ARTIFACTS_DIR: realArtifactsDir(), PORT: 'eighty' }), /PORT must be an integer/);
  });

  it('exits 1 with a clear message when the port is taken', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      expectCleanFailure(await runServer({ ARTIFACTS_DIR: realArtifactsDir(), PORT: String(port) }), new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already in use`));
    } finally {
      blocker.close();
    }
  });
});

/**
 * The build's stamp lets a start skip the DuckDB run only for the exact artifacts and code it
 * was written for: a changed definition (manifest updated) or a stale stamp still runs the
 * check in the child process and stops the start.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { loadModel } from '../bootstrap.js';
import { ArtifactError } from '../store/artifact-schemas.js';
import { realArtifactsDir } from '../testing/real-artifacts.js';
import { SQL_DIR } from './sql-bundle.js';
import { stampKey, stampMatches, writeStamp } from './startup-stamp.js';

/** The committed artifacts with application.sql altered (manifest updated): a retrained definition without its mirror. */
function alteredArtifacts(dir: string): void {
  const source = realArtifactsDir();
  for (const name of fs.readdirSync(source)) {
    if (name === SQL_DIR) fs.cpSync(path.join(source, name), path.join(dir, name), { recursive: true });
    else if (name !== 'manifest.json') fs.symlinkSync(path.join(source, name), path.join(dir, name));
  }
  const file = path.join(dir, SQL_DIR, 'application.sql');
  const altered = fs.readFileSync(file, 'utf8').replace('safe_ratio(a.AMT_CREDIT, a.AMT_INCOME_TOTAL)', 'safe_ratio(a.AMT_CREDIT, a.AMT_INCOME_TOTAL + 1)');
  fs.writeFileSync(file, altered);
  const manifest = JSON.parse(fs.readFileSync(path.join(source, 'manifest.json'), 'utf8')) as { files: Record<string, { sha256: string; bytes: number }> };
  manifest.files[`${SQL_DIR}/application.sql`] = { sha256: createHash('sha256').update(altered).digest('hex'), bytes: Buffer.byteLength(altered) };
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
}

describe('start-up check stamp', function () {
  this.timeout(300_000);
  let temp: string;
  beforeEach(() => {
    temp = fs.mkdtempSync(path.join(os.tmpdir(), 'pad-stamp-'));
  });
  afterEach(() => fs.rmSync(temp, { recursive: true, force: true }));

  it('keys on the manifest and the fixture: a changed definition or a fixture removed changes the key', () => {
    const real = stampKey(realArtifactsDir());
    expect(real).to.match(/^[0-9a-f]{64}$/);
    expect(stampKey(realArtifactsDir())).to.equal(real);
    const altered = path.join(temp, 'altered');
    fs.mkdirSync(altered);
    alteredArtifacts(altered);
    expect(stampKey(altered)).to.not.equal(real);
    const noFixture = path.join(temp, 'no-fixture');
    fs.mkdirSync(noFixture);
    for (const name of fs.readdirSync(realArtifactsDir())) if (name !== 'fixtures') fs.symlinkSync(path.join(realArtifactsDir(), name), path.join(noFixture, name));
    expect(stampKey(noFixture)).to.not.equal(real);
  });

  it('matches only a readable stamp of the same version and key', () => {
    const file = path.join(temp, 'stamp.json');
    expect(stampMatches('a'.repeat(64), file)).to.equal(false);
    writeStamp({ key: 'a'.repeat(64), applications: 1, inputs: 84 }, file);
    expect(stampMatches('a'.repeat(64), file)).to.equal(true);
    expect(stampMatches('b'.repeat(64), file)).to.equal(false);
    writeStamp({ key: 'b'.repeat(64), applications: 1, inputs: 84 }, file);
    expect(stampMatches('a'.repeat(64), file) && stampMatches('b'.repeat(64), file)).to.equal(true);
    for (let i = 0; i < 8; i++) writeStamp({ key: String(i).repeat(64), applications: 1, inputs: 84 }, file);
    expect(stampMatches('a'.repeat(64), file), 'the oldest check is dropped past 8').to.equal(false);
    fs.writeFileSync(file, '{"version": 1, "key": ');
    expect(stampMatches('a'.repeat(64), file)).to.equal(false);
  });

  it('writes the stamp after a full check, and a start with it skips DuckDB', async () => {
    const file = path.join(temp, 'stamp.json');
    const checked = await loadModel(realArtifactsDir(), { stamp: 'write', stampFile: file });
    await checked.close();
    expect(checked.startupCheck.reference).to.equal('duckdb-child');
    expect(checked.startupCheck.applications).to.be.greaterThan(100);
    expect(stampMatches(stampKey(realArtifactsDir()), file)).to.equal(true);
    const stamped = await loadModel(realArtifactsDir(), { stampFile: file });
    await stamped.close();
    expect(stamped.startupCheck.reference).to.equal('stamp');
    expect(stamped.applications.engine.mode).to.equal('evaluator');
  });

  it('still stops the start when a definition changed since the stamp was written', async () => {
    const file = path.join(temp, 'stamp.json');
    writeStamp({ key: stampKey(realArtifactsDir()), applications: 324, inputs: 27216 }, file);
    const dir = path.join(temp, 'altered');
    fs.mkdirSync(dir);
    alteredArtifacts(dir);
    let error: unknown;
    try {
      const other = await loadModel(dir, { stampFile: file });
      await other.close();
    } catch (err) {
      error = err;
    }
    expect(error).to.be.instanceOf(ArtifactError);
    expect((error as Error).message).to.match(/evaluator differs from the shipped SQL .*CREDIT_INCOME_RATIO of /);
  });
});

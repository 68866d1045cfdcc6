import { expect } from 'chai';
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { realArtifactsDir } from '../testing/real-artifacts.js';
import { loadModel } from '../bootstrap.js';
import { ArtifactError, loadArtifacts } from './artifacts.js';

/** A temp copy of the committed artifacts whose manifest.json can be edited. */
function copy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pad-manifest-'));
  for (const name of fs.readdirSync(realArtifactsDir())) {
    if (name !== 'fixtures') fs.cpSync(path.join(realArtifactsDir(), name), path.join(dir, name), { recursive: true });
  }
  return dir;
}

function editManifest(dir: string, edit: (m: Record<string, unknown>) => void): void {
  const file = path.join(dir, 'manifest.json');
  const m = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  edit(m);
  fs.writeFileSync(file, JSON.stringify(m));
}

describe('artifact folder checks', () => {
  const dirs: string[] = [];
  const fresh = (): string => {
    const d = copy();
    dirs.push(d);
    return d;
  };
  after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('loads the committed artifacts and checks every listed file', () => {
    const a = loadArtifacts(realArtifactsDir());
    expect(a.features).to.have.length(a.manifest.feature_count);
    expect(Object.keys(a.manifest.files)).to.include.members(['model.onnx', 'trees.json', 'clients.sqlite']);
  });

  it('names manifest.json when it is missing or malformed', () => {
    const dir = fresh();
    editManifest(dir, (m) => { m['artifact_format'] = 2; });
    expect(() => loadArtifacts(dir)).to.throw(ArtifactError, /manifest\.json: artifact_format must be 1, got 2/);
    editManifest(dir, (m) => { m['artifact_format'] = 1; m['threshold'] = 1.5; });
    expect(() => loadArtifacts(dir)).to.throw(ArtifactError, /threshold must be a number in \(0, 1\)/);
    fs.rmSync(path.join(dir, 'manifest.json'));
    expect(() => loadArtifacts(dir)).to.throw(ArtifactError, /manifest\.json: is missing/);
  });

  it('requires every file the API reads to be listed', () => {
    const dir = fresh();
    editManifest(dir, (m) => { delete (m['files'] as Record<string, unknown>)['drift.json']; });
    expect(() => loadArtifacts(dir)).to.throw(ArtifactError, /files does not list drift\.json/);
  });

  it('refuses file names that leave the folder', () => {
    const dir = fresh();
    editManifest(dir, (m) => {
      (m['files'] as Record<string, unknown>)['../outside.json'] = { sha256: createHash('sha256').update('').digest('hex'), bytes: 0 };
    });
    expect(() => loadArtifacts(dir)).to.throw(ArtifactError, /points outside the artifact folder/);
  });

  it('names the file whose checksum or size differs', () => {
    const dir = fresh();
    fs.appendFileSync(path.join(dir, 'drift.json'), ' ');
    expect(() => loadArtifacts(dir)).to.throw(ArtifactError, /drift\.json: has \d+ bytes, manifest\.json says/);
  });

  it('checks clients.sqlite by the digest of its checksums table: an edited table or another digest is refused', () => {
    const dir = fresh();
    const store = path.join(dir, 'clients.sqlite');
    const edit = (sql: string): void => {
      const db = new Database(store);
      // Same page count: the size check alone cannot catch these edits.
      db.exec(sql);
      db.close();
    };
    edit("UPDATE checksums SET sha256 = replace(sha256, substr(sha256, 1, 1), 'f') WHERE chunk = 3");
    expect(() => loadArtifacts(dir)).to.throw(ArtifactError, /clients\.sqlite: content_sha256 mismatch/);
    const other = fresh();
    editManifest(other, (m) => {
      const entry = (m['files'] as Record<string, Record<string, unknown>>)['clients.sqlite']!;
      entry['content_sha256'] = '0'.repeat(64);
    });
    expect(() => loadArtifacts(other)).to.throw(ArtifactError, /clients\.sqlite: content_sha256 mismatch: manifest\.json says 000000000000/);
    editManifest(other, (m) => {
      const entry = (m['files'] as Record<string, Record<string, unknown>>)['clients.sqlite']!;
      delete entry['content_sha256'];
    });
    expect(() => loadArtifacts(other)).to.throw(ArtifactError, /must give content_sha256 and clients/);
  });

  it('does not read the client store whole: a changed vector passes the folder check, and start-up refuses it once read', async () => {
    const dir = fresh();
    const db = new Database(path.join(dir, 'clients.sqlite'));
    db.exec('UPDATE features SET vector = zeroblob(length(vector)) WHERE id = (SELECT MIN(id) FROM features)');
    db.close();
    expect(() => loadArtifacts(dir)).to.not.throw();
    // The start-up checks read clients of a few chunks, the first client of the store included.
    const refused = await loadModel(dir).then(() => undefined, (err: unknown) => err);
    expect(refused).to.be.instanceOf(ArtifactError);
    expect((refused as Error).message).to.match(/clients\.sqlite: (raw rows of client \d+: )?clients\.sqlite is corrupt: chunk \d+ does not match its checksum/);
  });
});

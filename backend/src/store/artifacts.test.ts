import { expect } from 'chai';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { realArtifactsDir } from '../testing/real-artifacts.js';
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
});

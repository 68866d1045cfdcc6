/**
 * Reads the artifact folder once at start-up and checks it against
 * manifest.json (docs/artifacts.md). Any problem is an ArtifactError whose
 * message names the file, so the server can exit with one clear line.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { checkStoreContent } from './store-checksum.js';
import { ArtifactError, parseFeatures, parseGroups, parseManifest, type FeatureInfo, type GroupInfo, type Manifest } from './artifact-schemas.js';

export { ArtifactError } from './artifact-schemas.js';
export type { FeatureInfo, GroupInfo, Manifest } from './artifact-schemas.js';

const CLIENT_STORE = 'clients.sqlite';

/** Files the API reads; each must be listed in the manifest. */
export const REQUIRED_FILES = [
  'model.onnx', 'trees.json', 'features.json', 'clients.sqlite', 'population.json',
  'importance.json', 'metrics.json', 'fairness.json', 'drift.json',
] as const;

export interface Artifacts {
  dir: string;
  manifest: Manifest;
  features: FeatureInfo[];
  /** Reason groups (features.json `groups`); a feature without one is its own group. */
  groups: GroupInfo[];
  trees: unknown;
  metrics: Record<string, unknown>;
  population: Record<string, unknown>;
  importance: Record<string, unknown>;
  fairness: Record<string, unknown>;
  drift: Record<string, unknown>;
  modelPath: string;
  clientsPath: string;
}

function readJson(dir: string, name: string): unknown {
  const file = path.join(dir, name);
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
  } catch (err) {
    const reason = err instanceof SyntaxError ? `is not valid JSON (${err.message})` : 'cannot be read';
    throw new ArtifactError(file, reason);
  }
}

function readObject(dir: string, name: string): Record<string, unknown> {
  const value = readJson(dir, name);
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new ArtifactError(path.join(dir, name), 'must contain a JSON object');
  return value as Record<string, unknown>;
}

function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** Every file listed in the manifest exists, has the listed size and checksum. */
function checkFiles(dir: string, manifest: Manifest): void {
  for (const name of REQUIRED_FILES) {
    if (!(name in manifest.files)) throw new ArtifactError(path.join(dir, 'manifest.json'), `files does not list ${name}`);
  }
  for (const [name, entry] of Object.entries(manifest.files)) {
    const file = path.resolve(dir, name);
    // A manifest must not make the server hash or read files outside its folder.
    if (path.isAbsolute(name) || !file.startsWith(path.resolve(dir) + path.sep)) {
      throw new ArtifactError(path.join(dir, 'manifest.json'), `file name ${JSON.stringify(name)} points outside the artifact folder`);
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      throw new ArtifactError(file, 'is missing (listed in manifest.json)');
    }
    if (!stat.isFile()) throw new ArtifactError(file, 'is not a regular file');
    if (stat.size !== entry.bytes) throw new ArtifactError(file, `has ${stat.size} bytes, manifest.json says ${entry.bytes} (corrupt or from another model)`);
    if (name === CLIENT_STORE) {
      // Gigabytes at full size: checked by its own checksums table, chunks on first read (store-checksum.ts).
      checkStoreContent(file, entry);
      continue;
    }
    const actual = sha256(file);
    if (actual !== entry.sha256.toLowerCase()) {
      throw new ArtifactError(file, `sha256 mismatch: manifest.json says ${entry.sha256.slice(0, 12)}…, file has ${actual.slice(0, 12)}… (corrupt or from another model)`);
    }
  }
}

function checkVersion(dir: string, name: string, doc: Record<string, unknown>, manifest: Manifest): void {
  const version = doc['model_version'];
  if (version !== undefined && version !== manifest.model_version) {
    throw new ArtifactError(path.join(dir, name), `model_version ${JSON.stringify(version)} differs from manifest.json (${manifest.model_version})`);
  }
}

/** Load and verify the artifact folder. Throws ArtifactError naming the bad file. */
export function loadArtifacts(dirInput: string): Artifacts {
  const dir = path.resolve(dirInput);
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(dir);
  } catch {
    stat = undefined;
  }
  if (!stat || !stat.isDirectory()) throw new ArtifactError(dir, 'artifact folder not found (set ARTIFACTS_DIR or run `make train`)');
  const manifestFile = path.join(dir, 'manifest.json');
  if (!fs.existsSync(manifestFile)) throw new ArtifactError(manifestFile, 'is missing');
  const manifest = parseManifest(readJson(dir, 'manifest.json'), manifestFile);
  checkFiles(dir, manifest);

  const featuresDoc = readJson(dir, 'features.json');
  const features = parseFeatures(featuresDoc, path.join(dir, 'features.json'));
  const groups = parseGroups(featuresDoc, features, path.join(dir, 'features.json'));
  if (features.length !== manifest.feature_count) {
    throw new ArtifactError(path.join(dir, 'features.json'), `lists ${features.length} features, manifest.json says feature_count = ${manifest.feature_count}`);
  }
  const metrics = readObject(dir, 'metrics.json');
  checkVersion(dir, 'metrics.json', metrics, manifest);
  return {
    dir,
    manifest,
    features,
    groups,
    trees: readJson(dir, 'trees.json'),
    metrics,
    population: readObject(dir, 'population.json'),
    importance: readObject(dir, 'importance.json'),
    fairness: readObject(dir, 'fairness.json'),
    drift: readObject(dir, 'drift.json'),
    modelPath: path.join(dir, 'model.onnx'),
    clientsPath: path.join(dir, 'clients.sqlite'),
  };
}

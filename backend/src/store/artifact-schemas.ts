/**
 * Shapes of manifest.json and features.json, checked field by field so a bad
 * artifact fails at start-up with the file and field named.
 */

/** A start-up problem with one artifact file; `file` is the path named in the message. */
export class ArtifactError extends Error {
  readonly file: string;
  constructor(file: string, reason: string) {
    super(`${file}: ${reason}`);
    this.name = 'ArtifactError';
    this.file = file;
  }
}

export interface Manifest {
  artifact_format: number;
  model_version: string;
  trained_at: string;
  feature_count: number;
  threshold: number;
  cost: { fn_cost: number; fp_cost: number };
  /** clients.sqlite adds content_sha256 (digest of its checksums table) and clients (count): store-checksum.ts. */
  files: Record<string, { sha256: string; bytes: number; content_sha256?: string; clients?: number }>;
}

export type FeatureType = 'numeric' | 'binary' | 'category';
export type FeatureUnit = null | 'years' | 'days' | 'currency' | 'ratio' | 'count' | 'months' | 'percent';

export interface FeatureInfo {
  name: string;
  label: string;
  /** French label; features.json may omit it (older artifacts), then it is the English label. */
  label_fr: string;
  description: string;
  type: FeatureType;
  unit: FeatureUnit;
  source: string;
  /** Category texts by integer code; null for non-category features. */
  categories: string[] | Record<string, string> | null;
  /** French texts of the categories, same shape as `categories` (the English texts when absent). */
  categories_fr?: string[] | Record<string, string> | null;
  /** Reason group (features.json `group`): what a person recognises, e.g. the external scores. */
  group?: string;
}

/** A reason group of features.json `groups`: several inputs read as one reason. */
export interface GroupInfo {
  group: string;
  label: string;
  label_fr: string;
}

export const SUPPORTED_ARTIFACT_FORMAT = 1;
const UNITS = new Set<string | null>([null, 'years', 'days', 'currency', 'ratio', 'count', 'months', 'percent']);
const TYPES = new Set<string>(['numeric', 'binary', 'category']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseManifest(raw: unknown, file: string): Manifest {
  const fail = (reason: string): never => {
    throw new ArtifactError(file, reason);
  };
  if (!isRecord(raw)) return fail('must contain a JSON object');
  if (raw['artifact_format'] !== SUPPORTED_ARTIFACT_FORMAT) fail(`artifact_format must be ${SUPPORTED_ARTIFACT_FORMAT}, got ${JSON.stringify(raw['artifact_format'])}`);
  const version = raw['model_version'];
  if (typeof version !== 'string' || !/^\d+\.\d+\.\d+([-+][\w.-]+)?$/.test(version)) fail(`model_version must be a semantic version, got ${JSON.stringify(version)}`);
  if (typeof raw['trained_at'] !== 'string') fail('trained_at must be an ISO 8601 string');
  const count = raw['feature_count'];
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) fail(`feature_count must be a positive integer, got ${JSON.stringify(count)}`);
  const threshold = raw['threshold'];
  if (typeof threshold !== 'number' || !(threshold > 0 && threshold < 1)) fail(`threshold must be a number in (0, 1), got ${JSON.stringify(threshold)}`);
  const cost = raw['cost'];
  if (!isRecord(cost) || typeof cost['fn_cost'] !== 'number' || typeof cost['fp_cost'] !== 'number') fail('cost must be {fn_cost, fp_cost} numbers');
  const files = raw['files'];
  if (!isRecord(files)) return fail('files must be an object {name: {sha256, bytes}}');
  for (const [name, entry] of Object.entries(files)) {
    if (!isRecord(entry) || typeof entry['sha256'] !== 'string' || !/^[0-9a-fA-F]{64}$/.test(entry['sha256'])) fail(`files["${name}"].sha256 must be 64 hex digits`);
    const bytes = (entry as Record<string, unknown>)['bytes'];
    if (typeof bytes !== 'number' || !Number.isInteger(bytes) || bytes < 0) fail(`files["${name}"].bytes must be a non-negative integer`);
    const content = (entry as Record<string, unknown>)['content_sha256'];
    if (content !== undefined && (typeof content !== 'string' || !/^[0-9a-fA-F]{64}$/.test(content))) fail(`files["${name}"].content_sha256 must be 64 hex digits`);
    const clients = (entry as Record<string, unknown>)['clients'];
    if (clients !== undefined && (typeof clients !== 'number' || !Number.isInteger(clients) || clients < 0)) fail(`files["${name}"].clients must be a non-negative integer`);
  }
  return raw as unknown as Manifest;
}

export function parseFeatures(raw: unknown, file: string): FeatureInfo[] {
  const fail = (reason: string): never => {
    throw new ArtifactError(file, reason);
  };
  if (!isRecord(raw) || !Array.isArray(raw['features'])) return fail('must be {"features": [...]}');
  const seen = new Set<string>();
  return (raw['features'] as unknown[]).map((item, i) => {
    if (!isRecord(item)) return fail(`features[${i}] must be an object`);
    const name = item['name'];
    if (typeof name !== 'string' || name === '') return fail(`features[${i}].name must be a non-empty string`);
    if (seen.has(name)) fail(`feature ${name} is listed twice`);
    seen.add(name);
    const type = item['type'];
    if (typeof type !== 'string' || !TYPES.has(type)) fail(`features[${i}] (${name}).type must be numeric, binary or category, got ${JSON.stringify(type)}`);
    const unit = item['unit'] ?? null;
    if (!UNITS.has(unit as string | null)) fail(`features[${i}] (${name}).unit ${JSON.stringify(unit)} is not a known unit`);
    const labelFr = item['label_fr'];
    if (labelFr !== undefined && (typeof labelFr !== 'string' || labelFr.trim() === '')) {
      fail(`features[${i}] (${name}).label_fr must be a non-empty string when present, got ${JSON.stringify(labelFr)}`);
    }
    const categories = item['categories'] ?? null;
    if (categories !== null && !Array.isArray(categories) && !isRecord(categories)) fail(`features[${i}] (${name}).categories must be a list, an object or null`);
    const categoriesFr = item['categories_fr'] ?? null;
    if (categoriesFr !== null && !sameShape(categories, categoriesFr)) {
      fail(`features[${i}] (${name}).categories_fr must have the shape of categories (same codes, non-empty texts)`);
    }
    const label = typeof item['label'] === 'string' && item['label'] !== '' ? item['label'] : name;
    const group = item['group'];
    if (group !== undefined && group !== null && (typeof group !== 'string' || group === '')) fail(`features[${i}] (${name}).group must be a non-empty string when present`);
    return {
      ...(typeof group === 'string' ? { group } : {}),
      name,
      label,
      label_fr: typeof labelFr === 'string' ? labelFr : label,
      description: typeof item['description'] === 'string' ? item['description'] : '',
      type: type as FeatureType,
      unit: unit as FeatureUnit,
      source: typeof item['source'] === 'string' ? item['source'] : '',
      categories: categories as FeatureInfo['categories'],
      categories_fr: (categoriesFr ?? categories) as FeatureInfo['categories'],
    };
  });
}

function sameShape(a: unknown, b: unknown): boolean {
  const texts = (x: unknown) => (Array.isArray(x) ? x.map((v, k) => [String(k), v]) : isRecord(x) ? Object.entries(x) : null);
  const ta = texts(a);
  const tb = texts(b);
  if (ta === null || tb === null || ta.length !== tb.length) return false;
  return tb.every(([k, v], j) => k === ta[j]![0] && typeof v === 'string' && v.trim() !== '');
}

/**
 * features.json `groups`: [{group (or id/name), label, label_fr}]. Every feature's group must be
 * listed; a feature without a group is a reason of its own (older artifacts).
 */
export function parseGroups(raw: unknown, features: FeatureInfo[], file: string): GroupInfo[] {
  const fail = (reason: string): never => {
    throw new ArtifactError(file, reason);
  };
  const list = isRecord(raw) ? raw['groups'] : undefined;
  const groups: GroupInfo[] = [];
  if (list !== undefined && !Array.isArray(list)) fail('groups must be a list');
  for (const [i, item] of ((list ?? []) as unknown[]).entries()) {
    if (!isRecord(item)) return fail(`groups[${i}] must be an object`);
    const id = item['group'] ?? item['id'] ?? item['name'];
    if (typeof id !== 'string' || id === '') return fail(`groups[${i}].group must be a non-empty string`);
    const label = typeof item['label'] === 'string' && item['label'] !== '' ? item['label'] : id;
    groups.push({ group: id, label, label_fr: typeof item['label_fr'] === 'string' && item['label_fr'] !== '' ? item['label_fr'] : label });
  }
  const known = new Set(groups.map((g) => g.group));
  for (const f of features) {
    if (f.group !== undefined && !known.has(f.group)) fail(`feature ${f.name} has group ${JSON.stringify(f.group)}, which groups does not list`);
    if (f.group === undefined) {
      groups.push({ group: f.name, label: f.label, label_fr: f.label_fr });
      known.add(f.name);
    }
  }
  return groups;
}

/** Text of a category code (French when lang is fr), or undefined when the code has no text. */
export function categoryText(feature: FeatureInfo, code: number, lang: 'en' | 'fr' = 'en'): string | undefined {
  const cats = lang === 'fr' ? (feature.categories_fr ?? feature.categories) : feature.categories;
  if (cats === null || !Number.isInteger(code)) return undefined;
  const text = Array.isArray(cats) ? cats[code] : cats[String(code)];
  return typeof text === 'string' ? text : undefined;
}

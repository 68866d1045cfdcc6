/**
 * Writes a client store in format 2 (/work/briefs/store-v2.md) for tests: the same bytes the
 * Python writer (model/store.py) produces, written independently of the reader's code so a shared
 * misreading of the contract cannot hide (only the column list is shared: it is the contract's).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import zlib from 'node:zlib';
import Database from 'better-sqlite3';
import type { Row } from '../features/application-body.js';
import type { TableName } from '../features/application-schema.js';

/** clients columns after id, in the contract's (and meta.checksum_columns') order. */
export const CLIENT_COLUMNS = [
  'dataset', 'target', 'probability', 'gender', 'age_years', 'income', 'credit_amount', 'annuity', 'goods_price',
  'contract_type', 'family_status', 'education', 'income_type', 'occupation', 'children', 'employment_years', 'own_car',
  'own_realty', 'previous_applications', 'bureau_credits', 'late_months',
] as const;
export type ClientColumn = (typeof CLIENT_COLUMNS)[number];

const COLUMN_TYPES: Record<ClientColumn, string> = {
  dataset: 'TEXT NOT NULL', target: 'INTEGER', probability: 'REAL NOT NULL', gender: 'TEXT', age_years: 'REAL', income: 'REAL',
  credit_amount: 'REAL', annuity: 'REAL', goods_price: 'REAL', contract_type: 'TEXT', family_status: 'TEXT', education: 'TEXT',
  income_type: 'TEXT', occupation: 'TEXT', children: 'INTEGER', employment_years: 'REAL', own_car: 'INTEGER', own_realty: 'INTEGER',
  previous_applications: 'INTEGER', bureau_credits: 'INTEGER', late_months: 'INTEGER',
};

/** Indexed columns (the list sorts and filters on them). */
export const INDEXED_COLUMNS = [
  'age_years', 'income', 'credit_amount', 'annuity', 'probability', 'contract_type', 'gender', 'dataset',
  'previous_applications', 'bureau_credits', 'late_months',
] as const;

export interface StoredClient {
  id: number;
  row: Partial<Record<ClientColumn, number | string | null>>;
  /** Model inputs in features.json order (NaN = missing), stored as float32. */
  vector: ArrayLike<number>;
  /** Raw Kaggle rows per table, without SK_ID_CURR, in file order; absent: no raw row. */
  raw?: Partial<Record<TableName, Row[]>>;
  /** The raw body already encoded (encodeRaw with the same dictionary): replicated stores reuse it. */
  rawBody?: Buffer;
}

export interface StoreEntry {
  bytes: number;
  sha256: string;
  content_sha256: string;
  clients: number;
}

export const storeWriterDefaults = {
  chunk: 256,
  /** Any bytes do; real ones are the most frequent JSON fragments. */
  dictionary: Buffer.from('{"application": {"bureau": {"bureau_balance": {"previous_application": {"SK_ID_BUREAU": [null, "MONTHS_BALANCE": [', 'utf8'),
} as const;

/** Column-major JSON of a client's raw tables, deflated with the preset dictionary. */
export function encodeRaw(raw: Partial<Record<TableName, Row[]>>, dictionary: Buffer): Buffer {
  const doc: Record<string, Record<string, unknown[]>> = {};
  for (const [table, rows] of Object.entries(raw) as Array<[TableName, Row[]]>) {
    if (rows.length === 0) continue;
    const columns: Record<string, unknown[]> = {};
    const names = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    for (const name of names) columns[name] = rows.map((r) => r[name] ?? null);
    doc[table] = columns;
  }
  return zlib.deflateSync(Buffer.from(JSON.stringify(doc), 'utf8'), { dictionary });
}

function float32Blob(vector: ArrayLike<number>): Buffer {
  const blob = Buffer.alloc(vector.length * 4);
  for (let j = 0; j < vector.length; j++) blob.writeFloatLE(vector[j]!, j * 4);
  return blob;
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}

function clientBytes(id: number, values: Array<number | string | null>, vector: Buffer, raw: Buffer | null): Buffer {
  const parts: Buffer[] = [];
  const idBytes = Buffer.alloc(8);
  idBytes.writeBigInt64LE(BigInt(id));
  parts.push(idBytes);
  for (const v of values) {
    if (v === null) parts.push(Buffer.of(0x00));
    else if (typeof v === 'number') {
      const b = Buffer.alloc(8);
      b.writeDoubleLE(v);
      parts.push(Buffer.of(0x01), b);
    } else {
      const text = Buffer.from(v, 'utf8');
      parts.push(Buffer.of(0x02), u32(text.length), text);
    }
  }
  parts.push(u32(vector.length), vector);
  parts.push(raw === null ? Buffer.from([0xff, 0xff, 0xff, 0xff]) : Buffer.concat([u32(raw.length), raw]));
  return Buffer.concat(parts);
}

/**
 * Write `clients` (an array in any order, or any iterable in ascending id order) to a new store `file`
 * and return its manifest entry.
 * @param options.featureCount floats per vector; options.modelVersion goes to meta
 */
export function writeClientStore(file: string, clients: StoredClient[] | Iterable<StoredClient>, options: { modelVersion: string; featureCount: number; chunk?: number; dictionary?: Buffer }): StoreEntry {
  const chunk = options.chunk ?? storeWriterDefaults.chunk;
  const dictionary = options.dictionary ?? storeWriterDefaults.dictionary;
  const db = new Database(file);
  db.exec(`CREATE TABLE clients (id INTEGER PRIMARY KEY, ${CLIENT_COLUMNS.map((c) => `${c} ${COLUMN_TYPES[c]}`).join(', ')});
    CREATE TABLE features (id INTEGER PRIMARY KEY, vector BLOB NOT NULL);
    CREATE TABLE raw (id INTEGER PRIMARY KEY, body BLOB NOT NULL);
    CREATE TABLE raw_dictionary (bytes BLOB NOT NULL);
    CREATE TABLE checksums (chunk INTEGER PRIMARY KEY, first_id INTEGER, last_id INTEGER, clients INTEGER, sha256 TEXT);
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
    ${INDEXED_COLUMNS.map((c) => `CREATE INDEX clients_${c} ON clients (${c});`).join('\n')}`);
  const insertClient = db.prepare(`INSERT INTO clients VALUES (?, ${CLIENT_COLUMNS.map(() => '?').join(', ')})`);
  const insertVector = db.prepare('INSERT INTO features VALUES (?, ?)');
  const insertRaw = db.prepare('INSERT INTO raw VALUES (?, ?)');
  const insertChunk = db.prepare('INSERT INTO checksums VALUES (?, ?, ?, ?, ?)');
  const ordered: Iterable<StoredClient> = Array.isArray(clients) ? [...clients].sort((a, b) => a.id - b.id) : clients;
  const lines: string[] = [];
  let count = 0;
  db.transaction(() => {
    db.prepare('INSERT INTO raw_dictionary VALUES (?)').run(dictionary);
    let part: StoredClient[] = [];
    let hash = createHash('sha256');
    const flush = (): void => {
      const k = lines.length;
      const sha = hash.digest('hex');
      insertChunk.run(k, part[0]!.id, part[part.length - 1]!.id, part.length, sha);
      lines.push(`${k} ${part[0]!.id} ${part[part.length - 1]!.id} ${part.length} ${sha}\n`);
      part = [];
      hash = createHash('sha256');
    };
    let last = -Infinity;
    for (const c of ordered) {
      if (!(c.id > last)) throw new Error(`clients must come in ascending id order: ${c.id} after ${last}`);
      last = c.id;
      const values = CLIENT_COLUMNS.map((name) => c.row[name] ?? null);
      const vector = float32Blob(c.vector);
      const raw = c.rawBody ?? (c.raw === undefined ? null : encodeRaw(c.raw, dictionary));
      insertClient.run(c.id, ...values);
      insertVector.run(c.id, vector);
      if (raw !== null) insertRaw.run(c.id, raw);
      hash.update(clientBytes(c.id, values, vector, raw));
      part.push(c);
      count++;
      if (part.length === chunk) flush();
    }
    if (part.length > 0) flush();
    const meta = db.prepare('INSERT INTO meta VALUES (?, ?)');
    meta.run('model_version', options.modelVersion);
    meta.run('feature_count', String(options.featureCount));
    meta.run('store_format', '2');
    meta.run('checksum_chunk', String(chunk));
    meta.run('checksum_columns', CLIENT_COLUMNS.join(','));
    meta.run('clients', String(count));
  })();
  db.close();
  // Streamed: a replicated store can exceed what one Buffer holds.
  const whole = createHash('sha256');
  const fd = fs.openSync(file, 'r');
  const block = Buffer.alloc(1 << 20);
  let bytes = 0;
  for (let n; (n = fs.readSync(fd, block, 0, block.length, null)) > 0; bytes += n) whole.update(block.subarray(0, n));
  fs.closeSync(fd);
  return {
    bytes,
    sha256: whole.digest('hex'),
    content_sha256: createHash('sha256').update(lines.join(''), 'utf8').digest('hex'),
    clients: count,
  };
}

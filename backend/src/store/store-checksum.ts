/**
 * clients.sqlite checks itself (store format 2, /work/briefs/store-v2.md): the `checksums` table
 * holds one SHA-256 per chunk of 256 clients, and the manifest holds the digest of that table.
 * Start-up reads the table only (never the whole file: 3.5 million clients are gigabytes); each
 * chunk is hashed the first time any of its clients is read, and a chunk that does not match makes
 * that request and /ready answer 503 from then on.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import { StoreCorruptError } from '../errors.js';
import { ArtifactError } from './artifact-schemas.js';

export const STORE_FORMAT = '2';

export const storeDefaults = {
  /**
   * SQLite page cache per connection, KiB. better-sqlite3 builds SQLite with 16 MiB: three connections
   * (checksums, store, raw rows) grew resident memory by 53 MiB after touching 100k clients; the OS
   * page cache holds the file anyway.
   */
  pageCacheKiB: 2048,
} as const;

/** Every clients column the API serves: each must be covered by meta.checksum_columns. */
export const SERVED_COLUMNS = [
  'dataset', 'probability', 'gender', 'age_years', 'income', 'credit_amount', 'annuity', 'goods_price', 'contract_type',
  'family_status', 'education', 'income_type', 'occupation', 'children', 'employment_years', 'own_car', 'own_realty',
  'previous_applications', 'bureau_credits', 'late_months',
] as const;

/** The chunk table as read at start-up: a few bytes per 256 clients. */
export interface ChunkTable {
  chunkSize: number;
  columns: string[];
  firstIds: Float64Array;
  lastIds: Float64Array;
  counts: Uint32Array;
  sha256: string[];
  /** SHA-256 hex of the chunk lines (manifest content_sha256). */
  digest: string;
  clients: number;
}

type Cell = number | string | null | Buffer | bigint;

/** Bytes of one client as the contract hashes them (id, clients columns, vector, raw body). */
export function encodeClient(id: number, columns: readonly Cell[], vector: Buffer | null, raw: Buffer | null): Buffer[] {
  const parts: Buffer[] = [];
  const head = Buffer.alloc(8);
  head.writeBigInt64LE(BigInt(id));
  parts.push(head);
  for (const value of columns) {
    if (value === null || value === undefined) {
      parts.push(Buffer.of(0));
    } else if (typeof value === 'number' || typeof value === 'bigint') {
      const b = Buffer.alloc(9);
      b[0] = 1;
      b.writeDoubleLE(Number(value), 1);
      parts.push(b);
    } else {
      const text = Buffer.isBuffer(value) ? value : Buffer.from(value, 'utf8');
      const b = Buffer.alloc(5);
      b[0] = 2;
      b.writeUInt32LE(text.length, 1);
      parts.push(b, text);
    }
  }
  for (const blob of [vector, raw]) {
    const len = Buffer.alloc(4);
    if (blob === null) {
      // No raw row (and, in a corrupt store, no vector): FF FF FF FF, which no real length can be.
      len.writeUInt32LE(0xffffffff);
      parts.push(len);
    } else {
      len.writeUInt32LE(blob.length);
      parts.push(len, blob);
    }
  }
  return parts;
}

/** The store digest: SHA-256 of one `${chunk} ${first_id} ${last_id} ${clients} ${sha256}\n` line per chunk. */
export function storeDigest(rows: ReadonlyArray<{ chunk: number; first_id: number; last_id: number; clients: number; sha256: string }>): string {
  const hash = createHash('sha256');
  for (const r of rows) hash.update(`${r.chunk} ${r.first_id} ${r.last_id} ${r.clients} ${r.sha256}\n`, 'utf8');
  return hash.digest('hex');
}

function readMeta(db: Database.Database): Map<string, string> {
  const rows = db.prepare('SELECT key, value FROM meta').all() as Array<{ key: string; value: unknown }>;
  return new Map(rows.map((r) => [r.key, String(r.value)]));
}

/** Read and check meta and the checksums table; throws ArtifactError naming the file. */
export function readChunkTable(db: Database.Database, file: string): ChunkTable {
  const fail = (reason: string): never => {
    throw new ArtifactError(file, reason);
  };
  const meta = readMeta(db);
  if (meta.get('store_format') !== STORE_FORMAT) fail(`meta.store_format is ${JSON.stringify(meta.get('store_format') ?? null)}, this API reads store format ${STORE_FORMAT}`);
  const chunkSize = Number(meta.get('checksum_chunk'));
  if (!Number.isInteger(chunkSize) || chunkSize < 1) fail(`meta.checksum_chunk must be a positive integer, got ${JSON.stringify(meta.get('checksum_chunk') ?? null)}`);
  const columns = (meta.get('checksum_columns') ?? '').split(',').map((c) => c.trim()).filter((c) => c !== '');
  const present = new Set((db.prepare('PRAGMA table_info(clients)').all() as Array<{ name: string }>).map((c) => c.name));
  const unknown = columns.filter((c) => !present.has(c));
  if (unknown.length > 0) fail(`meta.checksum_columns names ${unknown.join(', ')}, not columns of table clients`);
  const uncovered = SERVED_COLUMNS.filter((c) => !columns.includes(c));
  if (uncovered.length > 0) fail(`meta.checksum_columns does not cover ${uncovered.join(', ')}: served data would go unchecked`);

  const rows = db.prepare('SELECT chunk, first_id, last_id, clients, sha256 FROM checksums ORDER BY chunk').all() as Array<{
    chunk: number; first_id: number; last_id: number; clients: number; sha256: string;
  }>;
  const n = rows.length;
  const table: ChunkTable = {
    chunkSize, columns, firstIds: new Float64Array(n), lastIds: new Float64Array(n), counts: new Uint32Array(n), sha256: [], digest: storeDigest(rows), clients: 0,
  };
  rows.forEach((r, k) => {
    const where = `checksums row ${k}`;
    if (r.chunk !== k) fail(`${where} is chunk ${r.chunk}: chunks must be numbered 0, 1, 2, ... without gaps`);
    if (!Number.isInteger(r.first_id) || !Number.isInteger(r.last_id) || r.first_id > r.last_id) fail(`${where} has first_id ${r.first_id} > last_id ${r.last_id}`);
    if (k > 0 && r.first_id <= table.lastIds[k - 1]!) fail(`${where} overlaps chunk ${k - 1} (first_id ${r.first_id})`);
    const full = k < n - 1;
    if (!Number.isInteger(r.clients) || r.clients < 1 || r.clients > chunkSize || (full && r.clients !== chunkSize)) {
      fail(`${where} holds ${r.clients} clients, expected ${full ? chunkSize : `1..${chunkSize}`}`);
    }
    if (typeof r.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(r.sha256)) fail(`${where} sha256 must be 64 lowercase hex digits`);
    table.firstIds[k] = r.first_id;
    table.lastIds[k] = r.last_id;
    table.counts[k] = r.clients;
    table.sha256.push(r.sha256);
    table.clients += r.clients;
  });
  if (String(table.clients) !== meta.get('clients')) fail(`meta.clients is ${JSON.stringify(meta.get('clients') ?? null)} but the checksums table covers ${table.clients} clients`);
  return table;
}

/** Chunk index of a client id, or -1 when no chunk covers it (then it is not a client of the store). */
export function chunkOf(table: ChunkTable, id: number): number {
  let lo = 0;
  let hi = table.firstIds.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (id < table.firstIds[mid]!) hi = mid - 1;
    else if (id > table.lastIds[mid]!) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/**
 * Verifies chunks on first read, once per process and file (the client store and the raw rows
 * share one, through acquireIntegrity). A corrupt chunk stays corrupt: every later read of it fails too.
 */
export class StoreIntegrity {
  readonly table: ChunkTable;
  /** First corruption found (the message of the 503), if any. */
  corruption: string | undefined;
  private readonly state: Uint8Array;
  private readonly chunkRows: Database.Statement;

  constructor(db: Database.Database, readonly file: string) {
    this.table = readChunkTable(db, file);
    this.state = new Uint8Array(this.table.counts.length);
    const cols = this.table.columns.map((c) => `c."${c}"`).join(', ');
    this.chunkRows = db.prepare(`SELECT c.id, ${cols}${cols ? ', ' : ''}f.vector, r.body FROM clients c
      LEFT JOIN features f ON f.id = c.id LEFT JOIN raw r ON r.id = c.id WHERE c.id BETWEEN ? AND ? ORDER BY c.id`).raw(true);
  }

  get clients(): number {
    return this.table.clients;
  }

  /** Chunks verified (or found corrupt) so far, of `table.counts.length`. */
  get checkedChunks(): number {
    let n = 0;
    for (const v of this.state) if (v !== UNVERIFIED) n++;
    return n;
  }

  /**
   * Verify every chunk not read yet, one per macrotask, so requests are served between chunks (a
   * chunk costs a few ms: 256 clients read and hashed). Without it the first read of each chunk pays
   * that cost, and on a large book most of a day's first reads would. Resolves when done or stopped.
   */
  sweep(signal?: { stopped: boolean }): Promise<void> {
    return new Promise((resolve) => {
      let k = 0;
      const next = (): void => {
        while (k < this.state.length && this.state[k] !== UNVERIFIED) k++;
        if (k >= this.state.length || signal?.stopped) return resolve();
        try {
          this.check(this.table.firstIds[k]!);
        } catch (err) {
          // Recorded in `corruption` (/ready answers 503); the sweep goes on to find how far it spreads.
          if (!(err instanceof StoreCorruptError)) return resolve();
        }
        setImmediate(next);
      };
      setImmediate(next);
    });
  }

  /**
   * Before serving anything of client `id`: false when no chunk covers it (not a client), true once
   * its chunk matched; throws StoreCorruptError when it does not.
   */
  check(id: number): boolean {
    const k = chunkOf(this.table, id);
    if (k < 0) return false;
    if (this.state[k] === VERIFIED) return true;
    if (this.state[k] === UNVERIFIED) this.state[k] = this.hashChunk(k) ? VERIFIED : CORRUPT;
    if (this.state[k] === CORRUPT) {
      const message = `${path.basename(this.file)} is corrupt: chunk ${k} does not match its checksum`;
      this.corruption ??= message;
      throw new StoreCorruptError(message);
    }
    return true;
  }

  private hashChunk(k: number): boolean {
    const hash = createHash('sha256');
    let rows = 0;
    const width = this.table.columns.length;
    for (const row of this.chunkRows.iterate(this.table.firstIds[k], this.table.lastIds[k]) as IterableIterator<Cell[]>) {
      const vector = row[width + 1];
      const raw = row[width + 2];
      for (const part of encodeClient(Number(row[0]), row.slice(1, width + 1), Buffer.isBuffer(vector) ? vector : null, Buffer.isBuffer(raw) ? raw : null)) hash.update(part);
      rows++;
    }
    return rows === this.table.counts[k] && hash.digest('hex') === this.table.sha256[k];
  }
}

const UNVERIFIED = 0;
const VERIFIED = 1;
const CORRUPT = 2;

const shared = new Map<string, { integrity: StoreIntegrity; db: Database.Database; refs: number }>();

/** Open clients.sqlite read-only, as the API always does; throws ArtifactError naming the file. */
export function openStoreDatabase(file: string): Database.Database {
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    db.pragma('query_only = ON');
    db.pragma(`cache_size = -${storeDefaults.pageCacheKiB}`);
    return db;
  } catch {
    throw new ArtifactError(file, 'cannot be opened as a SQLite database');
  }
}

/**
 * The integrity checker of `file`, shared by every reader of it in this process; release it once
 * per acquire. `contentSha256` (the manifest's) is compared with the digest of the checksums table.
 */
export function acquireIntegrity(file: string, contentSha256?: string): StoreIntegrity {
  const key = path.resolve(file);
  let entry = shared.get(key);
  if (!entry) {
    const db = openStoreDatabase(file);
    try {
      entry = { integrity: new StoreIntegrity(db, file), db, refs: 0 };
    } catch (err) {
      db.close();
      if (err instanceof ArtifactError) throw err;
      throw new ArtifactError(file, `is not a valid client store (${(err as Error).message})`);
    }
    shared.set(key, entry);
  }
  if (contentSha256 !== undefined && entry.integrity.table.digest !== contentSha256.toLowerCase()) {
    if (entry.refs === 0) {
      shared.delete(key);
      entry.db.close();
    }
    throw new ArtifactError(file, `content_sha256 mismatch: manifest.json says ${contentSha256.slice(0, 12)}…, the checksums table gives ${entry.integrity.table.digest.slice(0, 12)}… (corrupt or from another model)`);
  }
  entry.refs++;
  return entry.integrity;
}

export function releaseIntegrity(integrity: StoreIntegrity): void {
  const key = path.resolve(integrity.file);
  const entry = shared.get(key);
  if (!entry || entry.integrity !== integrity) return;
  if (--entry.refs <= 0) {
    shared.delete(key);
    entry.db.close();
  }
}

/** Verification progress of every open store (for /ready): chunks checked and in all. */
export function storeVerification(): { checked: number; chunks: number } {
  let checked = 0;
  let chunks = 0;
  for (const { integrity } of shared.values()) {
    checked += integrity.checkedChunks;
    chunks += integrity.table.counts.length;
  }
  return { checked, chunks };
}

/** Start verifying every open store's unread chunks in the background; `stop` ends it (shutdown). */
export function sweepStores(): { done: Promise<void>; stop(): void } {
  const signal = { stopped: false };
  const done = Promise.all([...shared.values()].map(({ integrity }) => integrity.sweep(signal))).then(() => undefined);
  return { done, stop: () => { signal.stopped = true; } };
}

/** The first corruption found in any open store of this process: /ready answers 503 with it. */
export function storeCorruption(): string | undefined {
  for (const { integrity } of shared.values()) if (integrity.corruption) return integrity.corruption;
  return undefined;
}

/**
 * The start-up check of artifacts.ts: the checksums table's digest and client count against the
 * manifest entry, reading only meta and checksums.
 */
export function checkStoreContent(file: string, entry: { content_sha256?: string; clients?: number }): void {
  if (entry.content_sha256 === undefined || entry.clients === undefined) {
    throw new ArtifactError(file, 'manifest.json must give content_sha256 and clients for the client store (store format 2)');
  }
  const db = openStoreDatabase(file);
  try {
    const table = readChunkTable(db, file);
    if (table.digest !== entry.content_sha256.toLowerCase()) {
      throw new ArtifactError(file, `content_sha256 mismatch: manifest.json says ${entry.content_sha256.slice(0, 12)}…, the checksums table gives ${table.digest.slice(0, 12)}… (corrupt or from another model)`);
    }
    if (table.clients !== entry.clients) throw new ArtifactError(file, `the checksums table covers ${table.clients} clients, manifest.json says ${entry.clients}`);
  } catch (err) {
    if (err instanceof ArtifactError) throw err;
    throw new ArtifactError(file, `is not a valid client store (${(err as Error).message})`);
  } finally {
    db.close();
  }
}

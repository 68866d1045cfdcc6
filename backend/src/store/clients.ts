/**
 * Read-only client store over clients.sqlite (store format 2). Nothing is loaded per client: a
 * client's inputs, detail and list rows are read per request by primary key or index, so memory
 * does not grow with the book; every read first verifies the client's chunk (store-checksum.ts).
 */
import type Database from 'better-sqlite3';
import { StoreCorruptError } from '../errors.js';
import { ArtifactError } from './artifact-schemas.js';
import { SqlClientList, type ClientQuery, type ClientSummary } from './client-list.js';
import { acquireIntegrity, chunkOf, openStoreDatabase, releaseIntegrity, type StoreIntegrity } from './store-checksum.js';

export { SORT_COLUMNS, type ClientQuery, type ClientSummary, type Dataset, type SortColumn } from './client-list.js';

export interface ClientRecord extends Omit<ClientSummary, 'probability' | 'previous_applications' | 'bureau_credits' | 'late_months'> {
  goods_price: number | null;
  family_status: string | null;
  education: string | null;
  income_type: string | null;
  occupation: string | null;
  children: number | null;
  employment_years: number | null;
  own_car: boolean | null;
  own_realty: boolean | null;
}

/** What routes and services need from a store; tests may supply their own. */
export interface ClientStore {
  readonly featureCount: number;
  readonly size: number;
  /** Model inputs of a client (NaN = missing), or undefined when unknown. A fresh copy per call. */
  vector(id: number): Float64Array | undefined;
  /** `n` ids spread evenly over the store in ascending order, first and last included (all when n >= size). */
  sampleIds(n: number): number[];
  /**
   * The ids of whole checksum chunks spread evenly over the store, at most `maxClients` of them (every id
   * when the store is that small): a sample that verifies few chunks, for views of the whole book.
   */
  chunkSample(maxClients: number): number[];
  get(id: number): ClientRecord | undefined;
  list(query: ClientQuery): { total: number; items: ClientSummary[] };
  close(): void;
}

const DETAIL_COLUMNS = 'id, dataset, gender, age_years, income, credit_amount, annuity, goods_price, contract_type, family_status, education, income_type, occupation, children, employment_years, own_car, own_realty';

function toBool(value: unknown): boolean | null {
  return value === null || value === undefined ? null : Number(value) !== 0;
}

export interface StoreOpenOptions {
  /** manifest.json's content_sha256: the checksums table must digest to it. */
  contentSha256?: string | undefined;
}

export class SqliteClientStore implements ClientStore {
  readonly featureCount: number;
  private readonly clientList: SqlClientList;
  // Per read by primary key, measured on 2 cores shared with other jobs (load average 8), min of 7
  // runs of 20,000 reads of verified chunks: inputs 12 µs at 9k clients, 15 µs at 100k, 15 µs at
  // 356k; detail 13-17 µs. The same at every size (B-tree depth 3-4, the file in the OS page cache).
  private readonly vectorRow: Database.Statement;
  private readonly detailRow: Database.Statement;
  private readonly idAfter: Database.Statement;
  private readonly allIds: Database.Statement;
  private readonly chunkIds: Database.Statement;

  private constructor(private readonly db: Database.Database, private readonly integrity: StoreIntegrity, featureCount: number) {
    this.featureCount = featureCount;
    // The join with clients: a features row without its client is no client (and no chunk covers it).
    this.vectorRow = db.prepare('SELECT f.vector FROM clients c JOIN features f ON f.id = c.id WHERE c.id = ?').pluck();
    this.detailRow = db.prepare(`SELECT ${DETAIL_COLUMNS} FROM clients WHERE id = ?`);
    this.idAfter = db.prepare('SELECT id FROM clients WHERE id >= ? ORDER BY id LIMIT 1 OFFSET ?').pluck();
    this.allIds = db.prepare('SELECT id FROM clients ORDER BY id').pluck();
    this.chunkIds = db.prepare('SELECT id FROM clients WHERE id BETWEEN ? AND ? ORDER BY id').pluck();
    this.clientList = new SqlClientList(db, integrity.clients, (id) => this.verify(id));
  }

  /** Open read-only and check meta and the checksums table; throws ArtifactError naming the file. */
  static open(file: string, featureCount: number, modelVersion: string, options: StoreOpenOptions = {}): SqliteClientStore {
    const integrity = acquireIntegrity(file, options.contentSha256);
    let db: Database.Database | undefined;
    try {
      db = openStoreDatabase(file);
      checkMeta(db, file, featureCount, modelVersion);
      return new SqliteClientStore(db, integrity, featureCount);
    } catch (err) {
      db?.close();
      releaseIntegrity(integrity);
      if (err instanceof ArtifactError) throw err;
      throw new ArtifactError(file, `is not a valid client store (${(err as Error).message})`);
    }
  }

  get size(): number {
    return this.integrity.clients;
  }

  vector(id: number): Float64Array | undefined {
    if (!this.integrity.check(id)) return undefined;
    const blob = this.vectorRow.get(id) as Buffer | undefined;
    if (blob === undefined) return undefined;
    if (!Buffer.isBuffer(blob) || blob.length !== this.featureCount * 4) {
      throw new StoreCorruptError(`clients.sqlite holds a feature vector of ${Buffer.isBuffer(blob) ? blob.length : 0} bytes, expected ${this.featureCount * 4}`);
    }
    const out = new Float64Array(this.featureCount);
    for (let j = 0; j < out.length; j++) out[j] = blob.readFloatLE(j * 4);
    return out;
  }

  sampleIds(n: number): number[] {
    const size = this.size;
    if (n >= size) return (this.allIds.all() as number[]).filter((id) => chunkOf(this.integrity.table, id) >= 0);
    if (n <= 0) return [];
    const { firstIds } = this.integrity.table;
    const chunk = this.integrity.table.chunkSize;
    const ranks = n === 1 ? [0] : Array.from({ length: n }, (_, i) => Math.round((i * (size - 1)) / (n - 1)));
    // The chunk table gives the first id of every 256th client: one short index walk per sampled id.
    // A row added after the checksums were written is no client: left out (its chunk reads would fail).
    return ranks.map((rank) => this.idAfter.get(firstIds[Math.floor(rank / chunk)]!, rank % chunk) as number)
      .filter((id) => chunkOf(this.integrity.table, id) >= 0);
  }

  chunkSample(maxClients: number): number[] {
    const table = this.integrity.table;
    const chunks = table.firstIds.length;
    const wanted = Math.floor(maxClients / table.chunkSize);
    if (wanted >= chunks) return this.sampleIds(this.size);
    const ids: number[] = [];
    for (let i = 0; i < wanted; i++) {
      const k = Math.floor((i * chunks) / wanted);
      ids.push(...(this.chunkIds.all(table.firstIds[k]!, table.lastIds[k]!) as number[]));
    }
    return ids;
  }

  get(id: number): ClientRecord | undefined {
    if (!this.integrity.check(id)) return undefined;
    const row = this.detailRow.get(id) as Record<string, unknown> | undefined;
    if (!row) return undefined;
    return { ...(row as unknown as ClientRecord), own_car: toBool(row['own_car']), own_realty: toBool(row['own_realty']) };
  }

  list(query: ClientQuery): { total: number; items: ClientSummary[] } {
    return this.clientList.list(query);
  }

  close(): void {
    if (this.db.open) {
      this.db.close();
      releaseIntegrity(this.integrity);
    }
  }

  /** A list row outside every chunk was added after the checksums were written: the store is corrupt. */
  private verify(id: number): void {
    if (!this.integrity.check(id)) throw new StoreCorruptError('clients.sqlite is corrupt: a client row lies outside every checksum chunk');
  }
}

function checkMeta(db: Database.Database, file: string, featureCount: number, modelVersion: string): void {
  const rows = db.prepare('SELECT key, value FROM meta').all() as Array<{ key: string; value: string }>;
  const meta = new Map(rows.map((r) => [r.key, String(r.value)]));
  if (meta.get('model_version') !== modelVersion) {
    throw new ArtifactError(file, `meta.model_version ${meta.get('model_version') ?? '(absent)'} differs from manifest.json (${modelVersion})`);
  }
  if (Number(meta.get('feature_count')) !== featureCount) {
    throw new ArtifactError(file, `meta.feature_count ${meta.get('feature_count') ?? '(absent)'} differs from manifest.json (${featureCount})`);
  }
}

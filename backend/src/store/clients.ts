/**
 * Read-only client store over clients.sqlite. Model inputs of every client are
 * loaded once into one Float64Array, so scoring a known client never touches
 * SQLite; listing and detail pages use prepared statements.
 */
import Database from 'better-sqlite3';
import { ArtifactError } from './artifact-schemas.js';

export const SORT_COLUMNS = ['id', 'age_years', 'income', 'credit_amount', 'annuity', 'probability'] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];
export type Dataset = 'train' | 'new';

export interface ClientQuery {
  limit: number;
  offset: number;
  sort: SortColumn;
  descending: boolean;
  q?: string;
  dataset?: Dataset;
  contractType?: string;
  gender?: string;
  ageMin?: number;
  ageMax?: number;
  incomeMin?: number;
  incomeMax?: number;
  creditMin?: number;
  creditMax?: number;
  /** Review filter (routes/review-filter.ts): only these ids, or all but these. */
  ids?: { only: boolean; ids: string[] };
}

export interface ClientSummary {
  id: number;
  dataset: Dataset;
  gender: string | null;
  age_years: number | null;
  income: number | null;
  credit_amount: number | null;
  annuity: number | null;
  contract_type: string | null;
  /** LightGBM probability recorded at export (the list shows it without running the model). */
  probability: number;
}

export interface ClientRecord extends Omit<ClientSummary, 'probability'> {
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
  /** Model inputs of a client (NaN = missing), or undefined when unknown. A view: do not modify. */
  vector(id: number): Float64Array | undefined;
  ids(): number[];
  get(id: number): ClientRecord | undefined;
  list(query: ClientQuery): { total: number; items: ClientSummary[] };
  close(): void;
}

const SUMMARY_COLUMNS = 'id, dataset, gender, age_years, income, credit_amount, annuity, contract_type, probability';
const DETAIL_COLUMNS = 'id, dataset, gender, age_years, income, credit_amount, annuity, goods_price, contract_type, family_status, education, income_type, occupation, children, employment_years, own_car, own_realty';

const RANGE_FILTERS: Array<[keyof ClientQuery, string, string]> = [
  ['ageMin', 'age_years', '>='], ['ageMax', 'age_years', '<='],
  ['incomeMin', 'income', '>='], ['incomeMax', 'income', '<='],
  ['creditMin', 'credit_amount', '>='], ['creditMax', 'credit_amount', '<='],
];

function toBool(value: unknown): boolean | null {
  return value === null || value === undefined ? null : Number(value) !== 0;
}

export class SqliteClientStore implements ClientStore {
  readonly featureCount: number;
  private readonly db: Database.Database;
  private readonly index = new Map<number, number>();
  private readonly matrix: Float64Array;
  private readonly idList: number[];
  private readonly statements = new Map<string, Database.Statement>();

  private constructor(db: Database.Database, featureCount: number, ids: number[], matrix: Float64Array) {
    this.db = db;
    this.featureCount = featureCount;
    this.idList = ids;
    this.matrix = matrix;
    ids.forEach((id, row) => this.index.set(id, row));
  }

  /** Open read-only and load every feature vector; throws ArtifactError naming the file. */
  static open(file: string, featureCount: number, modelVersion: string): SqliteClientStore {
    let db: Database.Database;
    try {
      db = new Database(file, { readonly: true, fileMustExist: true });
      db.pragma('query_only = ON');
    } catch {
      throw new ArtifactError(file, 'cannot be opened as a SQLite database');
    }
    try {
      checkMeta(db, file, featureCount, modelVersion);
      const { ids, matrix } = loadVectors(db, file, featureCount);
      return new SqliteClientStore(db, featureCount, ids, matrix);
    } catch (err) {
      db.close();
      if (err instanceof ArtifactError) throw err;
      throw new ArtifactError(file, `is not a valid client store (${(err as Error).message})`);
    }
  }

  get size(): number {
    return this.idList.length;
  }

  vector(id: number): Float64Array | undefined {
    const row = this.index.get(id);
    if (row === undefined) return undefined;
    return this.matrix.subarray(row * this.featureCount, (row + 1) * this.featureCount);
  }

  ids(): number[] {
    return [...this.idList];
  }

  get(id: number): ClientRecord | undefined {
    const row = this.prepare(`SELECT ${DETAIL_COLUMNS} FROM clients WHERE id = ?`).get(id) as Record<string, unknown> | undefined;
    if (!row) return undefined;
    return { ...(row as unknown as ClientRecord), own_car: toBool(row['own_car']), own_realty: toBool(row['own_realty']) };
  }

  list(query: ClientQuery): { total: number; items: ClientSummary[] } {
    const where: string[] = [];
    const params: Array<string | number> = [];
    if (query.q !== undefined) {
      // q is digits only (validated), so it cannot carry LIKE wildcards.
      where.push("CAST(id AS TEXT) LIKE ?");
      params.push(`${query.q}%`);
    }
    if (query.dataset !== undefined) { where.push('dataset = ?'); params.push(query.dataset); }
    if (query.contractType !== undefined) { where.push('contract_type = ?'); params.push(query.contractType); }
    if (query.gender !== undefined) { where.push('gender = ?'); params.push(query.gender); }
    for (const [key, column, op] of RANGE_FILTERS) {
      const value = query[key];
      if (typeof value === 'number') { where.push(`${column} ${op} ?`); params.push(value); }
    }
    if (query.ids !== undefined) {
      // One JSON parameter, whatever the number of reviewed clients.
      where.push(`id ${query.ids.only ? 'IN' : 'NOT IN'} (SELECT CAST(value AS INTEGER) FROM json_each(?))`);
      params.push(JSON.stringify(query.ids.ids));
    }
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const total = (this.prepare(`SELECT COUNT(*) AS n FROM clients ${clause}`).get(...params) as { n: number }).n;
    // query.sort comes from the SORT_COLUMNS allow-list; id breaks ties so pages are stable.
    const order = `ORDER BY ${query.sort} ${query.descending ? 'DESC' : 'ASC'}${query.sort === 'id' ? '' : `, id ${query.descending ? 'DESC' : 'ASC'}`}`;
    const items = this.prepare(`SELECT ${SUMMARY_COLUMNS} FROM clients ${clause} ${order} LIMIT ? OFFSET ?`)
      .all(...params, query.limit, query.offset) as ClientSummary[];
    return { total, items };
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private prepare(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}

function checkMeta(db: Database.Database, file: string, featureCount: number, modelVersion: string): void {
  const rows = db.prepare('SELECT key, value FROM meta').all() as Array<{ key: string; value: string }>;
  const meta = new Map(rows.map((r) => [r.key, String(r.value)]));
  if (meta.has('model_version') && meta.get('model_version') !== modelVersion) {
    throw new ArtifactError(file, `meta.model_version ${meta.get('model_version')} differs from manifest.json (${modelVersion})`);
  }
  if (meta.has('feature_count') && Number(meta.get('feature_count')) !== featureCount) {
    throw new ArtifactError(file, `meta.feature_count ${meta.get('feature_count')} differs from manifest.json (${featureCount})`);
  }
}

function loadVectors(db: Database.Database, file: string, featureCount: number): { ids: number[]; matrix: Float64Array } {
  const clientIds = (db.prepare('SELECT id FROM clients ORDER BY id').all() as Array<{ id: number }>).map((r) => r.id);
  const matrix = new Float64Array(clientIds.length * featureCount);
  const rowOf = new Map(clientIds.map((id, row) => [id, row]));
  const filled = new Uint8Array(clientIds.length);
  for (const rec of db.prepare('SELECT id, vector FROM features').iterate() as IterableIterator<{ id: number; vector: Buffer }>) {
    const row = rowOf.get(rec.id);
    if (row === undefined) continue;
    if (!Buffer.isBuffer(rec.vector) || rec.vector.length !== featureCount * 4) {
      throw new ArtifactError(file, `features.vector of client ${rec.id} has ${Buffer.isBuffer(rec.vector) ? rec.vector.length : 0} bytes, expected ${featureCount * 4} (float32 x feature_count)`);
    }
    const base = row * featureCount;
    for (let j = 0; j < featureCount; j++) matrix[base + j] = rec.vector.readFloatLE(j * 4);
    filled[row] = 1;
  }
  const missing = filled.indexOf(0);
  if (missing >= 0) throw new ArtifactError(file, `client ${clientIds[missing]} has no row in table features`);
  return { ids: clientIds, matrix };
}

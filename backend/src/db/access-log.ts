/**
 * The record of access: one interface, an SQLite and a PostgreSQL
 * implementation (sqlite.ts, postgres.ts), the same tests for both.
 */

export interface AccessEntry {
  at: Date;
  subject: string;
  clientApp: string | null;
  method: string;
  route: string;
  clientId: string | null;
  applicationId: string | null;
  records: number;
  modelVersion: string;
  requestId: string;
}

export interface StoredAccess extends AccessEntry {
  id: number;
}

export interface AccessQuery {
  clientId?: string | undefined;
  subject?: string | undefined;
  /** Inclusive lower bound. */
  from?: Date | undefined;
  /** Exclusive upper bound. */
  to?: Date | undefined;
  offset: number;
  limit: number;
}

export interface AccessPage {
  total: number;
  items: StoredAccess[];
}

export interface AccessLog {
  append(entry: AccessEntry): Promise<void>;
  /** Newest first. */
  page(query: AccessQuery): Promise<AccessPage>;
}

/** WHERE clause shared by both SQL dialects; `param(i)` renders the i-th placeholder. */
export function accessFilter(query: AccessQuery, param: (i: number) => string): { where: string; values: unknown[] } {
  const clauses: string[] = [];
  const values: unknown[] = [];
  const add = (sql: string, value: unknown): void => {
    values.push(value);
    clauses.push(sql.replace('?', param(values.length)));
  };
  if (query.clientId !== undefined) add('client_id = ?', query.clientId);
  if (query.subject !== undefined) add('subject = ?', query.subject);
  if (query.from !== undefined) add('at >= ?', query.from);
  if (query.to !== undefined) add('at < ?', query.to);
  return { where: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', values };
}

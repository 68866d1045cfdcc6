/** SQLite implementation of the review store (same file as the record of access). */
import type BetterSqlite3 from 'better-sqlite3';
import {
  LATEST_PER_CLIENT, REVIEW_COLUMNS, reviewFilter, reviewValues, rowToReview, sameReview,
  type AddResult, type ReviewEntry, type ReviewPage, type ReviewQuery, type ReviewRow, type ReviewStore,
} from './reviews.js';

const iso = (d: Date): string => d.toISOString();

export class SqliteReviewStore implements ReviewStore {
  private readonly insert: BetterSqlite3.Statement;
  private readonly byId: BetterSqlite3.Statement;

  constructor(private readonly db: BetterSqlite3.Database) {
    this.insert = db.prepare(`INSERT INTO reviews (${REVIEW_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`);
    this.byId = db.prepare('SELECT * FROM reviews WHERE id = ?');
  }

  add(entry: ReviewEntry): Promise<AddResult> {
    const inserted = this.insert.run(...reviewValues(entry, iso)).changes === 1;
    if (inserted) return Promise.resolve({ status: 'created', review: entry });
    const existing = rowToReview(this.byId.get(entry.id) as ReviewRow);
    return Promise.resolve({ status: sameReview(existing, entry) ? 'duplicate' : 'conflict', review: existing });
  }

  forClient(clientId: string): Promise<ReviewEntry[]> {
    const rows = this.db.prepare('SELECT * FROM reviews WHERE client_id = ? ORDER BY reviewed_at DESC, received_at DESC').all(clientId) as ReviewRow[];
    return Promise.resolve(rows.map(rowToReview));
  }

  page(query: ReviewQuery): Promise<ReviewPage> {
    const { where, values } = reviewFilter(query, () => '?');
    const params = values.map((v) => (v instanceof Date ? iso(v) : v));
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM reviews ${where}`).get(...params) as { n: number }).n;
    const rows = this.db.prepare(`SELECT * FROM reviews ${where} ORDER BY reviewed_at DESC, received_at DESC LIMIT ? OFFSET ?`)
      .all(...params, query.limit, query.offset) as ReviewRow[];
    return Promise.resolve({ total, items: rows.map(rowToReview) });
  }

  reviewedClients(overridesOnly: boolean): Promise<Set<string>> {
    const rows = this.db.prepare(LATEST_PER_CLIENT).all() as Array<{ client_id: string; outcome: string }>;
    return Promise.resolve(new Set(rows.filter((r) => !overridesOnly || r.outcome.startsWith('override_')).map((r) => r.client_id)));
  }
}

/** PostgreSQL implementation of the review store. */
import type pg from 'pg';
import {
  LATEST_PER_CLIENT, REVIEW_COLUMNS, reviewFilter, reviewValues, rowToReview, sameReview,
  type AddResult, type ReviewEntry, type ReviewPage, type ReviewQuery, type ReviewRow, type ReviewStore,
} from './reviews.js';

export class PostgresReviewStore implements ReviewStore {
  constructor(private readonly pool: pg.Pool) {}

  async add(entry: ReviewEntry): Promise<AddResult> {
    const placeholders = Array.from({ length: 13 }, (_, i) => `$${i + 1}`).join(', ');
    const inserted = await this.pool.query(`INSERT INTO reviews (${REVIEW_COLUMNS}) VALUES (${placeholders}) ON CONFLICT (id) DO NOTHING`,
      reviewValues(entry, (d) => d));
    if (inserted.rowCount === 1) return { status: 'created', review: entry };
    const existing = rowToReview((await this.pool.query<ReviewRow>('SELECT * FROM reviews WHERE id = $1', [entry.id])).rows[0]!);
    return { status: sameReview(existing, entry) ? 'duplicate' : 'conflict', review: existing };
  }

  async forClient(clientId: string): Promise<ReviewEntry[]> {
    const rows = await this.pool.query<ReviewRow>('SELECT * FROM reviews WHERE client_id = $1 ORDER BY reviewed_at DESC, received_at DESC', [clientId]);
    return rows.rows.map(rowToReview);
  }

  async page(query: ReviewQuery): Promise<ReviewPage> {
    const { where, values } = reviewFilter(query, (i) => `$${i}`);
    const total = Number((await this.pool.query<{ n: string }>(`SELECT COUNT(*) AS n FROM reviews ${where}`, values)).rows[0]!.n);
    const n = values.length;
    const rows = await this.pool.query<ReviewRow>(
      `SELECT * FROM reviews ${where} ORDER BY reviewed_at DESC, received_at DESC LIMIT $${n + 1} OFFSET $${n + 2}`, [...values, query.limit, query.offset]);
    return { total, items: rows.rows.map(rowToReview) };
  }

  async reviewedClients(overridesOnly: boolean): Promise<Set<string>> {
    const rows = await this.pool.query<{ client_id: string; outcome: string }>(LATEST_PER_CLIENT);
    return new Set(rows.rows.filter((r) => !overridesOnly || r.outcome.startsWith('override_')).map((r) => r.client_id));
  }
}

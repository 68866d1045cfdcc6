/**
 * Advisors' reviews of the model's proposals (human oversight record, EU AI
 * Act art. 14): append-only, one interface, an SQLite and a PostgreSQL
 * implementation, the same tests for both (reviews.test.ts).
 * The review id is made by the browser, so a resend after a lost answer is
 * recognised instead of stored twice.
 */

export const OUTCOMES = ['agree', 'override_grant', 'override_refuse', 'documents_requested'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export function isOverride(outcome: Outcome): boolean {
  return outcome === 'override_grant' || outcome === 'override_refuse';
}

/** What the advisor saw when deciding (sent by the browser, which may have been offline). */
export interface SeenProposal {
  probability: number;
  decision: 'granted' | 'refused';
  modelVersion: string;
  /** Feature or group names of the top reasons shown, most important first. */
  reasons: string[];
}

export interface ReviewEntry {
  id: string;
  clientId: string;
  outcome: Outcome;
  justification: string | null;
  note: string | null;
  /** When the advisor decided (the browser's clock, possibly offline). */
  reviewedAt: Date;
  /** When the API stored it. */
  receivedAt: Date;
  subject: string;
  clientApp: string | null;
  seen: SeenProposal;
}

export interface ReviewQuery {
  subject?: string | undefined;
  overridesOnly?: boolean | undefined;
  /** Inclusive lower bound on reviewedAt. */
  from?: Date | undefined;
  offset: number;
  limit: number;
}

export interface ReviewPage {
  total: number;
  items: ReviewEntry[];
}

export type AddResult = { status: 'created'; review: ReviewEntry } | { status: 'duplicate'; review: ReviewEntry } | { status: 'conflict'; review: ReviewEntry };

export interface ReviewStore {
  /** Stores a review unless its id exists: same content → duplicate (no second row), other content → conflict. */
  add(entry: ReviewEntry): Promise<AddResult>;
  /** Newest first (by reviewedAt, then receivedAt). */
  forClient(clientId: string): Promise<ReviewEntry[]>;
  page(query: ReviewQuery): Promise<ReviewPage>;
  /** Client ids with at least one review; with overridesOnly, those whose latest review is an override. */
  reviewedClients(overridesOnly: boolean): Promise<Set<string>>;
}

/** The fields a resend must repeat exactly (the server-side times and the token's client may differ). */
export function sameReview(a: ReviewEntry, b: ReviewEntry): boolean {
  return a.id === b.id && a.clientId === b.clientId && a.outcome === b.outcome && a.justification === b.justification
    && a.note === b.note && a.reviewedAt.getTime() === b.reviewedAt.getTime() && a.subject === b.subject
    && JSON.stringify(a.seen) === JSON.stringify(b.seen);
}

export interface ReviewRow {
  id: string;
  client_id: string;
  outcome: string;
  justification: string | null;
  note: string | null;
  reviewed_at: string | Date;
  received_at: string | Date;
  subject: string;
  client_app: string | null;
  seen_probability: number | string;
  seen_decision: string;
  seen_model_version: string;
  seen_reasons: string;
}

export function rowToReview(row: ReviewRow): ReviewEntry {
  return {
    id: row.id, clientId: row.client_id, outcome: row.outcome as Outcome, justification: row.justification, note: row.note,
    reviewedAt: new Date(row.reviewed_at), receivedAt: new Date(row.received_at), subject: row.subject, clientApp: row.client_app,
    seen: {
      probability: Number(row.seen_probability), decision: row.seen_decision as SeenProposal['decision'],
      modelVersion: row.seen_model_version, reasons: JSON.parse(row.seen_reasons) as string[],
    },
  };
}

export function reviewValues(e: ReviewEntry, date: (d: Date) => unknown): unknown[] {
  return [e.id, e.clientId, e.outcome, e.justification, e.note, date(e.reviewedAt), date(e.receivedAt), e.subject, e.clientApp,
    e.seen.probability, e.seen.decision, e.seen.modelVersion, JSON.stringify(e.seen.reasons)];
}

export const REVIEW_COLUMNS = 'id, client_id, outcome, justification, note, reviewed_at, received_at, subject, client_app, '
  + 'seen_probability, seen_decision, seen_model_version, seen_reasons';

export function reviewFilter(query: ReviewQuery, param: (i: number) => string): { where: string; values: unknown[] } {
  const clauses: string[] = [];
  const values: unknown[] = [];
  if (query.subject !== undefined) {
    values.push(query.subject);
    clauses.push(`subject = ${param(values.length)}`);
  }
  if (query.from !== undefined) {
    values.push(query.from);
    clauses.push(`reviewed_at >= ${param(values.length)}`);
  }
  if (query.overridesOnly) clauses.push("outcome IN ('override_grant', 'override_refuse')");
  return { where: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', values };
}

/** Latest review per client (both dialects support window functions). */
export const LATEST_PER_CLIENT = `SELECT client_id, outcome FROM (
  SELECT client_id, outcome, ROW_NUMBER() OVER (PARTITION BY client_id ORDER BY reviewed_at DESC, received_at DESC) AS rank FROM reviews
) latest WHERE rank = 1`;

/**
 * The outbox: reviews written in this browser that the API has not yet
 * acknowledged, in IndexedDB (`pad-outbox-<user>`), so they survive a closed
 * browser, a lost network and a sign-out. Each review carries the UUID the
 * browser made once (the API's idempotency key): sending it again after a
 * lost answer never stores it twice.
 *
 * An item leaves the outbox only when the API answered 201 or 200. A refusal
 * (400, 404, 409) is kept as "rejected" with the API's reason, for the advisor
 * to see; anything else (no network, 5xx, 429, 401) leaves it pending.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

export type Outcome = 'agree' | 'override_grant' | 'override_refuse' | 'documents_requested';

export interface ReviewBody {
  id: string;
  outcome: Outcome;
  justification: string | null;
  note: string | null;
  reviewed_at: string;
  seen: { probability: number; decision: 'granted' | 'refused'; model_version: string; reasons: string[] };
}

export interface OutboxItem {
  id: string;
  clientId: number;
  body: ReviewBody;
  state: 'pending' | 'rejected';
  attempts: number;
  /** The API's reason, for a rejected review. */
  problem: string | null;
  createdAt: string;
}

interface OutboxSchema extends DBSchema {
  outbox: { key: string; value: OutboxItem; indexes: { createdAt: string } };
}

export const outboxDefaults = { dbPrefix: 'pad-outbox-', version: 1 } as const;

export function isOverride(outcome: Outcome): boolean {
  return outcome === 'override_grant' || outcome === 'override_refuse';
}

/** The checks the API makes, done before queueing so the advisor is told at once. */
export function reviewProblems(body: Pick<ReviewBody, 'outcome' | 'justification'>): string[] {
  return isOverride(body.outcome) && (body.justification ?? '').trim() === '' ? ['justification'] : [];
}

/** What the advisor may correct in a refused review (what they were shown stays as it was). */
export type ReviewChanges = Pick<ReviewBody, 'outcome' | 'justification' | 'note'>;

export interface Outbox {
  add(clientId: number, body: ReviewBody): Promise<OutboxItem>;
  /** Oldest first. */
  list(): Promise<OutboxItem[]>;
  pendingCount(): Promise<number>;
  remove(id: string): Promise<void>;
  markRejected(id: string, problem: string): Promise<void>;
  /** Put a rejected review back to pending (after the advisor fixed nothing but wants a retry). */
  retry(id: string): Promise<void>;
  /**
   * Replace a refused review by the advisor's corrected one, pending again at the same place in the
   * queue, under a new id: the API may already hold the old id with the old content (a 409).
   */
  resubmit(id: string, changes: ReviewChanges, newId: string, now?: Date): Promise<OutboxItem>;
  countAttempt(id: string): Promise<void>;
  close(): void;
}

export async function openOutbox(name: string): Promise<Outbox> {
  const db: IDBPDatabase<OutboxSchema> = await openDB<OutboxSchema>(name, outboxDefaults.version, {
    upgrade(database) {
      database.createObjectStore('outbox', { keyPath: 'id' }).createIndex('createdAt', 'createdAt');
    },
  });
  const update = async (id: string, change: (item: OutboxItem) => OutboxItem): Promise<void> => {
    const tx = db.transaction('outbox', 'readwrite');
    const item = await tx.store.get(id);
    if (item) await tx.store.put(change(item));
    await tx.done;
  };
  return {
    async add(clientId, body) {
      if (!Number.isInteger(clientId) || clientId <= 0) throw new TypeError(`client id must be a positive integer, got ${clientId}`);
      const problems = reviewProblems(body);
      if (problems.length > 0) throw new TypeError(`Invalid review: ${problems.join(', ')}`);
      const item: OutboxItem = { id: body.id, clientId, body, state: 'pending', attempts: 0, problem: null, createdAt: new Date().toISOString() };
      // add(), not put(): the same id twice is a bug in the caller, never a silent overwrite.
      await db.add('outbox', item);
      return item;
    },
    list: () => db.getAllFromIndex('outbox', 'createdAt'),
    async pendingCount() {
      return (await db.getAll('outbox')).filter((i) => i.state === 'pending').length;
    },
    remove: (id) => db.delete('outbox', id),
    markRejected: (id, problem) => update(id, (i) => ({ ...i, state: 'rejected', problem })),
    retry: (id) => update(id, (i) => ({ ...i, state: 'pending', problem: null })),
    async resubmit(id, changes, newId, now = new Date()) {
      const problems = reviewProblems(changes);
      if (problems.length > 0) throw new TypeError(`Invalid review: ${problems.join(', ')}`);
      const tx = db.transaction('outbox', 'readwrite');
      const old = await tx.store.get(id);
      if (!old || old.state !== 'rejected') {
        await tx.done;
        throw new TypeError(`only a refused review can be corrected, ${id} is ${old ? old.state : 'not in the outbox'}`);
      }
      const body: ReviewBody = { ...old.body, ...changes, id: newId, reviewed_at: now.toISOString() };
      const item: OutboxItem = { ...old, id: newId, body, state: 'pending', attempts: 0, problem: null };
      await tx.store.delete(id);
      await tx.store.add(item);
      await tx.done;
      return item;
    },
    countAttempt: (id) => update(id, (i) => ({ ...i, attempts: i.attempts + 1 })),
    close: () => db.close(),
  };
}

/** What the API said to one send. */
export type SendResult = { kind: 'stored' } | { kind: 'refused'; problem: string } | { kind: 'retry-later'; reason: string };

export interface SyncReport {
  sent: number;
  refused: number;
  /** Why the sync stopped early (the rest is still pending), or null when it went through. */
  stoppedBy: string | null;
}

/** Classifies an HTTP answer to a review POST (status 0 = no answer). */
export function classify(status: number, problem: string): SendResult {
  if (status === 200 || status === 201) return { kind: 'stored' };
  if (status === 400 || status === 404 || status === 409 || status === 422) return { kind: 'refused', problem };
  return { kind: 'retry-later', reason: status === 0 ? problem : `HTTP ${status}: ${problem}` };
}

/**
 * Sends every pending review, oldest first, one at a time. Stops at the first
 * retry-later: if the network or the API is down, the next ones would fail too.
 */
export async function syncOutbox(outbox: Outbox, send: (item: OutboxItem) => Promise<SendResult>): Promise<SyncReport> {
  const report: SyncReport = { sent: 0, refused: 0, stoppedBy: null };
  for (const item of await outbox.list()) {
    if (item.state !== 'pending') continue;
    await outbox.countAttempt(item.id);
    let result: SendResult;
    try {
      result = await send(item);
    } catch (error) {
      result = { kind: 'retry-later', reason: error instanceof Error ? error.message : String(error) };
    }
    if (result.kind === 'stored') {
      await outbox.remove(item.id);
      report.sent += 1;
    } else if (result.kind === 'refused') {
      await outbox.markRejected(item.id, result.problem);
      report.refused += 1;
    } else {
      report.stoppedBy = result.reason;
      break;
    }
  }
  return report;
}

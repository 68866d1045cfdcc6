/**
 * Reviewed clients kept in IndexedDB for offline review: the client's file, score and
 * explanation exactly as fetched, with the time they were fetched and the time of review.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { ClientDetail, Explanation, Score } from '../api/types.js';

export interface ReviewedClient {
  id: number;
  client: ClientDetail;
  score: Score;
  explanation: Explanation;
  /** When the data above was fetched from the API (ISO 8601). */
  fetchedAt: string;
  /** When the advisor marked the client as reviewed (ISO 8601); for a prepared-only copy, when it was prepared. */
  reviewedAt: string;
  /** Downloaded by "Préparer pour hors ligne", not reviewed (offline/prepare-offline.ts). */
  preparedOnly?: boolean;
}

interface ReviewedSchema extends DBSchema {
  reviewed: { key: number; value: ReviewedClient; indexes: { reviewedAt: string } };
}

export const defaults = {
  dbName: 'pad-advisor',
  version: 1,
};

export interface ReviewedStore {
  get(id: number): Promise<ReviewedClient | undefined>;
  /** Most recently reviewed first. */
  list(): Promise<ReviewedClient[]>;
  put(record: ReviewedClient): Promise<void>;
  remove(id: number): Promise<void>;
  /** Replace the data of an already reviewed client, keeping its review time. No-op if not reviewed. */
  refresh(id: number, data: Pick<ReviewedClient, 'client' | 'score' | 'explanation' | 'fetchedAt'>): Promise<boolean>;
  /** Close the connection (before the database is deleted at sign-out). */
  close(): void;
}

export function validateRecord(record: ReviewedClient): void {
  const problems: string[] = [];
  if (!Number.isInteger(record.id) || record.id <= 0) problems.push(`id must be a positive integer, got ${record.id}`);
  if (record.client?.id !== record.id) problems.push('client.id must equal id');
  if (record.score?.id !== record.id) problems.push('score.id must equal id');
  if (record.explanation?.id !== record.id) problems.push('explanation.id must equal id');
  for (const key of ['fetchedAt', 'reviewedAt'] as const) {
    if (Number.isNaN(Date.parse(record[key]))) problems.push(`${key} must be an ISO date, got ${record[key]}`);
  }
  if (problems.length) throw new TypeError(`Invalid reviewed client: ${problems.join('; ')}`);
}

/** Open (or create) the store in the browser's IndexedDB. */
export async function openReviewedStore(name = defaults.dbName): Promise<ReviewedStore> {
  const db: IDBPDatabase<ReviewedSchema> = await openDB<ReviewedSchema>(name, defaults.version, {
    upgrade(database) {
      const store = database.createObjectStore('reviewed', { keyPath: 'id' });
      store.createIndex('reviewedAt', 'reviewedAt');
    },
  });
  return {
    get: (id) => db.get('reviewed', id),
    close: () => db.close(),
    async list() {
      const all = await db.getAllFromIndex('reviewed', 'reviewedAt');
      return all.reverse();
    },
    async put(record) {
      validateRecord(record);
      await db.put('reviewed', record);
    },
    async remove(id) {
      await db.delete('reviewed', id);
    },
    async refresh(id, data) {
      const tx = db.transaction('reviewed', 'readwrite');
      const existing = await tx.store.get(id);
      if (!existing) {
        await tx.done;
        return false;
      }
      const updated = { ...existing, ...data, id };
      validateRecord(updated);
      await tx.store.put(updated);
      await tx.done;
      return true;
    },
  };
}

/**
 * "Préparer pour hors ligne": downloads each client's file, score and
 * explanation into this advisor's IndexedDB so the client opens without a
 * network, a few at a time, reporting progress. A client already kept
 * (reviewed or prepared) is refreshed in place, keeping its review time.
 */
import type { ApiClient } from '../api/client.js';
import type { ClientQuery } from '../api/types.js';
import type { ReviewedStore } from './reviewed-store.js';

export const prepareDefaults = { concurrency: 4, maxClients: 500, pageSize: 100 } as const;

export interface PrepareReport {
  prepared: number;
  failed: Array<{ id: number; error: string }>;
  ms: number;
}

export interface PrepareDeps {
  api: Pick<ApiClient, 'client' | 'score' | 'explanation'>;
  store: ReviewedStore;
  now?: () => Date;
}

/** The ids of a filtered list, page by page, up to `max`. */
export async function idsOfList(api: Pick<ApiClient, 'clients'>, query: Omit<ClientQuery, 'limit' | 'offset'>, max: number = prepareDefaults.maxClients): Promise<number[]> {
  const ids: number[] = [];
  for (let offset = 0; ids.length < max; offset += prepareDefaults.pageSize) {
    const page = (await api.clients({ ...query, limit: Math.min(prepareDefaults.pageSize, max - ids.length), offset } as ClientQuery)).data;
    ids.push(...page.items.map((c) => c.id));
    if (page.items.length === 0 || offset + page.items.length >= page.total) break;
  }
  return ids;
}

export async function prepareClients(ids: number[], deps: PrepareDeps, onProgress: (done: number, total: number) => void = () => undefined,
  concurrency: number = prepareDefaults.concurrency): Promise<PrepareReport> {
  const now = deps.now ?? (() => new Date());
  const started = performance.now();
  const report: PrepareReport = { prepared: 0, failed: [], ms: 0 };
  let next = 0;
  let done = 0;
  const one = async (id: number): Promise<void> => {
    try {
      const [client, score, explanation] = await Promise.all([deps.api.client(id), deps.api.score(id), deps.api.explanation(id)]);
      const fetchedAt = [client.fetchedAt, score.fetchedAt, explanation.fetchedAt].sort()[0]!;
      const data = { client: client.data, score: score.data, explanation: explanation.data, fetchedAt };
      if (!(await deps.store.refresh(id, data))) await deps.store.put({ id, ...data, reviewedAt: now().toISOString(), preparedOnly: true });
      report.prepared += 1;
    } catch (error) {
      report.failed.push({ id, error: error instanceof Error ? error.message : String(error) });
    }
    done += 1;
    onProgress(done, ids.length);
  };
  const worker = async (): Promise<void> => {
    while (next < ids.length) await one(ids[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, ids.length) }, worker));
  report.ms = performance.now() - started;
  return report;
}

export interface StorageFigures {
  usage: number | null;
  quota: number | null;
  persisted: boolean | null;
}

/** Asks for persistent storage (the browser may say no) and reads how much is used. */
export async function storageFigures(askPersist: boolean): Promise<StorageFigures> {
  const storage = (globalThis.navigator as Navigator | undefined)?.storage;
  if (!storage) return { usage: null, quota: null, persisted: null };
  const persisted = askPersist && storage.persist ? await storage.persist().catch(() => false) : storage.persisted ? await storage.persisted() : null;
  const estimate = storage.estimate ? await storage.estimate() : {};
  return { usage: estimate.usage ?? null, quota: estimate.quota ?? null, persisted };
}

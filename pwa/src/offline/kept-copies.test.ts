import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client.js';
import { clientFixture, explanationFixture, scoreFixture } from './fixtures.js';
import { CopyRefresh, isStale, keptEntries, refreshStaleCopies } from './kept-copies.js';
import { openReviewedStore, type ReviewedClient } from './reviewed-store.js';

let n = 0;
const fetched = <T>(data: T) => Promise.resolve({ data, fetchedAt: '2026-06-01T09:00:00.000Z', fromCache: false });

/** A copy made by `version` (score and explanation both carry it). */
function copy(id: number, version: string, extra: Partial<ReviewedClient> = {}): ReviewedClient {
  return {
    id, client: clientFixture(id), score: { ...scoreFixture(id), model_version: version }, explanation: { ...explanationFixture(id), model_version: version },
    fetchedAt: '2026-01-01T00:00:00.000Z', reviewedAt: `2026-01-0${id}T00:00:00.000Z`, ...extra,
  };
}

/** An API serving model `version`, counting the clients it was asked for. */
function apiAt(version: string, asked: number[] = [], failing: number[] = []) {
  return {
    model: () => fetched({ model_version: version } as never),
    client: (id: number) => {
      asked.push(id);
      return failing.includes(id) ? Promise.reject(new ApiError('network', 0, 'Failed to fetch')) : fetched(clientFixture(id));
    },
    score: (id: number) => fetched({ ...scoreFixture(id), model_version: version }),
    explanation: (id: number) => fetched({ ...explanationFixture(id), model_version: version }),
  };
}

describe('kept copies', () => {
  it('marks a copy stale when its score or explanation came from another model, never when the current model is unknown', () => {
    expect(isStale(copy(1, '1.0.0'), '1.0.0')).toBe(false);
    expect(isStale(copy(1, '0.9.0'), '1.0.0')).toBe(true);
    expect(isStale({ ...copy(1, '1.0.0'), explanation: { ...explanationFixture(1), model_version: '0.9.0' } }, '1.0.0')).toBe(true);
    expect(isStale(copy(1, '0.9.0'), null)).toBe(false);
  });

  it('lists every kept client with its kind, the model that made it and whether it is stale', async () => {
    const store = await openReviewedStore(`kept-${(n += 1)}`);
    await store.put(copy(1, '1.0.0'));
    await store.put(copy(2, '0.9.0', { preparedOnly: true }));
    const entries = await keptEntries(store, '1.0.0');
    expect([...entries.keys()]).toEqual([2, 1]);
    expect(entries.get(1)).toMatchObject({ kind: 'reviewed', stale: false, modelVersion: '1.0.0' });
    expect(entries.get(2)).toMatchObject({ kind: 'prepared', stale: true, modelVersion: '0.9.0', decision: 'refused', probability: 0.12 });
  });

  it('downloads again only the stale copies, keeping their kind and review time', async () => {
    const store = await openReviewedStore(`kept-${(n += 1)}`);
    await store.put(copy(1, '1.0.0'));
    await store.put(copy(2, '0.9.0', { preparedOnly: true }));
    await store.put(copy(3, '0.9.0'));
    const asked: number[] = [];
    const report = await refreshStaleCopies({ api: apiAt('1.0.0', asked) as never, store });
    expect(report).toMatchObject({ currentVersion: '1.0.0', stale: 2, prepared: 2, failed: [] });
    expect(asked.sort()).toEqual([2, 3]);
    expect(await store.get(2)).toMatchObject({ preparedOnly: true, fetchedAt: '2026-06-01T09:00:00.000Z', score: { model_version: '1.0.0' } });
    expect(await store.get(3)).toMatchObject({ reviewedAt: '2026-01-03T00:00:00.000Z', explanation: { model_version: '1.0.0' } });
    expect([...(await keptEntries(store, '1.0.0')).values()].some((e) => e.stale)).toBe(false);
  });

  it('keeps a stale copy that could not be downloaded, still marked stale for the next sync', async () => {
    const store = await openReviewedStore(`kept-${(n += 1)}`);
    await store.put(copy(4, '0.9.0'));
    const report = await refreshStaleCopies({ api: apiAt('1.0.0', [], [4]) as never, store });
    expect(report.failed.map((f) => f.id)).toEqual([4]);
    expect((await keptEntries(store, '1.0.0')).get(4)?.stale).toBe(true);
  });

  it('runs one refresh at a time, says when copies changed, and gives up quietly without the API', async () => {
    const store = await openReviewedStore(`kept-${(n += 1)}`);
    await store.put(copy(5, '0.9.0'));
    const refresh = new CopyRefresh(async () => ({ api: apiAt('1.0.0') as never, store }));
    let changes = 0;
    refresh.addEventListener('change', () => (changes += 1));
    const [a, b] = [refresh.run(), refresh.run()];
    expect(a).toBe(b);
    expect((await a)?.prepared).toBe(1);
    expect(changes).toBe(1);
    expect((await refresh.run())?.prepared).toBe(0);
    expect(changes).toBe(1);
    const offline = new CopyRefresh(async () => ({ api: { ...apiAt('1.0.0'), model: () => Promise.reject(new ApiError('network', 0, 'offline')) } as never, store }));
    expect(await offline.run()).toBeNull();
  });
});

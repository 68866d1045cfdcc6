import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client.js';
import { clientFixture, explanationFixture, scoreFixture } from './fixtures.js';
import { idsOfList, prepareClients } from './prepare-offline.js';
import { openReviewedStore } from './reviewed-store.js';

let n = 0;
const fetched = <T>(data: T) => Promise.resolve({ data, fetchedAt: '2026-03-01T09:00:00.000Z', fromCache: false });
const api = (failing: number[] = []) => ({
  client: (id: number) => (failing.includes(id) ? Promise.reject(new ApiError('http', 404, `no client ${id}`)) : fetched(clientFixture(id))),
  score: (id: number) => fetched(scoreFixture(id)),
  explanation: (id: number) => fetched(explanationFixture(id)),
});

describe('prepare for offline', () => {
  it('keeps every client of the list, reports progress and failures, and keeps a review time already there', async () => {
    const store = await openReviewedStore(`prep-${(n += 1)}`);
    await store.put({ id: 2, client: clientFixture(2), score: scoreFixture(2), explanation: explanationFixture(2), fetchedAt: '2026-01-01T00:00:00.000Z', reviewedAt: '2026-02-01T00:00:00.000Z' });
    const progress: number[] = [];
    const report = await prepareClients([1, 2, 3, 4], { api: api([3]) as never, store, now: () => new Date('2026-03-02T00:00:00Z') }, (done) => progress.push(done), 2);
    expect(report.prepared).toBe(3);
    expect(report.failed).toEqual([{ id: 3, error: 'no client 3' }]);
    expect(progress.sort()).toEqual([1, 2, 3, 4]);
    expect(await store.get(1)).toMatchObject({ preparedOnly: true, fetchedAt: '2026-03-01T09:00:00.000Z' });
    expect(await store.get(2)).toMatchObject({ reviewedAt: '2026-02-01T00:00:00.000Z', fetchedAt: '2026-03-01T09:00:00.000Z' });
    expect((await store.get(2))?.preparedOnly).toBeUndefined();
    expect(await store.get(3)).toBeUndefined();
  });

  it('reads the ids of a filtered list page by page, up to the maximum', async () => {
    const seen: Array<Record<string, unknown>> = [];
    const lister = {
      clients: (q: Record<string, unknown>) => {
        seen.push(q);
        const offset = q['offset'] as number;
        const items = Array.from({ length: Math.min(q['limit'] as number, 250 - offset) }, (_, i) => ({ id: offset + i + 1 }));
        return fetched({ total: 250, offset, limit: q['limit'], items });
      },
    };
    const ids = await idsOfList(lister as never, { dataset: 'new' } as never, 230);
    expect(ids).toHaveLength(230);
    expect(ids[229]).toBe(230);
    expect(seen.map((q) => [q['offset'], q['limit'], q['dataset']])).toEqual([[0, 100, 'new'], [100, 100, 'new'], [200, 30, 'new']]);
  });
});

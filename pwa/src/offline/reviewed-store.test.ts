import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { clientFixture, explanationFixture, scoreFixture } from './fixtures.js';
import { openReviewedStore, validateRecord, type ReviewedClient } from './reviewed-store.js';

let dbCounter = 0;
const freshStore = () => openReviewedStore(`test-db-${(dbCounter += 1)}`);

function record(id: number, reviewedAt: string): ReviewedClient {
  return { id, client: clientFixture(id), score: scoreFixture(id), explanation: explanationFixture(id), fetchedAt: '2026-03-01T09:00:00.000Z', reviewedAt };
}

describe('reviewed clients store (IndexedDB)', () => {
  it('keeps a client with its score, explanation and fetch time, and lists the latest review first', async () => {
    const store = await freshStore();
    await store.put(record(1, '2026-03-01T10:00:00.000Z'));
    await store.put(record(2, '2026-03-02T10:00:00.000Z'));
    expect((await store.list()).map((r) => r.id)).toEqual([2, 1]);
    const one = await store.get(1);
    expect(one?.score.probability).toBe(0.12);
    expect(one?.explanation.top[0]?.phrase).toContain('raises the risk');
    expect(one?.fetchedAt).toBe('2026-03-01T09:00:00.000Z');
  });

  it('refreshes the data of a reviewed client but keeps its review time, and ignores unreviewed ones', async () => {
    const store = await freshStore();
    await store.put(record(3, '2026-03-01T10:00:00.000Z'));
    const updated = await store.refresh(3, { client: clientFixture(3), score: scoreFixture(3, 0.05), explanation: explanationFixture(3), fetchedAt: '2026-04-01T00:00:00.000Z' });
    expect(updated).toBe(true);
    expect(await store.get(3)).toMatchObject({ reviewedAt: '2026-03-01T10:00:00.000Z', fetchedAt: '2026-04-01T00:00:00.000Z', score: { probability: 0.05 } });
    expect(await store.refresh(4, { client: clientFixture(4), score: scoreFixture(4), explanation: explanationFixture(4), fetchedAt: '2026-04-01T00:00:00.000Z' })).toBe(false);
    expect(await store.get(4)).toBeUndefined();
  });

  it('removes a client', async () => {
    const store = await freshStore();
    await store.put(record(5, '2026-03-01T10:00:00.000Z'));
    await store.remove(5);
    expect(await store.list()).toEqual([]);
  });

  it('refuses a record whose parts belong to different clients or whose dates are not dates', async () => {
    const bad = { ...record(6, 'yesterday'), score: scoreFixture(7) };
    expect(() => validateRecord(bad)).toThrow(/score.id must equal id; reviewedAt must be an ISO date, got yesterday/);
    const store = await freshStore();
    await expect(store.put(bad)).rejects.toThrow(TypeError);
  });
});

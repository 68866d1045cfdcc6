import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { ApiError, type Fetched } from '../api/client.js';
import { loadClientBundle, NotAvailableOfflineError, type LoaderDeps } from './client-loader.js';
import { clientFixture, explanationFixture, scoreFixture } from './fixtures.js';
import { openReviewedStore } from './reviewed-store.js';

let n = 0;
const store = () => openReviewedStore(`loader-db-${(n += 1)}`);
const fetched = <T>(data: T, fetchedAt = '2026-05-01T12:00:00.000Z', fromCache = false): Promise<Fetched<T>> => Promise.resolve({ data, fetchedAt, fromCache });
const offlineError = () => Promise.reject(new ApiError('network', 0, 'Failed to fetch'));

function onlineApi(probability = 0.2): LoaderDeps['api'] {
  return {
    client: (id) => fetched(clientFixture(id)),
    score: (id) => fetched(scoreFixture(id, probability), '2026-05-01T11:59:00.000Z'),
    explanation: (id) => fetched(explanationFixture(id)),
  };
}
const deadApi: LoaderDeps['api'] = { client: offlineError, score: offlineError, explanation: offlineError };

describe('client loader', () => {
  it('loads from the network and reports the oldest fetch time of the three parts', async () => {
    const bundle = await loadClientBundle(9, { api: onlineApi(), store: await store(), isOnline: () => true });
    expect(bundle).toMatchObject({ source: 'network', fetchedAt: '2026-05-01T11:59:00.000Z', score: { probability: 0.2 } });
  });

  it('refreshes the offline copy of a reviewed client with what it just fetched', async () => {
    const s = await store();
    await s.put({ id: 9, client: clientFixture(9), score: scoreFixture(9, 0.5), explanation: explanationFixture(9), fetchedAt: '2026-01-01T00:00:00.000Z', reviewedAt: '2026-01-01T00:00:00.000Z' });
    const bundle = await loadClientBundle(9, { api: onlineApi(0.2), store: s, isOnline: () => true });
    expect(bundle.source).toBe('network');
    expect(await s.get(9)).toMatchObject({ reviewedAt: '2026-01-01T00:00:00.000Z', score: { probability: 0.2 } });
  });

  it('offline, serves a reviewed client from the store with its stored date, without touching the network', async () => {
    const s = await store();
    await s.put({ id: 9, client: clientFixture(9), score: scoreFixture(9, 0.5), explanation: explanationFixture(9), fetchedAt: '2026-01-01T00:00:00.000Z', reviewedAt: '2026-01-02T00:00:00.000Z' });
    const bundle = await loadClientBundle(9, { api: deadApi, store: s, isOnline: () => false });
    expect(bundle).toMatchObject({ source: 'offline-store', fetchedAt: '2026-01-01T00:00:00.000Z', score: { probability: 0.5 } });
  });

  it('falls back to the store when the API is unreachable though the browser says online', async () => {
    const s = await store();
    await s.put({ id: 9, client: clientFixture(9), score: scoreFixture(9, 0.5), explanation: explanationFixture(9), fetchedAt: '2026-01-01T00:00:00.000Z', reviewedAt: '2026-01-02T00:00:00.000Z' });
    expect((await loadClientBundle(9, { api: deadApi, store: s, isOnline: () => true })).source).toBe('offline-store');
  });

  it('says a never-reviewed client is not available offline, and passes other errors through', async () => {
    await expect(loadClientBundle(9, { api: deadApi, store: await store(), isOnline: () => false })).rejects.toBeInstanceOf(NotAvailableOfflineError);
    const notFound: LoaderDeps['api'] = { ...onlineApi(), client: () => Promise.reject(new ApiError('http', 404, 'Client 9 not found')) };
    await expect(loadClientBundle(9, { api: notFound, store: await store(), isOnline: () => true })).rejects.toMatchObject({ status: 404 });
  });

  it('marks data served from the service worker cache as cached and keeps the stored copy as it was', async () => {
    const s = await store();
    await s.put({ id: 9, client: clientFixture(9), score: scoreFixture(9, 0.5), explanation: explanationFixture(9), fetchedAt: '2026-01-01T00:00:00.000Z', reviewedAt: '2026-01-02T00:00:00.000Z' });
    const cachedApi: LoaderDeps['api'] = { ...onlineApi(0.3), score: (id) => fetched(scoreFixture(id, 0.3), '2026-04-01T00:00:00.000Z', true) };
    const bundle = await loadClientBundle(9, { api: cachedApi, store: s, isOnline: () => true });
    expect(bundle.source).toBe('cache');
    expect((await s.get(9))?.score.probability).toBe(0.5);
  });
});

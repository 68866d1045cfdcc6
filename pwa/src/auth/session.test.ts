import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaults, type RuntimeConfig } from '../config.js';
import { writeLastSignIn } from './offline-window.js';
import { Session } from './session.js';

function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k),
    clear: () => map.clear(), key: () => null, get length() { return map.size; },
  };
}

const config: RuntimeConfig = { ...defaults, issuer: 'https://id.example/realms/pad', offlineHours: 10 };
const last = { partition: 'a1b2c3d4e5f6a1b2c3d4e5f6', name: 'advisor', at: '2026-03-02T08:00:00.000Z' };
const here = { href: 'https://dash.example/' } as Location;

function session(now: string, storage = memoryStorage()): { s: Session; storage: Storage } {
  return { s: new Session(config, 'https://dash.example/', storage, memoryStorage(), () => new Date(now)), storage };
}

describe('session without a reachable provider', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('reads the cache offline within the allowance after the last sign-in, as that user, without a token', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    const { s, storage } = session('2026-03-02T15:00:00Z');
    writeLastSignIn(storage, last);
    await s.start(here);
    expect([s.status, s.userName, s.partition]).toEqual(['offline', 'advisor', last.partition]);
    expect(s.headers()).toEqual({}); // no token; the partition goes only to the service worker, for client data
  });

  it('locks once the allowance has run out, and says signed-out to a browser never signed in', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    const late = session('2026-03-02T18:00:01Z');
    writeLastSignIn(late.storage, last);
    await late.s.start(here);
    expect([late.s.status, late.s.partition]).toEqual(['locked', null]);
    const fresh = session('2026-03-02T09:00:00Z');
    await fresh.s.start(here);
    expect(fresh.s.status).toBe('signed-out');
  });

  it('forgets the user at sign-out, so the next offline start shows nothing', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    const { s, storage } = session('2026-03-02T09:00:00Z');
    writeLastSignIn(storage, last);
    await s.start(here);
    await s.signOut();
    expect([s.status, s.userName, s.partition, storage.getItem('pad-last-sign-in')]).toEqual(['signed-out', null, null, null]);
    const again = new Session(config, 'https://dash.example/', storage, memoryStorage(), () => new Date('2026-03-02T09:05:00Z'));
    await again.start(here);
    expect(again.status).toBe('signed-out');
  });
});

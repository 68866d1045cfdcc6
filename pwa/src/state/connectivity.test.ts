import { describe, expect, it } from 'vitest';
import { Connectivity, type KeyValueStorage } from './connectivity.js';

function memoryStorage(initial: Record<string, string> = {}): KeyValueStorage & { data: Record<string, string> } {
  const data = { ...initial };
  return { data, getItem: (k) => data[k] ?? null, setItem: (k, v) => void (data[k] = v) };
}

describe('connectivity', () => {
  it('starts from the stored last sync and the browser flag', () => {
    const c = new Connectivity(memoryStorage({ 'pad.lastSync': '2026-01-01T00:00:00.000Z' }), false);
    expect(c.snapshot).toEqual({ status: 'offline', lastSync: '2026-01-01T00:00:00.000Z' });
  });

  it('records a sync only for fresh successful answers from the API', () => {
    const storage = memoryStorage();
    const c = new Connectivity(storage, true, () => new Date('2026-02-03T04:05:06Z'));
    c.record({ ok: true, network: false, fromCache: true });
    expect(c.snapshot.lastSync).toBeNull();
    c.record({ ok: false, network: false, fromCache: false });
    expect(c.snapshot.lastSync).toBeNull();
    c.record({ ok: true, network: false, fromCache: false });
    expect(c.snapshot.lastSync).toBe('2026-02-03T04:05:06.000Z');
    expect(storage.data['pad.lastSync']).toBe('2026-02-03T04:05:06.000Z');
  });

  it('tells "API down" from "offline", and recovers on the next answer', () => {
    const c = new Connectivity(undefined, true);
    const events: string[] = [];
    c.addEventListener('change', () => events.push(c.snapshot.status));
    c.record({ ok: false, network: true, fromCache: false });
    expect(c.snapshot.status).toBe('api-down');
    expect(c.canReachApi).toBe(false);
    c.setBrowserOnline(false);
    c.setBrowserOnline(true);
    c.record({ ok: false, network: false, fromCache: false });
    expect(events).toEqual(['api-down', 'offline', 'online']);
  });

  it('survives a storage that throws', () => {
    const broken: KeyValueStorage = { getItem: () => { throw new Error('blocked'); }, setItem: () => { throw new Error('full'); } };
    const c = new Connectivity(broken, true);
    expect(() => c.record({ ok: true, network: false, fromCache: false })).not.toThrow();
    expect(c.snapshot.lastSync).not.toBeNull();
  });
});

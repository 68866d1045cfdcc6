import { describe, expect, it } from 'vitest';
import { forgetLastSignIn, offlineAllowed, readLastSignIn, writeLastSignIn } from './offline-window.js';

function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k),
    clear: () => map.clear(), key: () => null, get length() { return map.size; },
  };
}

describe('offline allowance', () => {
  const at = '2026-03-02T08:00:00.000Z';
  const last = { partition: 'a1b2c3d4e5f6a1b2c3d4e5f6', name: 'advisor', at };

  it('allows offline reading for the configured hours after the last sign-in, then locks', () => {
    expect(offlineAllowed(last, new Date('2026-03-02T17:59:00Z'), 10)).toBe(true);
    expect(offlineAllowed(last, new Date('2026-03-02T18:00:00Z'), 10)).toBe(false);
    expect(offlineAllowed(last, new Date('2026-03-02T07:00:00Z'), 10)).toBe(false); // a clock set back
    expect(offlineAllowed(null, new Date(at), 10)).toBe(false);
    expect(offlineAllowed(last, new Date(at), 0)).toBe(false);
  });

  it('keeps who and when, never a token, and forgets them at sign-out', () => {
    const storage = memoryStorage();
    writeLastSignIn(storage, last);
    expect(readLastSignIn(storage)).toEqual(last);
    expect(storage.getItem('pad-last-sign-in')).not.toMatch(/token|eyJ/);
    forgetLastSignIn(storage);
    expect(readLastSignIn(storage)).toBeNull();
    storage.setItem('pad-last-sign-in', '{not json');
    expect(readLastSignIn(storage)).toBeNull();
  });
});

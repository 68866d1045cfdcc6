/**
 * The offline allowance: after a successful sign-in, the advisor may keep
 * reading the clients cached on this workstation for `offlineHours`, even
 * without a token (the network is down); then the app locks until the next
 * sign-in. Only who and when are kept (localStorage), never a token.
 */
export interface LastSignIn {
  /** The cache partition of the user (auth/partition.ts), not the raw subject. */
  partition: string;
  name: string;
  /** ISO time of the last successful sign-in or renewal. */
  at: string;
}

export const offlineWindowDefaults = { storageKey: 'pad-last-sign-in' } as const;

export function readLastSignIn(storage: Pick<Storage, 'getItem'>): LastSignIn | null {
  try {
    const value = JSON.parse(storage.getItem(offlineWindowDefaults.storageKey) ?? 'null') as LastSignIn | null;
    if (value && typeof value.partition === 'string' && typeof value.name === 'string' && !Number.isNaN(Date.parse(value.at))) return value;
  } catch {
    /* unreadable: as if never signed in */
  }
  return null;
}

export function writeLastSignIn(storage: Pick<Storage, 'setItem'>, value: LastSignIn): void {
  storage.setItem(offlineWindowDefaults.storageKey, JSON.stringify(value));
}

export function forgetLastSignIn(storage: Pick<Storage, 'removeItem'>): void {
  storage.removeItem(offlineWindowDefaults.storageKey);
}

/** True while the last sign-in is recent enough for offline reading. */
export function offlineAllowed(last: LastSignIn | null, now: Date, hours: number): boolean {
  if (!last) return false;
  const age = now.getTime() - Date.parse(last.at);
  return age >= 0 && age < hours * 3600_000;
}

/**
 * Sign-out: remove every cached personal datum from this browser — the
 * IndexedDB databases of reviewed clients (every user's) and the service
 * worker's client caches. Reference data (model, population aggregates)
 * carries no client data and stays. The outbox of unsent reviews (pad-outbox-<user>)
 * stays too: sign-out warns about it, and the same advisor's next sign-in sends it.
 */
import { partitionDefaults } from './partition.js';

/** The pre-sign-in database name, from before caches were keyed by user. */
const LEGACY_DB = 'pad-advisor';

export async function purgePersonalData(): Promise<{ databases: string[]; caches: string[] }> {
  const removedCaches: string[] = [];
  if ('caches' in globalThis) {
    for (const name of await caches.keys()) {
      if (name.startsWith(partitionDefaults.clientCachePrefix) || name === 'pad-clients') {
        await caches.delete(name);
        removedCaches.push(name);
      }
    }
  }
  const removedDbs: string[] = [];
  const known = 'indexedDB' in globalThis ? ((await indexedDB.databases?.()) ?? []) : [];
  for (const { name } of known) {
    if (name && (name === LEGACY_DB || name.startsWith(partitionDefaults.dbPrefix))) {
      await new Promise<void>((resolve) => {
        const request = indexedDB.deleteDatabase(name);
        request.onsuccess = request.onerror = request.onblocked = () => resolve();
      });
      removedDbs.push(name);
    }
  }
  return { databases: removedDbs, caches: removedCaches };
}

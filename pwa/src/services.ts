/**
 * The app's long-lived services, created once at start-up: API client, connectivity,
 * reviewed-clients store, and memoised reference data (model, population).
 */
import { createApiClient, type ApiClient, type Fetched } from './api/client.js';
import type { ModelInfo, Population } from './api/types.js';
import { partitionDefaults } from './auth/partition.js';
import type { Session } from './auth/session.js';
import { openReviewedStore, type ReviewedStore } from './offline/reviewed-store.js';
import { Connectivity } from './state/connectivity.js';
import { isClientData } from './sw-routes.js';

export interface Services {
  api: ApiClient;
  session: Session;
  connectivity: Connectivity;
  store: () => Promise<ReviewedStore>;
  model: () => Promise<Fetched<ModelInfo>>;
  population: () => Promise<Fetched<Population>>;
}

let current: Services | undefined;

/** Memoise a request, forgetting failures so the next call retries. */
export function memo<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= load().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}

/** The reviewed-clients database of the current user (one per user: partition.ts). */
function storeOfUser(session: Session): () => Promise<ReviewedStore> {
  const opened = new Map<string, Promise<ReviewedStore>>();
  session.addEventListener('change', () => {
    if (session.status === 'signed-in' || session.status === 'offline') return;
    for (const store of opened.values()) void store.then((s) => s.close(), () => undefined);
    opened.clear();
  });
  return () => {
    const partition = session.partition;
    if (partition === null) return Promise.reject(new Error('Sign in to read or keep reviewed clients'));
    let store = opened.get(partition);
    if (!store) {
      store = openReviewedStore(`${partitionDefaults.dbPrefix}${partition}`);
      opened.set(partition, store);
    }
    return store;
  };
}

export function initServices(apiUrl: string, session: Session): Services {
  const connectivity = new Connectivity(globalThis.localStorage, navigator.onLine);
  addEventListener('online', () => connectivity.setBrowserOnline(true));
  addEventListener('offline', () => connectivity.setBrowserOnline(false));
  const api = createApiClient({
    baseUrl: apiUrl, onResult: (info) => connectivity.record(info), authHeaders: (path, method) => session.headers(method === 'GET' && isClientData(new URL(path, 'http://api.invalid'))), onUnauthorized: () => session.expired(),
  });
  current = {
    api,
    session,
    connectivity,
    store: storeOfUser(session),
    model: memo(() => api.model()),
    population: memo(() => api.population()),
  };
  return current;
}

export function services(): Services {
  if (!current) throw new Error('services() called before initServices()');
  return current;
}

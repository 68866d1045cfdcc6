/**
 * The app's long-lived services, created once at start-up: API client, connectivity,
 * reviewed-clients store, and memoised reference data (model, population).
 */
import { createApiClient, type ApiClient, type Fetched } from './api/client.js';
import type { ModelInfo, Population } from './api/types.js';
import { partitionDefaults } from './auth/partition.js';
import type { Session } from './auth/session.js';
import { listenForBackgroundSync, requestBackgroundSync } from './offline/background-sync.js';
import { CopyRefresh } from './offline/kept-copies.js';
import { openOutbox, outboxDefaults, type Outbox, type SyncReport } from './offline/outbox.js';
import { openReviewedStore, type ReviewedStore } from './offline/reviewed-store.js';
import { ReviewSync } from './offline/review-sync.js';
import { Connectivity } from './state/connectivity.js';
import { isClientData } from './sw-routes.js';

export interface Services {
  api: ApiClient;
  session: Session;
  connectivity: Connectivity;
  store: () => Promise<ReviewedStore>;
  /** Reviews not yet acknowledged by the API, of the current user (kept at sign-out). */
  outbox: () => Promise<Outbox>;
  reviews: ReviewSync;
  /** Re-downloads the kept copies made with an older model (after each complete sync). */
  copies: CopyRefresh;
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

/** A database of the current user (one per user: partition.ts), closed when the session ends. */
function perUser<T extends { close(): void }>(session: Session, open: (partition: string) => Promise<T>): () => Promise<T> {
  const opened = new Map<string, Promise<T>>();
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
      store = open(partition);
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
  const outbox = perUser(session, (p) => openOutbox(`${outboxDefaults.dbPrefix}${p}`));
  const reviews = new ReviewSync(outbox, api, undefined, {
    needsToken: () => session.status === 'offline',
    reconnect: () => void session.signIn(location.hash, true).catch(() => undefined),
  });
  // A sign-in (or an offline start) of a user with waiting reviews sends them.
  session.addEventListener('change', () => void (session.status === 'signed-in' ? reviews.sync() : reviews.refresh()));
  const store = perUser(session, (p) => openReviewedStore(`${partitionDefaults.dbPrefix}${p}`));
  const copies = new CopyRefresh(async () => ({ api, store: await store() }));
  const worker = globalThis.navigator?.serviceWorker;
  reviews.addEventListener('synced', (event) => {
    const report = (event as CustomEvent<SyncReport>).detail;
    // Reviews left: let the browser wake us when the network is back (where it can); all sent: the API is
    // reachable, so copies made with an older model are downloaded again.
    if (report.stoppedBy !== null) void requestBackgroundSync(worker);
    else if (connectivity.snapshot.status !== 'offline') void copies.run();
  });
  listenForBackgroundSync(worker, () => reviews.sync());
  current = {
    api,
    session,
    connectivity,
    store,
    outbox,
    reviews,
    copies,
    model: memo(() => api.model()),
    population: memo(() => api.population()),
  };
  return current;
}

export function services(): Services {
  if (!current) throw new Error('services() called before initServices()');
  return current;
}

/**
 * The app's long-lived services, created once at start-up: API client, connectivity,
 * reviewed-clients store, and memoised reference data (model, population).
 */
import { createApiClient, type ApiClient, type Fetched } from './api/client.js';
import type { ModelInfo, Population } from './api/types.js';
import { openReviewedStore, type ReviewedStore } from './offline/reviewed-store.js';
import { Connectivity } from './state/connectivity.js';

export interface Services {
  api: ApiClient;
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

export function initServices(apiUrl: string): Services {
  const connectivity = new Connectivity(globalThis.localStorage, navigator.onLine);
  addEventListener('online', () => connectivity.setBrowserOnline(true));
  addEventListener('offline', () => connectivity.setBrowserOnline(false));
  const api = createApiClient({ baseUrl: apiUrl, onResult: (info) => connectivity.record(info) });
  current = {
    api,
    connectivity,
    store: memo(() => openReviewedStore()),
    model: memo(() => api.model()),
    population: memo(() => api.population()),
  };
  return current;
}

export function services(): Services {
  if (!current) throw new Error('services() called before initServices()');
  return current;
}

/**
 * Once the service worker controls the page, fetch the reference data (model, metrics, fairness,
 * drift, importance, population) so it is in the service worker's cache for offline use.
 */
import type { ApiClient } from './api/client.js';

export const defaults = { delayMs: 1500 };

export function referenceRequests(api: ApiClient): (() => Promise<unknown>)[] {
  return [api.model, api.metrics, api.fairness, api.drift, api.importance, api.population];
}

export function warmReferenceCache(api: ApiClient, container: ServiceWorkerContainer | undefined = navigator.serviceWorker): void {
  if (!container) return;
  const warm = () =>
    setTimeout(() => {
      // Failures are fine: the pages fetch again when opened.
      void Promise.allSettled(referenceRequests(api).map((request) => request()));
    }, defaults.delayMs);
  if (container.controller) warm();
  else container.addEventListener('controllerchange', warm, { once: true });
}

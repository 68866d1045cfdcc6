/// <reference lib="webworker" />
/**
 * Service worker (bundled by scripts/build-sw.mjs, manifest injected by workbox-build):
 * app shell precached; reference data stale-while-revalidate; client data network-first;
 * background sync of the outbox by waking the open windows (sw-sync.ts: this worker holds no token).
 */
import { clientsClaim, type WorkboxPlugin } from 'workbox-core';
import { ExpirationPlugin } from 'workbox-expiration';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { NetworkFirst, NetworkOnly, StaleWhileRevalidate } from 'workbox-strategies';
import { clientCacheName, isClientData, isReferenceData, isRuntimeConfig, withoutPartition } from './sw-routes.js';
import { outboxSyncDefaults, wakeWindows } from './sw-sync.js';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: { url: string; revision: string | null }[] };

const defaults = { networkTimeoutSeconds: 4, maxClientEntries: 400, maxClientAgeSeconds: 30 * 24 * 3600 };
const fromCacheHeader = 'x-pad-from-cache';
const fetchedAtHeader = 'x-pad-fetched-at';

/**
 * Stamp cached responses with their fetch time, and mark responses served from the cache,
 * so the page can say how old the data is. Expose-Headers lets the page read them on CORS requests.
 */
const stampPlugin: WorkboxPlugin = {
  cacheWillUpdate: async ({ response }) => {
    if (!response || response.status !== 200) return null;
    const headers = new Headers(response.headers);
    headers.set(fetchedAtHeader, new Date().toISOString());
    return new Response(await response.blob(), { status: response.status, statusText: response.statusText, headers });
  },
  cachedResponseWillBeUsed: async ({ cachedResponse }) => {
    if (!cachedResponse) return null;
    const headers = new Headers(cachedResponse.headers);
    headers.set(fromCacheHeader, '1');
    headers.set('access-control-expose-headers', `${fromCacheHeader}, ${fetchedAtHeader}`);
    return new Response(await cachedResponse.blob(), { status: cachedResponse.status, statusText: cachedResponse.statusText, headers });
  },
};

self.skipWaiting();
clientsClaim();
cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST);
// Hash routing: every navigation inside the scope is the app shell.
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html')));

registerRoute(
  ({ url }) => isRuntimeConfig(url, self.registration.scope),
  new NetworkFirst({ cacheName: 'pad-config', networkTimeoutSeconds: defaults.networkTimeoutSeconds }),
);
registerRoute(
  ({ url, request }) => request.method === 'GET' && isReferenceData(url),
  new StaleWhileRevalidate({ cacheName: 'pad-reference', plugins: [stampPlugin] }),
);
/**
 * Client data is cached per user: the page names the user's partition in a header (stripped before
 * the request leaves), and a request without one (signed out, locked) is never answered from a cache.
 */
const clientStrategies = new Map<string, NetworkFirst>();
const networkOnly = new NetworkOnly();
function clientStrategy(cacheName: string): NetworkFirst {
  let strategy = clientStrategies.get(cacheName);
  if (!strategy) {
    strategy = new NetworkFirst({
      cacheName,
      networkTimeoutSeconds: defaults.networkTimeoutSeconds,
      plugins: [stampPlugin, new ExpirationPlugin({ maxEntries: defaults.maxClientEntries, maxAgeSeconds: defaults.maxClientAgeSeconds })],
    });
    clientStrategies.set(cacheName, strategy);
  }
  return strategy;
}
registerRoute(
  ({ url, request }) => request.method === 'GET' && isClientData(url),
  async ({ request, event }) => {
    const cacheName = clientCacheName(request);
    const forwarded = withoutPartition(request);
    if (cacheName === null) return networkOnly.handle({ request: forwarded, event });
    return clientStrategy(cacheName).handle({ request: forwarded, event });
  },
);

/** The Background Sync API's event (not in TypeScript's webworker library yet). */
interface SyncEvent extends ExtendableEvent {
  readonly tag: string;
}
self.addEventListener('sync' as keyof ServiceWorkerGlobalScopeEventMap, ((event: SyncEvent) => {
  if (event.tag === outboxSyncDefaults.tag) event.waitUntil(wakeWindows(self.clients));
}) as unknown as EventListener);

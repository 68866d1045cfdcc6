/** Which requests the service worker caches, and how. Pure so it can be unit-tested. */
import { isPartition, partitionDefaults } from './auth/partition.js';

/** Reference data that changes only with a new model: stale-while-revalidate (the API sends ETags). */
export function isReferenceData(url: URL): boolean {
  return /\/v1\/(population\/(stats|importance)|model(\/(metrics|fairness|drift))?)$/.test(url.pathname);
}

/** Client list and client data: network first, cache as a fallback. */
export function isClientData(url: URL): boolean {
  return /\/v1\/clients(\/\d+(\/(score|explanation))?)?$/.test(url.pathname);
}

/** The runtime config written at serve time, next to index.html. */
export function isRuntimeConfig(url: URL, scope: string): boolean {
  return url.href.split('?')[0] === new URL('config.json', scope).href;
}

/** The client cache of the request's user, or null when the request names no (valid) user. */
export function clientCacheName(request: Request): string | null {
  const partition = request.headers.get(partitionDefaults.header);
  return isPartition(partition) ? `${partitionDefaults.clientCachePrefix}${partition}` : null;
}

/** The same request without the partition header: it is for the service worker, not the API. */
export function withoutPartition(request: Request): Request {
  if (!request.headers.has(partitionDefaults.header)) return request;
  const headers = new Headers(request.headers);
  headers.delete(partitionDefaults.header);
  return new Request(request.url, { method: request.method, headers, mode: request.mode === 'navigate' ? 'same-origin' : request.mode, credentials: request.credentials, cache: request.cache, redirect: request.redirect, referrer: request.referrer, integrity: request.integrity });
}

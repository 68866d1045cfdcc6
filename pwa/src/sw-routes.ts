/** Which requests the service worker caches, and how. Pure so it can be unit-tested. */

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

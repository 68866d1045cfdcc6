/**
 * Per-user names for everything cached on the workstation (IndexedDB and the
 * service worker's client cache), so one advisor's cached clients are never
 * served to another. The partition is a hash of issuer and subject.
 */
export const partitionDefaults = {
  /** Request header from the page to the service worker (stripped before the network). */
  header: 'x-pad-partition',
  clientCachePrefix: 'pad-clients-',
  dbPrefix: 'pad-advisor-',
} as const;

export async function userPartition(issuer: string, subject: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${issuer}\n${subject}`));
  return [...new Uint8Array(digest).slice(0, 12)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export function isPartition(value: string | null): value is string {
  return value !== null && /^[0-9a-f]{24}$/.test(value);
}

/**
 * Background sync of the outbox, page side (the service-worker side is sw-sync.ts). Where the
 * browser has the Background Sync API (Chromium), a sync that stopped with reviews left registers
 * the tag, and the browser wakes the service worker when the network is back, which asks this page
 * to send. Where it has not (Firefox, Safari, no service worker), nothing is registered and the
 * page's own retries do the work: at start-up, on `online`, on a timer (review-sync.ts).
 */
import { outboxSyncDefaults, type OutboxSyncReply } from '../sw-sync.js';
import type { SyncReport } from './outbox.js';

export type SyncMode = 'background-sync' | 'fallback';

interface RegistrationLike {
  sync?: { register(tag: string): Promise<void> };
}

export interface ContainerLike {
  getRegistration(): Promise<object | undefined>;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

/** Registers the outbox's sync tag when the browser can; says which way the retry will come. */
export async function requestBackgroundSync(container: ContainerLike | undefined): Promise<SyncMode> {
  if (!container) return 'fallback';
  try {
    // The Background Sync API is not in TypeScript's DOM library: the registration may or may not have it.
    const registration = (await container.getRegistration()) as RegistrationLike | undefined;
    if (!registration?.sync) return 'fallback';
    await registration.sync.register(outboxSyncDefaults.tag);
    return 'background-sync';
  } catch {
    // Refused (permission, no active worker yet): the page's own retries remain.
    return 'fallback';
  }
}

/** Sends the outbox when the service worker asks, and answers on the port it gave. Returns the unsubscribe. */
export function listenForBackgroundSync(container: ContainerLike | undefined, send: () => Promise<SyncReport | null>): () => void {
  if (!container) return () => undefined;
  const listener = (event: MessageEvent): void => {
    if ((event.data as { type?: unknown } | null)?.type !== outboxSyncDefaults.message) return;
    const port = event.ports[0];
    void send().then(
      (report) => reply(port, report === null
        ? { done: false, sent: 0, reason: 'not signed in' }
        : { done: report.stoppedBy === null, sent: report.sent, reason: report.stoppedBy }),
      (error: unknown) => reply(port, { done: false, sent: 0, reason: error instanceof Error ? error.message : String(error) }),
    );
  };
  container.addEventListener('message', listener);
  return () => container.removeEventListener('message', listener);
}

function reply(port: MessagePort | undefined, message: OutboxSyncReply): void {
  port?.postMessage(message);
}

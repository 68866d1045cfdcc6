/**
 * Background sync of the outbox, service-worker side. The service worker holds no token (tokens
 * stay in the page's memory), so it cannot send a review itself: when the browser fires the
 * `sync` event of the tag below, it wakes the open windows of the app, one of which sends the
 * outbox with its own token and answers on the message port. The event's promise fails while
 * reviews are left, so the browser tries again later; with no open window it succeeds at once
 * (nothing can be sent without a signed-in page; the next start-up sends them).
 */
export const outboxSyncDefaults = { tag: 'pad-outbox', message: 'pad-outbox-sync', replyTimeoutMs: 60_000 } as const;

/** What a page answers once it has tried to send the outbox. */
export interface OutboxSyncReply {
  done: boolean;
  sent: number;
  reason: string | null;
}

interface WindowClientLike {
  postMessage(message: unknown, transfer: Transferable[]): void;
}

export interface ClientsLike {
  matchAll(options: { type: 'window'; includeUncontrolled: boolean }): Promise<readonly WindowClientLike[]>;
}

export type WakeResult = 'no-window' | OutboxSyncReply;

/** Ask the open windows to send the outbox; resolves with the first answer, rejects when reviews are left. */
export async function wakeWindows(clients: ClientsLike, timeoutMs: number = outboxSyncDefaults.replyTimeoutMs): Promise<WakeResult> {
  const windows = await clients.matchAll({ type: 'window', includeUncontrolled: true });
  if (windows.length === 0) return 'no-window';
  const reply = await new Promise<OutboxSyncReply>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no window answered the outbox sync within ${timeoutMs} ms`)), timeoutMs);
    for (const w of windows) {
      const channel = new MessageChannel();
      channel.port1.onmessage = (event: MessageEvent<OutboxSyncReply>) => {
        clearTimeout(timer);
        channel.port1.close();
        resolve(event.data);
      };
      w.postMessage({ type: outboxSyncDefaults.message }, [channel.port2]);
    }
  });
  if (!reply.done) throw new Error(`outbox not sent: ${reply.reason ?? 'unknown reason'}`);
  return reply;
}

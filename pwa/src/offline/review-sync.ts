/**
 * Sends the outbox when it can: at start-up, when the browser comes back
 * online, after each new review, and every `intervalMs` while reviews wait
 * (the API may come back without an `online` event). One sync at a time per
 * tab, and per browser through the Web Locks API where it exists; a second
 * tab sending the same review anyway is harmless (the API keys on its id).
 */
import { ApiError, type ApiClient } from '../api/client.js';
import { classify, syncOutbox, type Outbox, type OutboxItem, type SendResult, type SyncReport } from './outbox.js';

export const reviewSyncDefaults = { intervalMs: 15_000, lockName: 'pad-outbox-sync' } as const;

export async function sendReview(api: Pick<ApiClient, 'postReview'>, item: OutboxItem): Promise<SendResult> {
  try {
    await api.postReview(item.clientId, item.body);
    return { kind: 'stored' };
  } catch (error) {
    if (error instanceof ApiError) return classify(error.kind === 'network' ? 0 : error.status, error.message);
    return { kind: 'retry-later', reason: error instanceof Error ? error.message : String(error) };
  }
}

export class ReviewSync extends EventTarget {
  pending = 0;
  rejected: OutboxItem[] = [];
  last: SyncReport | null = null;
  private running: Promise<SyncReport | null> | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly outbox: () => Promise<Outbox>,
    private readonly api: Pick<ApiClient, 'postReview'>,
    private readonly intervalMs: number = reviewSyncDefaults.intervalMs,
    /** Started offline (no token): true until the session has a token again. */
    private readonly session: { needsToken: () => boolean; reconnect: () => void } = { needsToken: () => false, reconnect: () => undefined },
  ) {
    super();
  }

  /** Re-reads the counts (after a review was queued, a sign-in, a sync). */
  async refresh(): Promise<void> {
    try {
      const items = await (await this.outbox()).list();
      this.pending = items.filter((i) => i.state === 'pending').length;
      this.rejected = items.filter((i) => i.state === 'rejected');
    } catch {
      // Signed out: nothing of this user to count.
      this.pending = 0;
      this.rejected = [];
    }
    this.dispatchEvent(new Event('change'));
  }

  start(): void {
    addEventListener('online', () => void this.sync());
    this.timer ??= setInterval(() => {
      if (this.pending > 0) void this.sync();
    }, this.intervalMs);
    void this.sync();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  sync(): Promise<SyncReport | null> {
    this.running ??= this.runLocked().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async runLocked(): Promise<SyncReport | null> {
    const run = async (): Promise<SyncReport | null> => {
      let box: Outbox;
      try {
        box = await this.outbox();
      } catch {
        return null;
      }
      if (this.session.needsToken()) {
        // Opened offline: the network is back but there is no token yet; a silent sign-in gets one
        // (the reviews wait in IndexedDB across the redirect) and the sign-in sends them.
        if (navigator.onLine && (await box.pendingCount()) > 0) this.session.reconnect();
        await this.refresh();
        return null;
      }
      this.last = await syncOutbox(box, (item) => sendReview(this.api, item));
      await this.refresh();
      // Listeners act on the outcome: a stopped sync asks for a background sync, a complete one refreshes stale copies.
      this.dispatchEvent(new CustomEvent<SyncReport>('synced', { detail: this.last }));
      return this.last;
    };
    const locks = (globalThis.navigator as Navigator | undefined)?.locks;
    return locks ? locks.request(reviewSyncDefaults.lockName, run) : run();
  }
}

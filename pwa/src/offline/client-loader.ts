/**
 * Loads everything the client page shows: from the API when it can, from the
 * reviewed-clients store when it cannot (offline, API down).
 */
import { ApiError, type ApiClient } from '../api/client.js';
import type { ClientDetail, Explanation, Score } from '../api/types.js';
import type { ReviewedStore } from './reviewed-store.js';

export type BundleSource = 'network' | 'cache' | 'offline-store';

export interface ClientBundle {
  client: ClientDetail;
  score: Score;
  explanation: Explanation;
  fetchedAt: string;
  source: BundleSource;
}

/** Raised when the client cannot be loaded from the network and was never reviewed. */
export class NotAvailableOfflineError extends Error {
  constructor(readonly id: number) {
    super(`Client ${id} is not available offline`);
    this.name = 'NotAvailableOfflineError';
  }
}

export interface LoaderDeps {
  api: Pick<ApiClient, 'client' | 'score' | 'explanation'>;
  store: ReviewedStore;
  /** False when the browser knows it is offline: skip the network round-trip. */
  isOnline: () => boolean;
}

export async function loadClientBundle(id: number, deps: LoaderDeps): Promise<ClientBundle> {
  const stored = await deps.store.get(id);
  if (!deps.isOnline()) {
    if (stored) return fromStore(stored);
    // Offline and not reviewed: the service worker may still hold a cached copy.
  }
  try {
    const [client, score, explanation] = await Promise.all([
      deps.api.client(id),
      deps.api.score(id),
      deps.api.explanation(id),
    ]);
    const fromCache = client.fromCache || score.fromCache || explanation.fromCache;
    // The oldest of the three is the honest age of what is shown.
    const fetchedAt = [client.fetchedAt, score.fetchedAt, explanation.fetchedAt].sort()[0]!;
    const bundle: ClientBundle = {
      client: client.data,
      score: score.data,
      explanation: explanation.data,
      fetchedAt,
      source: fromCache ? 'cache' : 'network',
    };
    if (stored && !fromCache) {
      // Keep the offline copy of a kept (reviewed or prepared) client as fresh as what the advisor just saw.
      await deps.store.refresh(id, { client: bundle.client, score: bundle.score, explanation: bundle.explanation, fetchedAt });
    }
    return bundle;
  } catch (error) {
    const unreachable = error instanceof ApiError && error.isNetwork;
    if (unreachable && stored) return fromStore(stored);
    if (unreachable) throw new NotAvailableOfflineError(id);
    throw error;
  }
}

function fromStore(stored: NonNullable<Awaited<ReturnType<ReviewedStore['get']>>>): ClientBundle {
  return {
    client: stored.client,
    score: stored.score,
    explanation: stored.explanation,
    fetchedAt: stored.fetchedAt,
    source: 'offline-store',
  };
}

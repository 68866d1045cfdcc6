/** Review bodies of the API (backend/src/routes/reviews.ts). */
import type { Outcome } from '../offline/outbox.js';

export interface StoredReview {
  id: string;
  client_id: number;
  outcome: Outcome;
  justification: string | null;
  note: string | null;
  reviewed_at: string;
  received_at: string;
  advisor: string;
  seen: { probability: number; decision: 'granted' | 'refused'; model_version: string; reasons: string[] };
}

export interface ClientReviews {
  client_id: number;
  latest: StoredReview | null;
  items: StoredReview[];
}

export interface ReviewPage {
  total: number;
  offset: number;
  limit: number;
  items: StoredReview[];
}

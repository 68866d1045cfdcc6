/**
 * Per-IP token bucket: `perMinute` requests per minute with bursts up to the
 * same number. Probes (/health, /ready, /metrics) are exempt so an orchestrator
 * never sees a 429.
 */
import type { Middleware } from 'koa';
import { TooManyRequestsError } from '../errors.js';

export const rateLimitDefaults = {
  exemptPaths: ['/health', '/ready', '/metrics'],
  /** Idle buckets are dropped past this many IPs so memory stays bounded. */
  maxTrackedClients: 10_000,
} as const;

interface Bucket {
  tokens: number;
  updated: number;
}

export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private readonly capacity: number;
  private readonly perMs: number;
  private readonly now: () => number;

  constructor(perMinute: number, now: () => number = () => Date.now()) {
    this.capacity = perMinute;
    this.perMs = perMinute / 60_000;
    this.now = now;
  }

  /** Take one token; returns 0 when allowed, else the seconds to wait. */
  take(key: string): { retryAfter: number; remaining: number } {
    const t = this.now();
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= rateLimitDefaults.maxTrackedClients) this.evictFull(t);
      bucket = { tokens: this.capacity, updated: t };
      this.buckets.set(key, bucket);
    }
    bucket.tokens = Math.min(this.capacity, bucket.tokens + (t - bucket.updated) * this.perMs);
    bucket.updated = t;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { retryAfter: 0, remaining: Math.floor(bucket.tokens) };
    }
    return { retryAfter: Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000)), remaining: 0 };
  }

  get size(): number {
    return this.buckets.size;
  }

  /** Drop buckets that have refilled (they hold no state worth keeping), oldest first if needed. */
  private evictFull(t: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (t - bucket.updated) * this.perMs >= this.capacity) this.buckets.delete(key);
    }
    if (this.buckets.size >= rateLimitDefaults.maxTrackedClients) {
      const oldest = this.buckets.keys().next();
      if (!oldest.done) this.buckets.delete(oldest.value);
    }
  }
}

export function rateLimit(perMinute: number): Middleware {
  if (perMinute <= 0) return async (_ctx, next) => next();
  const buckets = new TokenBuckets(perMinute);
  return async (ctx, next) => {
    if ((rateLimitDefaults.exemptPaths as readonly string[]).includes(ctx.path)) return next();
    const { retryAfter, remaining } = buckets.take(ctx.ip);
    ctx.set('X-RateLimit-Limit', String(perMinute));
    ctx.set('X-RateLimit-Remaining', String(remaining));
    if (retryAfter > 0) throw new TooManyRequestsError(retryAfter);
    return next();
  };
}

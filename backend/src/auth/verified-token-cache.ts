/**
 * Verified access tokens remembered until they expire: a JWT's signature check (RSA/EC through
 * WebCrypto, on the thread pool) was the largest stage of a request (bench/profile.ts), and the
 * dashboard sends the same token with every call for its whole lifetime. Keyed by the exact token
 * text, so any other text, a forged signature included, is a miss and goes through full
 * verification. Failures are never remembered. Bounded in bytes of token text, least recently
 * used first out.
 */

export const tokenCacheDefaults = {
  /** Token text kept (ASCII, one byte a character in V8) plus a fixed cost per entry: ~1,000 typical 1 KB tokens. */
  maxBytes: 2 * 1024 * 1024,
  /** Map entry, the user object and its scope set, roughly. */
  entryOverheadBytes: 400,
} as const;

interface Entry<T> {
  value: T;
  /** Epoch ms from which the token is expired (exp + clock tolerance, as the verifier judges it). */
  expiresAt: number;
  bytes: number;
}

export interface Verified<T> {
  value: T;
  /** The token's exp claim, in epoch seconds. */
  exp: number;
}

export class VerifiedTokenCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private used = 0;

  constructor(
    private readonly toleranceSeconds: number,
    readonly maxBytes: number = tokenCacheDefaults.maxBytes,
    private readonly now: () => number = Date.now,
  ) {}

  get bytes(): number {
    return this.used;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The remembered result for this exact token, unless it has expired since. */
  get(token: string): T | undefined {
    const entry = this.entries.get(token);
    if (entry === undefined) return undefined;
    this.entries.delete(token);
    if (this.now() >= entry.expiresAt) {
      this.used -= entry.bytes;
      return undefined;
    }
    this.entries.set(token, entry); // most recently used last
    return entry.value;
  }

  set(token: string, verified: Verified<T>): void {
    const bytes = token.length + tokenCacheDefaults.entryOverheadBytes;
    if (bytes > this.maxBytes) return;
    const previous = this.entries.get(token);
    if (previous !== undefined) {
      this.entries.delete(token);
      this.used -= previous.bytes;
    }
    while (this.used + bytes > this.maxBytes) {
      const [oldest, entry] = this.entries.entries().next().value as [string, Entry<T>];
      this.entries.delete(oldest);
      this.used -= entry.bytes;
    }
    this.entries.set(token, { value: verified.value, expiresAt: (verified.exp + this.toleranceSeconds) * 1000, bytes });
    this.used += bytes;
  }
}

/** `verify` behind the cache: a token verified once is not verified again until it expires. */
export function cacheVerified<T>(verify: (token: string) => Promise<Verified<T>>, cache: VerifiedTokenCache<T>): (token: string) => Promise<T> {
  return async (token) => {
    const hit = cache.get(token);
    if (hit !== undefined) return hit;
    const verified = await verify(token);
    cache.set(token, verified);
    return verified.value;
  };
}

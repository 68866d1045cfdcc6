import { expect } from 'chai';
import { rateLimitDefaults, TokenBuckets } from './rate-limit.js';

describe('rate limit token buckets', () => {
  it('allows a burst of perMinute, then asks to wait, then refills', () => {
    let now = 0;
    const buckets = new TokenBuckets(60, () => now);
    for (let i = 0; i < 60; i++) expect(buckets.take('a').retryAfter).to.equal(0);
    const denied = buckets.take('a');
    expect(denied.retryAfter).to.equal(1);
    expect(buckets.take('b').retryAfter, 'other IPs are independent').to.equal(0);
    now += 1000;
    expect(buckets.take('a').retryAfter).to.equal(0);
  });

  it('keeps at most maxTrackedClients buckets', () => {
    let now = 0;
    const buckets = new TokenBuckets(10, () => now);
    for (let i = 0; i < rateLimitDefaults.maxTrackedClients + 50; i++) {
      buckets.take(`ip-${i}`);
      now += 1;
    }
    expect(buckets.size).to.be.at.most(rateLimitDefaults.maxTrackedClients);
  });
});

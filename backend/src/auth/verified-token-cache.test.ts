import { expect } from 'chai';
import { signToken, testAuthSettings } from '../testing/tokens.js';
import { createVerifier, TokenError, type User } from './token-verifier.js';
import { cacheVerified, tokenCacheDefaults, VerifiedTokenCache, type Verified } from './verified-token-cache.js';

/** A verifier that counts its calls and accepts tokens named "ok-<exp seconds>". */
function countingVerifier(): { calls: string[]; verify: (token: string) => Promise<Verified<string>> } {
  const calls: string[] = [];
  return {
    calls,
    verify: (token) => {
      calls.push(token);
      const m = /^ok-(\d+)/.exec(token);
      return m ? Promise.resolve({ value: `user of ${token}`, exp: Number(m[1]) }) : Promise.reject(new TokenError('the token is malformed'));
    },
  };
}

describe('verified-token cache', () => {
  it('verifies a token once and answers the same user until it expires', async () => {
    let now = 1_000_000;
    const { calls, verify } = countingVerifier();
    const cached = cacheVerified(verify, new VerifiedTokenCache<string>(30, 1024 * 1024, () => now));
    expect(await cached('ok-2000')).to.equal('user of ok-2000');
    expect(await cached('ok-2000')).to.equal('user of ok-2000');
    expect(calls).to.have.length(1);
    // Past exp + tolerance the cache no longer answers: the verifier judges the token again.
    now = (2000 + 30) * 1000;
    await cached('ok-2000');
    expect(calls).to.have.length(2);
  });

  it('never remembers a refusal', async () => {
    const { calls, verify } = countingVerifier();
    const cached = cacheVerified(verify, new VerifiedTokenCache<string>(30, 1024 * 1024, () => 0));
    for (let i = 0; i < 2; i++) {
      const err = await cached('forged').catch((e: unknown) => e);
      expect(err).to.be.instanceOf(TokenError);
    }
    expect(calls).to.have.length(2);
  });

  it('never holds more token bytes than its budget, dropping the least recently used first', () => {
    const budget = 10 * (1000 + tokenCacheDefaults.entryOverheadBytes);
    const cache = new VerifiedTokenCache<string>(30, budget, () => 0);
    const token = (i: number): string => `ok-9999-${String(i).padStart(992, '0')}`;
    for (let i = 0; i < 50; i++) {
      cache.set(token(i), { value: `u${i}`, exp: 9999 });
      if (i === 5) expect(cache.get(token(0))).to.equal('u0'); // used again: now the newest
      expect(cache.bytes).to.be.at.most(budget);
    }
    expect(cache.size).to.equal(10);
    expect(cache.get(token(49))).to.equal('u49');
    expect(cache.get(token(1))).to.equal(undefined);
    // A token larger than the whole budget is simply not kept.
    cache.set('x'.repeat(budget), { value: 'huge', exp: 9999 });
    expect(cache.get('x'.repeat(budget))).to.equal(undefined);
    expect(cache.bytes).to.be.at.most(budget);
  });

  it('on the real verifier, refuses a forged signature of claims it already accepted', async () => {
    const verify = createVerifier(testAuthSettings());
    const now = Math.floor(Date.now() / 1000);
    const claims = { iat: now, nbf: now, exp: now + 300 };
    const good = signToken({ scopes: ['clients:read'], claims });
    const user: User = await verify(good);
    expect(user.subject).to.equal('advisor-1');
    expect(await verify(good)).to.equal(user);
    const [header, payload] = good.split('.');
    const forged = signToken({ scopes: ['clients:read'], claims, signer: 'stranger' });
    expect(forged.split('.').slice(0, 2)).to.deep.equal([header, payload]);
    const err = await verify(forged).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(TokenError);
  });
});

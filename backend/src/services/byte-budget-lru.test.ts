import { expect } from 'chai';
import { ByteBudgetLru } from './byte-budget-lru.js';

describe('byte-budget LRU', () => {
  it('never holds more bytes than its budget, whatever the sizes', () => {
    const cache = new ByteBudgetLru<number, string>(1000, (v) => v.length);
    let seed = 7;
    for (let i = 0; i < 2000; i++) {
      seed = (seed * 48271) % 2147483647;
      cache.set(i % 300, 'x'.repeat(seed % 400));
      expect(cache.bytes).to.be.at.most(1000);
    }
    expect(cache.size).to.be.greaterThan(1);
  });

  it('drops the least recently used first, and a read counts as a use', () => {
    const cache = new ByteBudgetLru<string, string>(30, (v) => v.length);
    cache.set('a', 'x'.repeat(10));
    cache.set('b', 'x'.repeat(10));
    cache.set('c', 'x'.repeat(10));
    expect(cache.get('a')).to.have.length(10);
    cache.set('d', 'x'.repeat(10));
    expect(cache.get('b')).to.equal(undefined);
    expect([cache.get('a'), cache.get('c'), cache.get('d')].every((v) => v !== undefined)).to.equal(true);
  });

  it('keeps nothing with a budget of 0, and never a value larger than the budget', () => {
    const none = new ByteBudgetLru<string, string>(0, (v) => v.length);
    none.set('a', 'x');
    expect(none.get('a')).to.equal(undefined);
    const small = new ByteBudgetLru<string, string>(5, (v) => v.length);
    small.set('a', 'xx');
    small.set('b', 'x'.repeat(6));
    expect(small.get('b')).to.equal(undefined);
    expect(small.get('a')).to.equal('xx');
  });
});

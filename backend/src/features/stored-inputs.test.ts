import { expect } from 'chai';
import { chunkSample, spreadSample } from './stored-inputs.js';

describe('start-up sample of the stored clients', () => {
  const ids = (n: number): number[] => Array.from({ length: n }, (_, i) => 100_000 + 3 * i);
  const chunksOf = (sample: number[], all: number[]): Set<number> => new Set(sample.map((id) => Math.floor(all.indexOf(id) / 256)));

  it('draws 64 distinct clients from 4 checksum chunks (first and last included) whatever the store size', () => {
    for (const n of [9_000, 100_000]) {
      const all = ids(n);
      const sample = chunkSample(all, 64);
      expect(sample).to.have.length(64);
      expect(new Set(sample).size).to.equal(64);
      const chunks = chunksOf(sample, all);
      expect(chunks.size).to.equal(4);
      expect(chunks.has(0)).to.equal(true);
      expect(chunks.has(Math.ceil(n / 256) - 1)).to.equal(true);
    }
  });

  it('takes every client of a store smaller than the sample, and stays within the clients of a short last chunk', () => {
    expect(chunkSample(ids(10), 64)).to.deep.equal(ids(10));
    const all = ids(256 * 3 + 5);
    const sample = chunkSample(all, 64);
    expect(sample.every((id) => all.includes(id))).to.equal(true);
    expect(sample).to.include(all.at(-1));
  });

  it('spreads evenly over a list, first and last included', () => {
    expect(spreadSample([1, 2, 3, 4, 5, 6, 7, 8, 9], 3)).to.deep.equal([1, 5, 9]);
  });
});

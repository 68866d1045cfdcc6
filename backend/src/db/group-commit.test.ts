import { expect } from 'chai';
import { GroupCommit } from './group-commit.js';

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('group commit', () => {
  it('writes the appends of one turn in one transaction and settles each only once written', async () => {
    const batches: number[][] = [];
    const commits = new GroupCommit<number>((entries) => void batches.push([...entries]), () => undefined);
    const settled: number[] = [];
    const all = Array.from({ length: 10 }, (_, i) => commits.append(i).then(() => settled.push(i)));
    await Promise.resolve();
    expect(settled).to.deep.equal([]); // nothing is answered before its row is written
    await Promise.all(all);
    expect(batches).to.deep.equal([[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]]);
    expect(settled).to.have.length(10);
  });

  it('while one write is under way, queues the next appends for the following transaction', async () => {
    const batches: number[][] = [];
    let release: () => void = () => undefined;
    const commits = new GroupCommit<number>((entries) => {
      batches.push([...entries]);
      return batches.length === 1 ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve();
    }, () => undefined);
    const first = commits.append(1);
    await turn();
    const later = [commits.append(2), commits.append(3)];
    await turn();
    expect(batches).to.deep.equal([[1]]);
    release();
    await Promise.all([first, ...later]);
    expect(batches).to.deep.equal([[1], [2, 3]]);
  });

  it('retries a failed batch entry by entry, so one bad row fails only its own append', async () => {
    const written: string[] = [];
    const commits = new GroupCommit<string>((entries) => {
      if (entries.includes('bad')) throw new Error('constraint');
      written.push(...entries);
    }, (entry) => {
      if (entry === 'bad') throw new Error(`cannot store ${entry}`);
      written.push(entry);
    });
    const results = await Promise.allSettled(['a', 'bad', 'c'].map((e) => commits.append(e)));
    expect(results.map((r) => r.status)).to.deep.equal(['fulfilled', 'rejected', 'fulfilled']);
    expect(written).to.deep.equal(['a', 'c']);
  });

  it('drain() writes everything still pending, in batches no larger than the maximum', async () => {
    const batches: number[][] = [];
    const commits = new GroupCommit<number>((entries) => void batches.push([...entries]), () => undefined, 4);
    const all = Array.from({ length: 10 }, (_, i) => commits.append(i));
    await commits.drain();
    expect(batches.flat()).to.deep.equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(Math.max(...batches.map((b) => b.length))).to.equal(4);
    await Promise.all(all);
  });
});

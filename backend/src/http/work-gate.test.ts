import { expect } from 'chai';
import { OverloadedError, WorkGate } from './work-gate.js';

describe('work gate (batch concurrency)', () => {
  it('runs at most `concurrent` at once, queues `queued` more and refuses the rest with 429', async () => {
    const gate = new WorkGate(1, 1);
    let running = 0;
    let peak = 0;
    const releases: Array<() => void> = [];
    const work = (): Promise<string> => gate.run(async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise<void>((resolve) => releases.push(resolve));
      running--;
      return 'done';
    });
    const first = work();
    const second = work();
    let refused: unknown;
    try {
      await work();
    } catch (err) {
      refused = err;
    }
    expect(refused).to.be.instanceOf(OverloadedError);
    expect((refused as OverloadedError).status).to.equal(429);
    expect((refused as OverloadedError).headers['Retry-After']).to.equal('2');
    await new Promise((r) => setImmediate(r));
    releases.shift()!();
    await first;
    await new Promise((r) => setImmediate(r));
    releases.shift()!();
    expect(await second).to.equal('done');
    expect(peak).to.equal(1);
    // Freed again: a new batch runs.
    const third = work();
    await new Promise((r) => setImmediate(r));
    releases.shift()!();
    expect(await third).to.equal('done');
  });
});

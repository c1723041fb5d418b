import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { batched, batchedPerOwner, rowsInRequestOrder } from './batched';

/** A statement stand-in that records each batch it gets and answers when released. */
function recorder() {
  const batches: number[][] = [];
  const releases: (() => void)[] = [];
  const run = (requests: readonly number[]) => {
    batches.push([...requests]);
    return new Promise<number[]>((resolve) => releases.push(() => resolve(requests.map((n) => n * 10))));
  };
  return { batches, run, release: () => releases.shift()?.() };
}

describe('batched', () => {
  it('sends the calls of one turn together, and answers each its own', async () => {
    const { batches, run, release } = recorder();
    const ask = batched(run);
    const answers = Promise.all([ask(1), ask(2), ask(3)]);
    await nextTurn();
    release();
    assert.deepEqual(await answers, [10, 20, 30]);
    assert.deepEqual(batches, [[1, 2, 3]]);
  });

  it('without a limit, sends each turn as it ends', async () => {
    const { batches, run, release } = recorder();
    const ask = batched(run);
    const first = ask(1);
    await nextTurn();
    const second = ask(2);
    await nextTurn();
    assert.deepEqual(batches, [[1], [2]]);
    release();
    release();
    assert.deepEqual([await first, await second], [10, 20]);
  });

  it('with one batch in flight at most, holds the calls made meanwhile and sends them together when it ends', async () => {
    const { batches, run, release } = recorder();
    const ask = batched(run, 1000, 1);
    const first = ask(1);
    await nextTurn();
    const later = [ask(2)];
    await nextTurn();
    later.push(ask(3));
    await nextTurn();
    assert.deepEqual(batches, [[1]]);
    release();
    assert.equal(await first, 10);
    await nextTurn();
    assert.deepEqual(batches, [[1], [2, 3]]);
    release();
    assert.deepEqual(await Promise.all(later), [20, 30]);
    // Nothing running: a lone call leaves at the end of its turn.
    const lone = ask(4);
    await nextTurn();
    assert.deepEqual(batches, [[1], [2, 3], [4]]);
    release();
    assert.equal(await lone, 40);
  });

  it('fails every call of a failed batch, and only those', async () => {
    let calls = 0;
    const ask = batched(async (requests: readonly number[]) => {
      calls += 1;
      if (calls === 1) throw new Error('statement failed');
      return requests.map((n) => n * 10);
    }, 1000, 1);
    const failed = [ask(1), ask(2)].map((p) => p.then(() => 'answered', (error: Error) => error.message));
    await nextTurn();
    const next = ask(3);
    assert.deepEqual(await Promise.all(failed), ['statement failed', 'statement failed']);
    assert.equal(await next, 30);
  });
});

describe('batchedPerOwner', () => {
  it("batches each owner's calls apart, and hands each batch its owner", async () => {
    const seen: [string, number[]][] = [];
    const ask = batchedPerOwner(async (owner: { name: string }, requests: readonly number[]) => {
      seen.push([owner.name, [...requests]]);
      return requests.map((n) => `${owner.name}${n}`);
    });
    const a = { name: 'a' };
    const b = { name: 'b' };
    assert.deepEqual(await Promise.all([ask(a, 1), ask(b, 2), ask(a, 3)]), ['a1', 'b2', 'a3']);
    assert.deepEqual(seen, [['a', [1, 3]], ['b', [2]]]);
  });
});

describe('rowsInRequestOrder', () => {
  it('puts each row at the position its n names, leaving requests without a row undefined', () => {
    assert.deepEqual(rowsInRequestOrder([{ n: '3', v: 'c' }, { n: 1, v: 'a' }], 4), [{ n: 1, v: 'a' }, undefined, { n: '3', v: 'c' }, undefined]);
  });
});

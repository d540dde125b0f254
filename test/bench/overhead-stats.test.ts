import { describe, expect, it } from 'vitest';
import { CALL_ORDERS, callOrder, overheadStats, type Round } from '../../scripts/bench/overhead-stats.ts';
import { percentile } from '../../scripts/bench/stats.ts';

/** 1, 2, …, n in shuffled order (percentile must sort). */
const ranks = (n: number) => Array.from({ length: n }, (_, index) => ((index * 7) % n) + 1);

describe('percentile (nearest rank)', () => {
  it.each([
    { n: 1, p: 99, want: 1 },
    { n: 100, p: 99, want: 99 },
    { n: 101, p: 99, want: 100 },
    { n: 200, p: 99, want: 198 },
    { n: 300, p: 99, want: 297 },
    { n: 100, p: 50, want: 50 },
    { n: 101, p: 50, want: 51 },
    { n: 100, p: 100, want: 100 },
    { n: 100, p: 0, want: 1 },
  ])('p$p of $n values is the value of rank $want', ({ n, p, want }) => {
    expect(percentile(ranks(n), p)).toBe(want);
  });

  it('of no values is NaN', () => {
    expect(percentile([], 99)).toBeNaN();
  });
});

const round = (direct: number, viaMcp: number, control = direct): Round => ({ direct, control, viaMcp });

describe('overheadStats', () => {
  it('a constant added time reads as that time at p50 and p99, per block and pooled, and the control reads 0', () => {
    const block = ranks(100).map((noise) => round(noise, noise + 0.4));
    const stats = overheadStats([block, block]);
    expect(stats.rounds).toBe(200);
    expect(stats.addedP50PerBlock).toMatchObject({ median: expect.closeTo(0.4, 9), runs: 2 });
    expect(stats.addedP99PerBlock.median).toBeCloseTo(0.4, 9);
    expect(stats.pooledAddedMs.p99).toBeCloseTo(0.4, 9);
    expect(stats.controlP99PerBlock.median).toBe(0);
    expect(stats.pairedDifferenceMs.p99).toBeCloseTo(0.4, 9);
  });

  it('stalls that hit 2 % of each kind at different rounds leave the p99 shift at the added time, while the per-round difference takes a stall whole', () => {
    // 100 rounds: direct 1 ms, via MCP 1.5 ms; a 10 ms stall hits two direct calls and two other tools/calls.
    const block = Array.from({ length: 100 }, (_, index) => round(1 + (index === 10 || index === 11 ? 10 : 0), 1.5 + (index === 20 || index === 21 ? 10 : 0)));
    const stats = overheadStats([block]);
    expect(stats.addedP99PerBlock.median).toBeCloseTo(0.5, 9);
    expect(stats.pairedDifferenceMs.p99).toBeCloseTo(10.5, 9);
  });

  it('the headline is the median of the blocks: one block hit by a burst moves only the max', () => {
    const quiet = ranks(100).map((noise) => round(noise, noise + 0.3));
    const burst = ranks(100).map((noise) => round(noise, noise + (noise >= 98 ? 20 : 0.3)));
    const stats = overheadStats([quiet, burst, quiet]);
    expect(stats.addedP99PerBlock).toMatchObject({ median: expect.closeTo(0.3, 9), min: expect.closeTo(0.3, 9), max: expect.closeTo(20, 9), runs: 3 });
  });

  it('an empty block is no block: it neither counts nor reads as NaN', () => {
    const block = ranks(10).map((noise) => round(noise, noise + 1));
    const stats = overheadStats([block, []]);
    expect(stats.addedP99PerBlock).toMatchObject({ median: 1, runs: 1 });
    expect(stats.rounds).toBe(10);
  });

  it('the control reads the difference between the two direct fetches', () => {
    const block = ranks(100).map((noise) => round(noise, noise + 1, noise + 0.25));
    expect(overheadStats([block]).controlP99PerBlock.median).toBeCloseTo(0.25, 9);
  });
});

describe('callOrder', () => {
  it('over one cycle of six rounds each kind takes each position twice and follows each kind twice (wrapping round)', () => {
    const calls = Array.from({ length: 6 }, (_, index) => callOrder(index)).flat();
    const follows = new Map<string, number>();
    calls.forEach((kind, index) => {
      const key = `${calls[(index + calls.length - 1) % calls.length]}>${kind}`;
      follows.set(key, (follows.get(key) ?? 0) + 1);
    });
    expect([...follows.values()]).toStrictEqual(Array(9).fill(2));
    for (let position = 0; position < 3; position += 1) {
      const counts = new Map<string, number>();
      for (const order of CALL_ORDERS) counts.set(order[position]!, (counts.get(order[position]!) ?? 0) + 1);
      expect([...counts.values()]).toStrictEqual([2, 2, 2]);
    }
  });

  it('repeats with a period of six rounds', () => {
    expect(callOrder(6)).toBe(callOrder(0));
    expect(callOrder(11)).toBe(callOrder(5));
    expect(callOrder(7)).not.toBe(callOrder(6));
  });
});

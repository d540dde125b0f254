import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseBenchOptions, type BenchOptions } from '../../scripts/bench/bench-options.ts';
import type { BenchResults, SectionRun } from '../../scripts/bench/bench-results.ts';
import type { OverheadResult } from '../../scripts/bench/call-overhead.ts';
import { writeResultFiles } from '../../scripts/bench/results-file.ts';

const spread = (median: number) => ({ median, min: median, max: median, runs: 3 });
const options = (argv: readonly string[]) => parseBenchOptions(argv) as BenchOptions;

function overhead(p99: number): OverheadResult {
  const q = { p50: 0.3, p99 };
  return {
    tool: 'malomo_account_self', calls: 600, blocks: 2, warmUpRounds: 120, rounds: 600, directMs: q, controlMs: q, viaMcpMs: q,
    addedP50PerBlock: spread(0.3), addedP99PerBlock: spread(p99), controlP99PerBlock: spread(0.1), pooledAddedMs: q, pairedDifferenceMs: q, addedMs: { p50: 0.3, p99 }, serverCpuMsPerCall: 1, errors: 0, invalidRequests: 0,
  };
}

function results(input: { readonly argv: readonly string[]; readonly startedAt: string; readonly p99: number; readonly http: boolean }): BenchResults {
  const machine = { cpu: 'test', cores: 2, memoryGiB: 1, kernel: 'k', node: 'v20', npm: '11', loadAverage: [1, 1, 1], versions: {} };
  return {
    startedAt: input.startedAt, finishedAt: input.startedAt, options: options(input.argv), machine, loadAverageAtEnd: [2, 2, 2], peers: [], specs: [], generation: [], growth: [], servers: [], coverage: [], peerCoverage: [],
    callOverhead: overhead(input.p99),
    ...(input.http ? { http: { supported: true as const, rows: [{ clients: 1, calls: 4242, seconds: 5, callsPerSecond: 848, errors: 0 }] } } : {}),
  };
}

const run = (current: BenchResults, commit: string): SectionRun => ({ startedAt: current.startedAt, finishedAt: current.finishedAt, commit, options: current.options, loadAverage: [1, 1, 1], loadAverageAtEnd: [2, 2, 2] });

describe('writeResultFiles: a partial run replaces only its own sections', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'bench-results-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const read = () => ({ json: JSON.parse(readFileSync(path.join(dir, 'results.json'), 'utf8')) as BenchResults, md: readFileSync(path.join(dir, 'results.md'), 'utf8') });

  it('`--only calls` after a full run keeps the HTTP figures in results.json and results.md, and names the run of each section', () => {
    const full = results({ argv: [], startedAt: '2026-12-07T06:50:00.000Z', p99: 5.02, http: true });
    writeResultFiles({ dir, current: full, run: run(full, 'aaaaaaa') });
    const partial = results({ argv: ['--only', 'calls'], startedAt: '2026-12-07T08:10:00.000Z', p99: 1.5, http: false });
    writeResultFiles({ dir, current: partial, run: run(partial, 'bbbbbbb') });
    const { json, md } = read();
    expect(json.http).toStrictEqual(full.http);
    expect(json.callOverhead).toMatchObject({ addedMs: { p99: 1.5 } });
    expect(json.sections?.http).toMatchObject({ commit: 'aaaaaaa', startedAt: full.startedAt });
    expect(json.sections?.calls).toMatchObject({ commit: 'bbbbbbb', startedAt: partial.startedAt });
    expect(md).toContain('| 1 | 4242 | 5 | 848 | 0 |');
    expect(md).toContain('_From the run of 2026-12-07 06:50–06:50 UTC on aaaaaaa (full)._');
    expect(md).toContain('_From the run of 2026-12-07 08:10–08:10 UTC on bbbbbbb (--only calls)._');
    expect(md).not.toContain('5.02 ms');
  });

  it('a section no run has measured stays empty, and says so; a full run replaces every section', () => {
    const partial = results({ argv: ['--only', 'calls'], startedAt: '2026-12-07T08:10:00.000Z', p99: 1.5, http: true });
    writeResultFiles({ dir, current: partial, run: run(partial, 'bbbbbbb') });
    expect(read().json.http).toBeUndefined();
    expect(read().md).toContain('| HTTP throughput and discovery mode | not measured yet |');
    const full = results({ argv: [], startedAt: '2026-12-07T09:00:00.000Z', p99: 2, http: true });
    writeResultFiles({ dir, current: full, run: run(full, 'ccccccc') });
    const { json } = read();
    expect(json.http).toStrictEqual(full.http);
    expect(Object.values(json.sections ?? {}).map((section) => section.commit)).toStrictEqual(Array(6).fill('ccccccc'));
  });

  it('results written before sections were recorded count as one run of the sections it ran', () => {
    const { sections: _none, ...legacy } = { ...results({ argv: [], startedAt: '2026-12-07T06:50:00.000Z', p99: 5.02, http: true }), sections: undefined };
    writeFileSync(path.join(dir, 'results.json'), JSON.stringify(legacy));
    const partial = results({ argv: ['--only', 'calls'], startedAt: '2026-12-07T08:10:00.000Z', p99: 1.5, http: false });
    writeResultFiles({ dir, current: partial, run: run(partial, 'bbbbbbb') });
    expect(read().json.http).toStrictEqual(legacy.http);
    expect(read().json.sections?.http).toMatchObject({ commit: 'not recorded', startedAt: legacy.startedAt });
  });

  it('a results.json that cannot be read stops a partial run instead of being replaced by it', () => {
    writeFileSync(path.join(dir, 'results.json'), '{ "startedAt": ');
    const partial = results({ argv: ['--only', 'calls'], startedAt: '2026-12-07T08:10:00.000Z', p99: 1.5, http: false });
    expect(() => writeResultFiles({ dir, current: partial, run: run(partial, 'bbbbbbb') })).toThrow(/cannot be read/);
    expect(readFileSync(path.join(dir, 'results.json'), 'utf8')).toBe('{ "startedAt": ');
  });
});

describe('writeResultFiles: figures JSON cannot hold', () => {
  it('a spread of NaN (written by JSON as null) reads back as not measured, and the kept section still renders', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-results-'));
    try {
      const full = { ...results({ argv: [], startedAt: '2026-12-07T06:50:00.000Z', p99: 5.02, http: true }), bareNodeMs: { median: Number.NaN, min: Number.NaN, max: Number.NaN, runs: 0 } };
      writeResultFiles({ dir, current: full, run: run(full, 'aaaaaaa') });
      expect(readFileSync(path.join(dir, 'results.json'), 'utf8')).toContain('"median": null');
      const partial = results({ argv: ['--only', 'calls'], startedAt: '2026-12-07T08:10:00.000Z', p99: 1.5, http: false });
      const merged = writeResultFiles({ dir, current: partial, run: run(partial, 'bbbbbbb') });
      expect(merged.bareNodeMs?.median).toBeNaN();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

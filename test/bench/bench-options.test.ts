import { describe, expect, it } from 'vitest';
import { parseBenchOptions } from '../../scripts/bench/bench-options.ts';

describe('npm run bench options', () => {
  it('times 5 cold generations per generator and spec by default, so one stalled run cannot set the median', () => {
    expect(parseBenchOptions([])).toMatchObject({ runs: 5, quick: false });
  });

  it('keeps --quick at 2 runs and takes --runs as given, down to 1', () => {
    expect(parseBenchOptions(['--quick'])).toMatchObject({ runs: 2, quick: true });
    expect(parseBenchOptions(['--runs', '1'])).toMatchObject({ runs: 1 });
    expect(parseBenchOptions(['--quick', '--runs', '7'])).toMatchObject({ runs: 7 });
  });

  it.each([['0'], ['-1'], ['2.5'], ['many']])('refuses --runs %s', (runs) => {
    expect(parseBenchOptions(['--runs', runs])).toEqual({ error: '--runs needs a positive integer' });
  });

  it('refuses a section it does not know, naming the ones it does', () => {
    expect(parseBenchOptions(['--only', 'generation,gen'])).toEqual({ error: expect.stringContaining('got gen') });
  });
});

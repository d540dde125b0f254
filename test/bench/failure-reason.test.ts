import { describe, expect, it } from 'vitest';
import { failureReason } from '../../scripts/bench/generation-bench.ts';

describe('failureReason: a failed generator row names the error, not a stack frame', () => {
  it('takes the last line naming an error over the stack frames under it', () => {
    const stderr = [
      'Failed to stringify schema for tool a: TypeError: Converting circular structure to JSON',
      '    --- property \'items\' closes the circle',
      '',
      'Error generating MCP server project: RangeError: Invalid string length',
      '    at Array.join (<anonymous>)',
      '    at generateToolDefinitionMap (file:///x/code-gen.js:73:10)',
      '    at runGenerator (file:///x/index.js:123:33)',
      'Cleaned up partially created directory: /tmp/out',
    ].join('\n');
    expect(failureReason(stderr)).toBe('Error generating MCP server project: RangeError: Invalid string length');
  });

  it('keeps the last two lines when no line names an error', () => {
    expect(failureReason("api - 🛑 Cannot read properties of null (reading '$ref')\n\n🛑 One or more project failed, see above for details\n")).toBe("api - 🛑 Cannot read properties of null (reading '$ref') | 🛑 One or more project failed, see above for details");
  });

  it('is empty for no output at all', () => {
    expect(failureReason('')).toBe('');
  });
});

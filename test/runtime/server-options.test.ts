import { describe, expect, it } from 'vitest';
import { parseServerOptions, USAGE, type ServerOptions } from '../../templates/runtime/server-options.ts';

describe('parseServerOptions', () => {
  it.each<{ readonly given: readonly string[]; readonly want: ServerOptions }>([
    { given: [], want: { transport: 'stdio' } },
    { given: ['--transport', 'stdio'], want: { transport: 'stdio' } },
    { given: ['--transport=stdio'], want: { transport: 'stdio' } },
    { given: ['--transport', 'http'], want: { error: 'Unsupported transport "http"; use stdio.' } },
    { given: ['--transport=http'], want: { error: 'Unsupported transport "http"; use stdio.' } },
    { given: ['--transport'], want: { error: 'Unsupported transport ""; use stdio.' } },
    { given: ['--transport='], want: { error: 'Unsupported transport ""; use stdio.' } },
    { given: ['--transport', 'STDIO'], want: { error: 'Unsupported transport "STDIO"; use stdio.' } },
    { given: ['--help'], want: { help: true } },
    { given: ['-h'], want: { help: true } },
    { given: ['--transport', 'stdio', '--help'], want: { help: true } },
    { given: ['--version'], want: { version: true } },
    { given: ['--verbose'], want: { error: 'Unknown argument "--verbose".' } },
    { given: ['stdio'], want: { error: 'Unknown argument "stdio".' } },
    { given: ['--transport', 'stdio', '--port=3000'], want: { error: 'Unknown argument "--port=3000".' } },
    { given: ['--bogus', '--help'], want: { error: 'Unknown argument "--bogus".' } },
  ])('$given', ({ given, want }) => expect(parseServerOptions(given)).toStrictEqual(want));
});

describe('USAGE', () => {
  it('names the flags and points at the environment', () =>
    expect(USAGE).toStrictEqual(
      'Usage: <bin> [--transport stdio] [--help] [--version]\n\nStarts the MCP server on stdio. Configuration comes from the environment (see README.md).',
    ));
});

import { describe, expect, it } from 'vitest';
import { createLogger } from '../../templates/runtime/logger.ts';

describe('createLogger', () => {
  it.each([
    { name: 'event only', event: 'started', fields: undefined, want: ['{"level":"info","event":"started"}\n'] },
    { name: 'event with fields', event: 'started', fields: { tools: 2, transport: 'stdio' }, want: ['{"level":"info","event":"started","tools":2,"transport":"stdio"}\n'] },
    {
      name: 'secrets are redacted from the line',
      event: 'transport_error',
      fields: { message: 'bad token tok_live_123456', auth: 'Bearer abc.def' },
      want: ['{"level":"info","event":"transport_error","message":"bad token [redacted]","auth":"Bearer [redacted]"}\n'],
    },
  ])('$name', ({ event, fields, want }) => {
    const lines: string[] = [];
    const log = createLogger({ secrets: ['tok_live_123456'], write: (line) => lines.push(line) });
    log(event, fields);
    expect(lines).toStrictEqual(want);
  });
});

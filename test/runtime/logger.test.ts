import { describe, expect, it } from 'vitest';
import { createLogger, type LogEvent } from '../../templates/runtime/logger.ts';

describe('createLogger', () => {
  it.each<{ name: string; event: LogEvent; fields: Record<string, unknown> | undefined; want: string[] }>([
    { name: 'event only', event: 'started', fields: undefined, want: ['{"level":"info","event":"started"}\n'] },
    { name: 'event with fields', event: 'started', fields: { tools: 2, transport: 'stdio' }, want: ['{"level":"info","event":"started","tools":2,"transport":"stdio"}\n'] },
    {
      name: 'secrets are redacted from the line',
      event: 'transport_error',
      fields: { message: 'bad token tok_live_123456', auth: 'Bearer abc.def' },
      want: ['{"level":"error","event":"transport_error","message":"bad token [redacted]","auth":"Bearer [redacted]"}\n'],
    },
  ])('$name', ({ event, fields, want }) => {
    const lines: string[] = [];
    const log = createLogger({ secrets: ['tok_live_123456'], write: (line) => lines.push(line) });
    log(event, fields);
    expect(lines).toStrictEqual(want);
  });

  it.each<[LogEvent, string]>([
    ['serving_without_auth', 'warn'],
    ['unauthorized', 'warn'],
    ['invocation_limited', 'warn'],
    ['cannot_listen', 'error'],
    ['http_error', 'error'],
    ['started', 'info'],
  ])('%s is logged at level %s', (event, level) => {
    const lines: string[] = [];
    createLogger({ secrets: [], write: (line) => lines.push(line) })(event);
    expect(JSON.parse(lines[0]!)).toStrictEqual({ level, event });
  });
});

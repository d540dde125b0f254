import { describe, expect, it, vi } from 'vitest';
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
    ['transport_error', 'error'],
    ['rate_limit_store', 'warn'],
    ['rate_limit_store_error', 'error'],
    ['started', 'info'],
  ])('%s is logged at level %s', (event, level) => {
    const lines: string[] = [];
    createLogger({ secrets: [], write: (line) => lines.push(line) })(event);
    expect(JSON.parse(lines[0]!)).toStrictEqual({ level, event });
  });
});

describe('createLogger without a writer', () => {
  it('writes the line to stderr, never stdout (stdout belongs to the protocol)', () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const stdout = vi.spyOn(process.stdout, 'write');
    try {
      createLogger({ secrets: ['s3cret'] })('unauthorized', { token: 's3cret' });
      expect(stderr.mock.calls).toStrictEqual([['{"level":"warn","event":"unauthorized","token":"[redacted]"}\n']]);
      expect(stdout).not.toHaveBeenCalled();
    } finally {
      stderr.mockRestore();
      stdout.mockRestore();
    }
  });
});

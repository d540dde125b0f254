import { redact } from './redaction.ts';

/**
 * Each event the server logs has one level, fixed here so a log shipper can filter on it: an
 * operator must see `warn` for an unauthenticated listener, not one more `info` line.
 */
const LEVELS = {
  started: 'info',
  serving_without_auth: 'warn',
  invocation_limited: 'warn',
  unauthorized: 'warn',
  transport_error: 'error',
  http_error: 'error',
  cannot_listen: 'error',
  // The bin wrote a reply before loading the server that the server would not give: it stops.
  early_reply_differs: 'error',
  // The shared limit's store changed state (connected or unavailable): worth an operator's eye.
  rate_limit_store: 'warn',
  // A call was decided without the store, by the documented outage policy.
  rate_limit_store_error: 'error',
} as const;

export type LogEvent = keyof typeof LEVELS;

export type Logger = (event: LogEvent, fields?: Readonly<Record<string, unknown>>) => void;

/** JSON lines on stderr: stdout belongs to the protocol. */
export function createLogger(input: { readonly secrets: readonly string[]; readonly write?: (line: string) => void }): Logger {
  const write = input.write ?? ((line: string) => process.stderr.write(line));
  return (event, fields = {}) => {
    const line = JSON.stringify({ level: LEVELS[event], event, ...fields });
    write(`${redact({ text: line, secrets: input.secrets })}\n`);
  };
}

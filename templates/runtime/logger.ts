import { redact } from './redaction.ts';

export type Logger = (event: string, fields?: Readonly<Record<string, unknown>>) => void;

/** JSON lines on stderr: stdout belongs to the protocol. */
export function createLogger(input: { readonly secrets: readonly string[]; readonly write?: (line: string) => void }): Logger {
  const write = input.write ?? ((line: string) => process.stderr.write(line));
  return (event, fields = {}) => {
    const line = JSON.stringify({ level: 'info', event, ...fields });
    write(`${redact({ text: line, secrets: input.secrets })}\n`);
  };
}

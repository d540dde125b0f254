/** Raised when a vendor body passes the byte limit; the rest of the body is never read. */
export class ResponseTooLarge extends Error {
  constructor(readonly limitBytes: number) {
    super(`response larger than ${limitBytes} bytes`);
    this.name = 'ResponseTooLarge';
  }
}

/**
 * Reads a body as text, at most `limitBytes` bytes of it. Bytes are counted as they arrive after
 * decompression, so neither a long body nor a small compressed one can fill the server's memory;
 * past the limit the stream is cancelled, which closes the connection.
 */
export async function readLimitedText(input: { readonly response: Response; readonly limitBytes: number }): Promise<string> {
  const stream = input.response.body;
  if (stream === null) return '';
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > input.limitBytes) {
      await reader.cancel().catch(() => undefined);
      throw new ResponseTooLarge(input.limitBytes);
    }
    parts.push(decoder.decode(value, { stream: true }));
  }
  parts.push(decoder.decode());
  return parts.join('');
}

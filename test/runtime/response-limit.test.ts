import { describe, expect, it } from 'vitest';
import { readLimitedText, ResponseTooLarge } from '../../templates/runtime/response-limit.ts';

/** A response whose body arrives in exactly these byte chunks. */
function chunked(chunks: readonly number[][]): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(new Uint8Array(chunk));
      controller.close();
    },
  });
  return new Response(body);
}

describe('readLimitedText', () => {
  it('a character split across two chunks is decoded whole', async () => {
    expect(await readLimitedText({ response: chunked([[0x61, 0xc3], [0xa9]]), limitBytes: 3 })).toBe('aé');
  });

  it('a body ending inside a character ends with a replacement character, not silently short', async () => {
    expect(await readLimitedText({ response: chunked([[0x61, 0xc3]]), limitBytes: 2 })).toBe('a\uFFFD');
  });

  it('one byte past the limit is refused with the limit in its message', async () => {
    const refusal = readLimitedText({ response: chunked([[0x61, 0x62], [0x63]]), limitBytes: 2 });
    await expect(refusal).rejects.toThrow(ResponseTooLarge);
    await expect(readLimitedText({ response: chunked([[0x61, 0x62, 0x63]]), limitBytes: 2 })).rejects.toMatchObject({ name: 'ResponseTooLarge', message: 'response larger than 2 bytes', limitBytes: 2 });
  });

  it('no body is empty text', async () => {
    expect(await readLimitedText({ response: new Response(null), limitBytes: 0 })).toBe('');
  });
});

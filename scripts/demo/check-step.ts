import { isDeepStrictEqual } from 'node:util';
import type { RecordedRequest } from '../simulator/index.ts';
import { subsetMismatches } from './subset-match.ts';
import type { Answer, ExpectedRequest, ExpectedResult } from './workflow-types.ts';

function describeRequest(request: { method: string; path: string; query?: unknown; body?: unknown; status?: number }): string {
  const query = request.query !== undefined && Object.keys(request.query as object).length > 0 ? ` query ${JSON.stringify(request.query)}` : '';
  const body = request.body !== undefined ? ` body ${JSON.stringify(request.body)}` : '';
  return `${request.method} ${request.path}${query}${body} → ${request.status ?? 200}`;
}

/** A recorded request against the one expected: the whole request, not a sample of it. */
function requestMismatches(input: { readonly expected: ExpectedRequest; readonly received: RecordedRequest; readonly index: number }): string[] {
  const { expected, received } = input;
  const want = { method: expected.method, path: expected.path, query: expected.query ?? {}, body: expected.body, status: expected.status ?? 200 };
  const got = { method: received.method, path: received.path, query: received.query, body: received.body, status: received.status };
  const problems: string[] = [];
  if (!isDeepStrictEqual(want, got)) problems.push(`request ${input.index + 1}, want: ${describeRequest(want)}`, `request ${input.index + 1}, got:  ${describeRequest(got)}`);
  if (!received.valid) problems.push(`request ${input.index + 1}: the simulator found it invalid against the vendor doc: ${received.errors.join('; ')}`);
  return problems;
}

export function checkRequests(input: { readonly expected: readonly ExpectedRequest[]; readonly received: readonly RecordedRequest[] }): string[] {
  const { expected, received } = input;
  if (expected.length !== received.length) {
    const got = received.length === 0 ? ['  (none)'] : received.map((request) => `  ${describeRequest(request)}`);
    return [`want ${expected.length} vendor request(s):`, ...expected.map((request) => `  ${describeRequest(request)}`), `got ${received.length}:`, ...got];
  }
  return expected.flatMap((want, index) => requestMismatches({ expected: want, received: received[index]!, index }));
}

export function checkResult(input: { readonly expected: ExpectedResult; readonly isError: boolean; readonly answer: Answer }): string[] {
  const { expected, answer } = input;
  const problems: string[] = [];
  const wantError = expected.isError ?? false;
  if (input.isError !== wantError) problems.push(`result: want ${wantError ? 'an error' : 'success'}, got ${input.isError ? `an error: ${answer.text}` : 'success'}`);
  if (expected.structured !== undefined) problems.push(...subsetMismatches({ expected: expected.structured, actual: answer.structured }).map((line) => `result ${line}`));
  if (expected.text !== undefined && !answer.text.includes(expected.text)) problems.push(`result text: want it to contain ${JSON.stringify(expected.text)}, got ${JSON.stringify(answer.text)}`);
  if (expected.holds !== undefined && !expected.holds.test(answer.structured)) problems.push(`result: want ${expected.holds.says}, and it is not so`);
  return problems;
}

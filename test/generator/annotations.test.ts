import { describe, expect, it } from 'vitest';
import { deriveAnnotations, methodClassConflict, methodClassFor } from '../../generator/ir/from-openapi/annotations.ts';
import type { HttpMethod, MethodClass } from '../../generator/ir/types.ts';

const hints = (readOnlyHint: boolean, destructiveHint: boolean, idempotentHint: boolean) => ({ readOnlyHint, destructiveHint, idempotentHint, openWorldHint: true });

describe('methodClassFor', () => {
  it.each([
    ['list', 'read'],
    ['get', 'read'],
    ['create', 'write'],
    ['update', 'write'],
    ['delete', 'write'],
    ['search', 'custom'],
    ['List', 'custom'],
    ['', 'custom'],
  ])('%s → %s', (method, expected) => expect(methodClassFor(method)).toBe(expected));
});

describe('deriveAnnotations: every hint set, from the verb, then the class, then the doc', () => {
  const derive = (httpMethod: HttpMethod, methodClass: MethodClass, overrides = {}) => deriveAnnotations({ title: 'T', httpMethod, methodClass, overrides });

  it.each([
    ['GET', hints(true, false, true)],
    ['HEAD', hints(true, false, true)],
    ['OPTIONS', hints(true, false, true)],
    ['POST', hints(false, false, false)],
    ['PUT', hints(false, false, true)],
    ['PATCH', hints(false, false, false)],
    ['DELETE', hints(false, true, true)],
  ] as const)('a custom %s keeps the verb hints', (verb, expected) => {
    expect(derive(verb, 'custom')).toStrictEqual({ title: 'T', ...expected });
  });

  it('a read is read-only, not destructive and idempotent whatever the verb', () => {
    expect(derive('POST', 'read')).toStrictEqual({ title: 'T', ...hints(true, false, true) });
  });

  it('a write is never read-only, and keeps the verb for the rest', () => {
    expect(derive('GET', 'write')).toStrictEqual({ title: 'T', ...hints(false, false, true) });
    expect(derive('DELETE', 'write')).toStrictEqual({ title: 'T', ...hints(false, true, true) });
  });

  it('the doc has the last word', () => {
    expect(derive('GET', 'read', { openWorldHint: false, idempotentHint: false })).toStrictEqual({ title: 'T', readOnlyHint: true, destructiveHint: false, idempotentHint: false, openWorldHint: false });
  });
});

describe('methodClassConflict', () => {
  const conflict = (input: { httpMethod: HttpMethod; methodClass: MethodClass; readOnlyHint?: boolean; classReason?: string }) =>
    methodClassConflict({ httpMethod: input.httpMethod, methodClass: input.methodClass, overrides: input.readOnlyHint === undefined ? {} : { readOnlyHint: input.readOnlyHint }, ...(input.classReason !== undefined ? { classReason: input.classReason } : {}) });

  it('a read or a readOnlyHint on PUT, PATCH or DELETE is refused, even with a reason', () => {
    expect(conflict({ httpMethod: 'DELETE', methodClass: 'read', classReason: 'because' })).toBe('an HTTP DELETE changes the resource, so it cannot be a read-only tool (class read)');
    expect(conflict({ httpMethod: 'PUT', methodClass: 'custom', readOnlyHint: true })).toBe('an HTTP PUT changes the resource, so it cannot be a read-only tool (class custom, readOnlyHint: true)');
    expect(conflict({ httpMethod: 'PATCH', methodClass: 'read', readOnlyHint: false })).toBe('an HTTP PATCH changes the resource, so it cannot be a read-only tool (class read)');
  });

  it('a read on POST, or a write on GET, needs a reason', () => {
    expect(conflict({ httpMethod: 'POST', methodClass: 'read' })).toBe('an HTTP POST is declared read-only (class read) without x-mcp.classReason saying why');
    expect(conflict({ httpMethod: 'POST', methodClass: 'custom', readOnlyHint: true })).toBe('an HTTP POST is declared read-only (class custom, readOnlyHint: true) without x-mcp.classReason saying why');
    expect(conflict({ httpMethod: 'GET', methodClass: 'write' })).toBe('an HTTP GET is declared to write (class write) without x-mcp.classReason saying why');
    expect(conflict({ httpMethod: 'POST', methodClass: 'read', classReason: 'a search' })).toBeUndefined();
    expect(conflict({ httpMethod: 'GET', methodClass: 'write', classReason: 'it logs' })).toBeUndefined();
  });

  it('the verb agreeing with the class, a custom class, or a cautious readOnlyHint: false is no conflict', () => {
    expect(conflict({ httpMethod: 'GET', methodClass: 'read' })).toBeUndefined();
    expect(conflict({ httpMethod: 'HEAD', methodClass: 'read', readOnlyHint: true })).toBeUndefined();
    expect(conflict({ httpMethod: 'POST', methodClass: 'write' })).toBeUndefined();
    expect(conflict({ httpMethod: 'GET', methodClass: 'custom', readOnlyHint: false })).toBeUndefined();
    expect(conflict({ httpMethod: 'DELETE', methodClass: 'write' })).toBeUndefined();
    expect(conflict({ httpMethod: 'POST', methodClass: 'custom' })).toBeUndefined();
  });
});

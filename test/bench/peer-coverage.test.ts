import { describe, expect, it } from 'vitest';
import type { BenchResults } from '../../scripts/bench/bench-results.ts';
import { peerCoverage, propertyNames } from '../../scripts/bench/peer-coverage.ts';
import { fullListingRow, listedClause } from '../../scripts/bench/peer-coverage-rows.ts';
import type { ServerCell } from '../../scripts/bench/server-bench.ts';

const object = (properties: Record<string, unknown>) => ({ type: 'object', properties });

/** A form-encoded create, a JSON update, a read with a path-level path parameter and a header, and a raw-text upload. */
const document = {
  openapi: '3.0.3',
  paths: {
    '/sinks': {
      post: {
        operationId: 'CreateSink',
        requestBody: { content: { 'application/x-www-form-urlencoded': { schema: object({ Description: { type: 'string' }, SinkType: { type: 'string' } }) } } },
      },
    },
    '/sinks/{Sid}': {
      parameters: [{ name: 'Sid', in: 'path', required: true, schema: { type: 'string' } }],
      get: { operationId: 'FetchSink', parameters: [{ name: 'X-Trace', in: 'header', schema: { type: 'string' } }, { name: 'Accept', in: 'header', schema: { type: 'string' } }] },
      patch: {
        operationId: 'sinks/update',
        requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/SinkUpdate' } } } },
      },
    },
    '/uploads': { put: { operationId: 'upload', requestBody: { content: { 'text/plain': { schema: { type: 'string' } } } } } },
  },
  components: { schemas: { SinkUpdate: object({ Description: { type: 'string' }, Id: { type: 'string', readOnly: true } }) } },
};

const sid = { Sid: { type: 'string' } };
/** What openapi-mcp-generator lists: every form body as one opaque string. */
const opaqueForm = [
  { name: 'CreateSink', inputSchema: object({ requestBody: { type: 'string' } }) },
  { name: 'FetchSink', inputSchema: object({ ...sid, 'x-trace': { type: 'string' } }) },
  { name: 'sinks_update', inputSchema: object({ ...sid, requestBody: object({ Description: { type: 'string' } }) }) },
  { name: 'upload', inputSchema: object({ requestBody: { type: 'string' } }) },
];

describe('peerCoverage', () => {
  it('counts the fields of a form body listed as one string as not listed, and a JSON body listed by property as listed', () => {
    const coverage = peerCoverage({ spec: 's', generator: 'p', document, tools: opaqueForm });
    // CreateSink 2 body fields; FetchSink Sid + X-Trace (Accept ignored); sinks/update Sid + Description (Id is read-only); upload its raw body.
    expect(coverage).toMatchObject({ operations: 4, withoutTool: 0, expected: 7, listed: 5 });
    expect(coverage.notListed).toEqual(['CreateSink: body Description', 'CreateSink: body SinkType']);
  });

  it('finds names at any depth (kubb wraps path parameters and the body) and ignores case only for headers', () => {
    const kubb = [
      { name: 'createSink', inputSchema: object({ data: object({ Description: {}, SinkType: {} }) }) },
      { name: 'fetchSink', inputSchema: object({ pathParams: object({ sid: {} }), headers: object({ 'X-TRACE': {} }) }) },
      { name: 'sinksUpdate', inputSchema: object({ pathParams: object(sid), data: { anyOf: [object({ Description: {} })] } }) },
      { name: 'upload', inputSchema: object({ data: { type: 'string' } }) },
    ];
    const coverage = peerCoverage({ spec: 's', generator: 'kubb', document, tools: kubb });
    expect(coverage.listed).toBe(6);
    // A path parameter spelled in another case is another name.
    expect(coverage.notListed).toEqual(['fetchSink: path Sid']);
  });

  it('counts a missing path parameter, and every input of an operation no tool matches, as not listed', () => {
    const tools = [opaqueForm[0]!, { name: 'FetchSink', inputSchema: object({ 'X-Trace': {} }) }, opaqueForm[3]!];
    const coverage = peerCoverage({ spec: 's', generator: 'p', document, tools });
    expect(coverage).toMatchObject({ withoutTool: 1, expected: 7, listed: 2 });
    expect(coverage.notListed).toContain('FetchSink: path Sid');
    expect(coverage.notListed).toContain('PATCH /sinks/{Sid} (no tool): path Sid');
    expect(coverage.notListed).toContain('PATCH /sinks/{Sid} (no tool): body Description');
  });

  it('counts a raw body as listed only when the schema has a top-level property beside the parameters', () => {
    const bare = opaqueForm.map((tool) => (tool.name === 'upload' ? { name: 'upload', inputSchema: object({}) } : tool));
    expect(peerCoverage({ spec: 's', generator: 'p', document, tools: bare }).notListed).toContain('upload: request body');
  });

  it('matches tools by the recorded route when the peer gives one, not by name', () => {
    const renamed = opaqueForm.map((tool) => (tool.name === 'FetchSink' ? { ...tool, name: 'Fetch__a1b2c3' } : tool));
    const byName = peerCoverage({ spec: 's', generator: 'p', document, tools: renamed });
    expect(byName.withoutTool).toBe(1);
    const routes = new Map([['CreateSink', 'post /sinks'], ['Fetch__a1b2c3', 'get /sinks/{Sid}'], ['sinks_update', 'patch /sinks/{Sid}'], ['upload', 'put /uploads']]);
    const byRoute = peerCoverage({ spec: 's', generator: 'p', document, tools: renamed, routes });
    expect(byRoute).toMatchObject({ withoutTool: 0, listed: 5 });
  });

  it('takes the JSON media type of a body that offers several, whatever its place', () => {
    const both = { paths: { '/x': { post: { operationId: 'x', requestBody: { content: { 'application/x-www-form-urlencoded': { schema: object({ form: {} }) }, 'application/json': { schema: object({ json: {} }) } } } } } } };
    const coverage = peerCoverage({ spec: 's', generator: 'p', document: both, tools: [{ name: 'x', inputSchema: object({ json: {} }) }] });
    expect(coverage).toMatchObject({ expected: 1, listed: 1 });
  });

  it('collects property names under properties only, not other keywords', () => {
    expect([...propertyNames({ type: 'object', required: ['a'], properties: { a: { items: object({ b: {} }) } }, $defs: { x: object({ c: {} }) } })].sort()).toEqual(['a', 'b', 'c']);
  });
});

describe('the token rows', () => {
  const cell = (generator: string, tokensPerTool: number) => ({ generator, spec: 's', tokensPerTool, typecheck: { ok: true, wallMs: 1, errors: 0 } }) as ServerCell;
  const coverage = (generator: string, listed: number) => ({ spec: 's', generator, operations: 4, withoutTool: 0, expected: 7, listed, notListed: [] });
  const results = (peerCoverage: ReturnType<typeof coverage>[]) => ({ coverage: [{ spec: 's', tools: 4, expected: 7, covered: 7, lost: [] }], peerCoverage }) as unknown as BenchResults;

  it('say how many inputs the leanest peer lists beside ours', () => {
    expect(listedClause({ results: results([coverage('lean', 5)]), spec: 's', peer: 'lean' })).toBe(', which lists 5 of 7 parameters and body fields; ours lists 7 of 7');
  });

  it('compare with the leanest peer that lists every input, passing over a leaner one that does not', () => {
    const row = fullListingRow({ results: results([coverage('lean', 6), coverage('full', 7), coverage('fuller', 7)]), spec: 's', label: 'S', ours: cell('vendor-mcp', 60), peers: [cell('lean', 50), cell('fuller', 150), cell('full', 100)] });
    expect(row.measured).toBe('60 % (ours 60 vs full 100, which lists 7 of 7)');
    expect(row.verdict).toBe('informative');
  });

  it('say so when no peer lists every input', () => {
    const row = fullListingRow({ results: results([coverage('lean', 6)]), spec: 's', label: 'S', ours: cell('vendor-mcp', 60), peers: [cell('lean', 50)] });
    expect(row.measured).toBe('no peer lists every parameter (lean lists 6 of 7)');
  });
});

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tagProblem } from '../../generator/ir/naming.ts';
import { parseDocumentText } from '../../generator/load/parse-document.ts';
import { canonicalSha256, streamedDigest } from '../../generator/shared/canonical-sha256.ts';
import { listFlag, parseFlags } from '../../templates/runtime/command-line.ts';
import { SCOPE_FLAGS } from '../../templates/runtime/server-options.ts';
import { MINIMAL_VENDOR_DOC } from '../fixtures/minimal-vendor-doc.ts';
import { buildFromText, generateFromText } from '../support/generate-in-memory.ts';

/** Each diagnostic as `CODE pointer line:column: message`, the parts a person acts on. */
const shown = (diagnostics: readonly { code: string; location: { pointer: string; line?: number; column?: number }; message: string }[]) =>
  diagnostics.map((d) => `${d.code} ${d.location.pointer} ${d.location.line}:${d.location.column}: ${d.message}`);

const errorsOf = (text: string, file = 'spec.yaml') => shown(buildFromText({ text, file }).diagnostics.filter((d) => d.severity === 'error'));

/** A plain OpenAPI document with one read operation carrying `tags`. */
function plainSpec(tags: readonly string[]): string {
  return JSON.stringify({
    openapi: '3.0.3',
    info: { title: 'Tags', version: '1' },
    servers: [{ url: 'https://api.example.test' }],
    components: { securitySchemes: { b: { type: 'http', scheme: 'bearer' } } },
    security: [{ b: [] }],
    paths: { '/things': { get: { operationId: 'listThings', summary: 'List things.', tags, responses: { '200': { description: 'ok' } } } } },
  });
}

describe('environment variable names from the document are names, never shell text', () => {
  const grant = (settings: string) =>
    MINIMAL_VENDOR_DOC.replace('    env: ACME_TOKEN\n', `    env: ACME_TOKEN\n    clientCredentials:\n${settings}`).replace(
      '  securitySchemes:\n',
      '  securitySchemes:\n    oauth:\n      type: oauth2\n      flows: {clientCredentials: {tokenUrl: "https://auth.acme.test/token", scopes: {}}}\n',
    );

  it('accepts the POSIX names the vendors use', () => {
    expect(errorsOf(grant('      scheme: oauth\n      urlEnv: ACME_AUTH_URL\n      fields: {client_id: ACME_CLIENT_ID, client_secret: _ACME_SECRET}\n'))).toStrictEqual([]);
  });

  it('refuses the token URL variable and each field variable by place', () => {
    const text = grant("      scheme: oauth\n      urlEnv: 'URL\"; rm -rf ~; \"'\n      fields: {client_id: acme_id, client_secret: 'A B', org_id: 42}\n");
    expect(errorsOf(text)).toStrictEqual([
      'VMCP_NAME_INVALID /x-mcp/auth/clientCredentials/urlEnv 17:7: x-mcp.auth.clientCredentials.urlEnv "URL\\"; rm -rf ~; \\"" is refused: it contains whitespace or a shell metacharacter',
      'VMCP_NAME_INVALID /x-mcp/auth/clientCredentials/fields/client_id 18:16: x-mcp.auth.clientCredentials.fields.client_id "acme_id" is refused: it is not upper-case letters, digits and _, not starting with a digit',
      'VMCP_NAME_INVALID /x-mcp/auth/clientCredentials/fields/client_secret 18:36: x-mcp.auth.clientCredentials.fields.client_secret "A B" is refused: it contains whitespace or a shell metacharacter',
      'VMCP_NAME_INVALID /x-mcp/auth/clientCredentials/fields/org_id 18:58: x-mcp.auth.clientCredentials.fields.org_id "42" is refused: it is not upper-case letters, digits and _, not starting with a digit',
    ]);
  });
});

describe('tags in the README are one shell word, and one --tags selects', () => {
  /** The README's scope example, as argv after a POSIX shell has read it; printf shows anything the shell ran besides. */
  function exampleArgv(tag: string): string[] {
    const readme = generateFromText({ text: plainSpec([tag]), file: 'spec.json', plainSlug: 'tags' }).files!.find((file) => file.path === 'README.md')!.contents;
    const line = readme.split('\n').find((text) => text.startsWith('npx -y @vendor-mcp/tags --methods read'))!;
    // In an empty folder, removed after: were the quoting wrong, what the shell ran (a redirect to `c`) lands there.
    const cwd = mkdtempSync(path.join(tmpdir(), 'readme-sh-'));
    try {
      return execFileSync('sh', ['-c', `printf '%s\\n' ${line.slice('npx -y @vendor-mcp/tags '.length)}`], { encoding: 'utf8', cwd }).split('\n').slice(0, -1);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  }

  it.each(["reports; echo injected #", "it's $(echo injected) `echo injected`", 'a | b > c', 'Pet Store'])('%j', (tag) => {
    const argv = exampleArgv(tag);
    expect(argv).toStrictEqual(['--methods', 'read', '--tags', tag]);
    const flags = parseFlags({ argv, flags: SCOPE_FLAGS });
    expect('error' in flags ? flags : listFlag({ flags, flag: '--tags' })).toStrictEqual([tag]);
  });

  it('a tag --tags cannot select is named, kept on the tool, and left out of the example', () => {
    const result = generateFromText({ text: plainSpec(['a,b', ' padded', '--flag', 'line\nbreak', 'ok']), file: 'spec.json', plainSlug: 'tags' });
    expect(shown(result.diagnostics.filter((d) => d.code === 'VMCP_TAG_UNSELECTABLE'))).toStrictEqual([
      'VMCP_TAG_UNSELECTABLE /paths/~1things/get/tags/0 1:287: Tag "a,b" cannot be selected with --tags: it contains a comma, which --tags reads as a list separator',
      'VMCP_TAG_UNSELECTABLE /paths/~1things/get/tags/1 1:293: Tag " padded" cannot be selected with --tags: it begins or ends with whitespace, which --tags trims',
      'VMCP_TAG_UNSELECTABLE /paths/~1things/get/tags/2 1:303: Tag "--flag" cannot be selected with --tags: it begins with --, which the command line reads as a flag',
      'VMCP_TAG_UNSELECTABLE /paths/~1things/get/tags/3 1:312: Tag "line\\nbreak" cannot be selected with --tags: it contains a control character (a newline, tab or similar)',
    ]);
    expect(result.diagnostics.every((d) => d.severity !== 'error')).toBe(true);
    expect(result.api!.tools[0]!.tags).toStrictEqual(['a,b', ' padded', '--flag', 'line\nbreak', 'ok']);
    expect(result.files!.find((file) => file.path === 'README.md')!.contents).toContain('npx -y @vendor-mcp/tags --methods read --tags ok\n');
  });

  it('agrees with the server: every tag it accepts, the server reads back as exactly that tag', () => {
    for (const tag of ['orders', 'Pet Store', "it's", 'a;b', '-x', 'ü', ' x', 'x ', 'a,b', '', '--x', 'a\tb', '\u00a0x']) {
      const flags = parseFlags({ argv: ['--tags', tag], flags: SCOPE_FLAGS });
      const read = 'error' in flags ? flags : listFlag({ flags, flag: '--tags' });
      if (tagProblem(tag) === undefined) expect(read).toStrictEqual([tag]);
      else if (!/[\u0000-\u001f]/.test(tag)) expect(read).not.toStrictEqual([tag]);
    }
  });
});

describe('YAML is read as YAML 1.2, core schema, whatever the document says', () => {
  const data = (text: string) => {
    const parsed = parseDocumentText({ file: 'spec.yaml', text });
    if ('diagnostics' in parsed) throw new Error(shown(parsed.diagnostics).join('\n'));
    return parsed.document.data;
  };

  it('a %YAML 1.1 line does not turn y, yes, on or 010 into booleans and octal', () => {
    expect(data('%YAML 1.1\n---\nproperties: {y: {type: boolean, description: y, default: yes, enum: [on, off]}, n: {minimum: 010, default: 2001-12-14}}\n')).toStrictEqual({
      properties: { y: { type: 'boolean', description: 'y', default: 'yes', enum: ['on', 'off'] }, n: { minimum: 10, default: '2001-12-14' } },
    });
  });

  it.each([
    { name: '!!set', yaml: 's: {enum: !!set {a, b}}', want: 'VMCP_YAML_TAG_UNSUPPORTED /s/enum 1:11: YAML tag !!set is refused: OpenAPI documents are read with the YAML 1.2 core schema, which does not resolve it here (Unresolved tag: tag:yaml.org,2002:set)' },
    { name: '!!timestamp', yaml: 'x:\n  - a\n  - !!timestamp 2001-12-14', want: 'VMCP_YAML_TAG_UNSUPPORTED /x/1 3:5: YAML tag !!timestamp is refused: OpenAPI documents are read with the YAML 1.2 core schema, which does not resolve it here (Unresolved tag: tag:yaml.org,2002:timestamp)' },
    { name: 'a scalar tag on a map', yaml: 'x: !!str {a: 1}', want: 'VMCP_YAML_TAG_UNSUPPORTED /x 1:4: YAML tag !!str is refused: OpenAPI documents are read with the YAML 1.2 core schema, which does not resolve it here (Unresolved tag: tag:yaml.org,2002:str)' },
    { name: 'a local tag under %YAML 1.1', yaml: '%YAML 1.1\n---\nx: {y: !foo 1}', want: 'VMCP_YAML_TAG_UNSUPPORTED /x/y 3:8: YAML tag !foo is refused: OpenAPI documents are read with the YAML 1.2 core schema, which does not resolve it here (Unresolved tag: !foo)' },
  ])('refuses $name where it stands', ({ yaml, want }) => {
    expect(errorsOf(yaml)).toStrictEqual([want]);
  });

  it('keeps the core tags and the non-specific one', () => {
    expect(data('a: !!str 12\nb: !!int "7"\nc: ! 12\nd: !!map {e: !!seq [!!null ~, !!bool true]}\n')).toStrictEqual({ a: '12', b: 7, c: '12', d: { e: [null, true] } });
  });

  it('refuses a plain << merge key, in block and flow maps, and keeps a quoted "<<" as the key it is', () => {
    expect(errorsOf('base: &b {type: object}\nx:\n  <<: *b\n  description: d\ny: {<<: *b}\n')).toStrictEqual([
      'VMCP_YAML_MERGE_KEY /x/<< 3:3: Merge key << is refused: merge keys are not part of YAML 1.2, so these fields would not be merged into the map',
      'VMCP_YAML_MERGE_KEY /y/<< 5:5: Merge key << is refused: merge keys are not part of YAML 1.2, so these fields would not be merged into the map',
    ]);
    expect(data('x: {"<<": 1, description: "a << b"}\n')).toStrictEqual({ x: { '<<': 1, description: 'a << b' } });
  });
});

describe('numbers that are not finite are refused where they stand', () => {
  it.each([
    { name: 'JSON past the double range', text: '{"a": {"maximum": 1e400, "minimum": -1E+999}, "b": 1.7e308}', file: 'spec.json', want: ['/a/maximum 1:8: Infinity', '/a/minimum 1:26: -Infinity'] },
    { name: 'YAML .inf and .nan', text: 'a: {maximum: .inf, enum: [1, .NaN]}\n', file: 'spec.yaml', want: ['/a/maximum 1:5: Infinity', '/a/enum/1 1:30: NaN'] },
  ])('$name', ({ text, file, want }) => {
    const parsed = parseDocumentText({ file, text });
    const diagnostics = 'diagnostics' in parsed ? parsed.diagnostics : [];
    expect(diagnostics.map((d) => d.code)).toStrictEqual(want.map(() => 'VMCP_NUMBER_NOT_FINITE'));
    expect(diagnostics.map((d) => `${d.location.pointer} ${d.location.line}:${d.location.column}: ${/reads as (\S+)/.exec(d.message)![1]}`)).toStrictEqual(want);
  });

  it('the content hash walk says whether to look, and its digest is the one canonicalSha256 gives', () => {
    const plain = { a: [1, -0, 1.5e308, 'x'], b: { c: null } };
    expect(streamedDigest(plain)).toStrictEqual({ sha256: canonicalSha256(plain), mayHoldNonFinite: false });
    expect(streamedDigest({ a: [1, { b: Number.NaN }] })).toStrictEqual({ sha256: canonicalSha256({ a: [1, { b: null }] }), mayHoldNonFinite: true });
    // Not plain JSON data: the walk gives up (undefined), so the loader looks itself.
    expect(streamedDigest({ d: new Date(0) })).toBeUndefined();
  });
});

describe('object and array values in an input enum or const', () => {
  const withProperty = (schema: string) => MINIMAL_VENDOR_DOC.replace("          description: The widget's name.\n", `          description: The widget's name.\n        extra: ${schema}\n`);

  it('refuses each one the type admits, by place', () => {
    expect(errorsOf(withProperty('{description: d, type: array, items: {}, const: [1, 2]}'))).toStrictEqual([
      'VMCP_ENUM_VALUE_UNSUPPORTED /components/schemas/Widget/properties/extra/const 29:57: An array as an allowed value ([1,2]) cannot be checked: tool inputs take strings, numbers, booleans or null in enum and const',
    ]);
  });

  it('passes one the type refuses (it can never match, so the validator drops it) and any in a response', () => {
    expect(errorsOf(withProperty('{description: d, type: string, enum: [all, [p1, p2]]}'))).toStrictEqual([]);
    const response = MINIMAL_VENDOR_DOC.replace("        '200':\n          description: ok\n", "        '200':\n          description: ok\n          content: {application/json: {schema: {type: object, properties: {k: {const: {a: 1}}}}}}\n");
    expect(errorsOf(response)).toStrictEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CODES } from '../../generator/diagnostics/codes.ts';
import { formatDiagnostic } from '../../generator/diagnostics/format.ts';
import { MINIMAL_VENDOR_DOC } from '../fixtures/minimal-vendor-doc.ts';
import { buildFromText } from '../support/generate-in-memory.ts';

type Case = { readonly name: string; readonly given: string; readonly want: string };

const cases: readonly Case[] = [
  {
    name: 'malformed YAML',
    given: MINIMAL_VENDOR_DOC.replace('  title: Acme\n  version', '  title: [Acme\n  version'),
    want: 'spec.yaml:4:3 error VMCP_SYNTAX: Invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
  },
  {
    name: 'broken $ref',
    given: MINIMAL_VENDOR_DOC.replace("$ref: '#/components/schemas/Widget'", "$ref: '#/components/schemas/Gadget'"),
    want: "spec.yaml:48:13 error VMCP_REF_NOT_FOUND at #/paths/~1widgets/post/requestBody/content/application~1json/schema: $ref \"#/components/schemas/Gadget\" does not resolve",
  },
  {
    name: 'external $ref',
    given: MINIMAL_VENDOR_DOC.replace("$ref: '#/components/schemas/Widget'", "$ref: 'https://evil.test/schema.json'"),
    want: 'spec.yaml:48:13 error VMCP_REF_EXTERNAL at #/paths/~1widgets/post/requestBody/content/application~1json/schema: $ref "https://evil.test/schema.json" is not a local reference (it must start with "#/")',
  },
  {
    name: 'duplicate tool name',
    given: MINIMAL_VENDOR_DOC.replace('resource: widget\n        method: create', 'resource: widgets\n        method: list\n        classReason: A search over POST.'),
    want: 'spec.yaml:40:7 error VMCP_TOOL_NAME_DUPLICATE at #/paths/~1widgets/post/x-mcp: Tool name "list_all_acme_widgets" is also produced by #/paths/~1widgets/get/x-mcp',
  },
  {
    name: 'a tool named like a discovery meta-tool',
    given: MINIMAL_VENDOR_DOC.replace('  vendor: Acme', '  vendor: Get').replace('resource: widget\n        method: create', 'resource: tool\n        method: schemas\n        classReason: A search over POST.'),
    want: 'spec.yaml:40:7 error VMCP_TOOL_NAME_DUPLICATE at #/paths/~1widgets/post/x-mcp: Tool name "get_tool_schemas" is the name of a discovery meta-tool',
  },
  {
    name: 'invalid tool name',
    given: MINIMAL_VENDOR_DOC.replace('resource: widget\n', `resource: ${'w'.repeat(60)}\n`),
    want: `spec.yaml:40:7 error VMCP_TOOL_NAME_INVALID at #/paths/~1widgets/post/x-mcp: Tool name "create_a_acme_${'w'.repeat(60)}" (74 chars) does not match ^[a-zA-Z0-9_-]{1,64}$`,
  },
  {
    name: 'missing vendor setting',
    given: MINIMAL_VENDOR_DOC.replace('  envPrefix: ACME\n', ''),
    want: 'spec.yaml:7:1 error VMCP_VENDOR_SETTING_MISSING at #/x-mcp: x-mcp.envPrefix is required',
  },
  {
    name: 'unknown security scheme',
    given: MINIMAL_VENDOR_DOC.replace('scheme: bearerAuth', 'scheme: apiKeyAuth'),
    want: 'spec.yaml:13:5 error VMCP_VENDOR_SETTING_MISSING at #/x-mcp/auth/scheme: auth.scheme "apiKeyAuth" is not in components.securitySchemes',
  },
  {
    name: 'Swagger 2.0',
    given: 'swagger: "2.0"\ninfo: {title: x, version: "1"}\npaths: {}\n',
    want: 'spec.yaml:1:1 error VMCP_SWAGGER_2 at #/swagger: Swagger 2.0 documents must be converted to OpenAPI 3 first',
  },
  {
    name: 'not OpenAPI',
    given: 'openapi: 4.0.0\npaths: {}\n',
    want: 'spec.yaml:1:1 error VMCP_NOT_OPENAPI at #/openapi: Expected openapi: 3.0.x or 3.1.x, found "4.0.0"',
  },
  {
    name: 'no documented operation at all',
    given: MINIMAL_VENDOR_DOC.replace(/ {6}x-mcp:\n        resource: widgets?\n        method: (list|create)\n        description: [^\n]+\n/g, ''),
    want: 'spec.yaml:29:1 error VMCP_NO_TOOLS at #/paths: All 2 operation(s) were left out (listed above), so there is no tool to generate',
  },
  {
    name: 'a package slug that climbs out of its folder',
    given: MINIMAL_VENDOR_DOC.replace('  package: acme', '  package: ../acme'),
    want: 'spec.yaml:9:3 error VMCP_NAME_INVALID at #/x-mcp/package: x-mcp.package "../acme" is refused: it contains a path separator (/ or \\)',
  },
  {
    name: 'an env prefix with a shell metacharacter',
    given: MINIMAL_VENDOR_DOC.replace('  envPrefix: ACME', '  envPrefix: "ACME;rm"'),
    want: 'spec.yaml:11:3 error VMCP_NAME_INVALID at #/x-mcp/envPrefix: x-mcp.envPrefix "ACME;rm" is refused: it contains whitespace or a shell metacharacter',
  },
  {
    name: 'an env prefix with a newline',
    given: MINIMAL_VENDOR_DOC.replace('  envPrefix: ACME', '  envPrefix: "ACME\\nX=1"'),
    want: 'spec.yaml:11:3 error VMCP_NAME_INVALID at #/x-mcp/envPrefix: x-mcp.envPrefix "ACME\\nX=1" is refused: it contains a control character (a newline, tab or similar)',
  },
  {
    name: 'an auth env name that would run a command in the README',
    given: MINIMAL_VENDOR_DOC.replace('    env: ACME_TOKEN', "    env: 'ACME_KEY=$(touch pwned); X'"),
    want: 'spec.yaml:14:5 error VMCP_NAME_INVALID at #/x-mcp/auth/env: x-mcp.auth.env "ACME_KEY=$(touch pwned); X" is refused: it contains whitespace or a shell metacharacter',
  },
  {
    name: 'an auth env name starting with a digit',
    given: MINIMAL_VENDOR_DOC.replace('    env: ACME_TOKEN', '    env: 1ACME'),
    want: 'spec.yaml:14:5 error VMCP_NAME_INVALID at #/x-mcp/auth/env: x-mcp.auth.env "1ACME" is refused: it is not upper-case letters, digits and _, not starting with a digit',
  },
  {
    name: 'a YAML 1.1 tag',
    given: MINIMAL_VENDOR_DOC.replace('  version: 1.0.0', '  version: 1.0.0\n  x-logo: !!binary aGVsbG8='),
    want: 'spec.yaml:5:11 error VMCP_YAML_TAG_UNSUPPORTED at #/info/x-logo: YAML tag !!binary is refused: OpenAPI documents are read with the YAML 1.2 core schema, which does not resolve it here (Unresolved tag: tag:yaml.org,2002:binary)',
  },
  {
    name: 'a custom YAML tag',
    given: MINIMAL_VENDOR_DOC.replace('description: List widgets.', 'description: !js/function "f(){}"'),
    want: 'spec.yaml:35:22 error VMCP_YAML_TAG_UNSUPPORTED at #/paths/~1widgets/get/x-mcp/description: YAML tag !js/function is refused: OpenAPI documents are read with the YAML 1.2 core schema, which does not resolve it here (Unresolved tag: !js/function)',
  },
  {
    name: 'a YAML merge key',
    given: MINIMAL_VENDOR_DOC.replace('    Widget:\n      type: object\n', '    Base: &base {type: object}\n    Widget:\n      <<: *base\n'),
    want: 'spec.yaml:23:7 error VMCP_YAML_MERGE_KEY at #/components/schemas/Widget/<<: Merge key << is refused: merge keys are not part of YAML 1.2, so these fields would not be merged into the map',
  },
  {
    name: 'an infinite bound',
    given: MINIMAL_VENDOR_DOC.replace("          description: The widget's name.", "          description: The widget's name.\n          maxLength: .inf"),
    want: 'spec.yaml:29:11 error VMCP_NUMBER_NOT_FINITE at #/components/schemas/Widget/properties/name/maxLength: The number here reads as Infinity (YAML .inf or .nan, or a JSON number beyond about 1.8e308): JSON and JSON Schema take finite numbers only',
  },
  {
    name: 'an object among the allowed values of an input',
    given: MINIMAL_VENDOR_DOC.replace("          description: The widget's name.", "          description: The widget's name.\n        shape:\n          description: The shape.\n          enum: [round, {sides: 4}]"),
    want: 'spec.yaml:31:25 error VMCP_ENUM_VALUE_UNSUPPORTED at #/components/schemas/Widget/properties/shape/enum/1: An object as an allowed value ({"sides":4}) cannot be checked: tool inputs take strings, numbers, booleans or null in enum and const',
  },
  {
    name: 'invalid x-mcp method',
    given: MINIMAL_VENDOR_DOC.replace('method: list', 'method: ""'),
    want: 'spec.yaml:34:9 error VMCP_MCP_EXTENSION_INVALID at #/paths/~1widgets/get/x-mcp/method: x-mcp needs a non-empty `method`',
  },
];

describe('bad input is designed output', () => {
  it.each(cases)('$name', ({ given, want }) => {
    const { diagnostics } = buildFromText({ text: given });
    const errors = diagnostics.filter((d) => d.severity === 'error').map((d) => formatDiagnostic(d).split('\n')[0]);
    expect(errors).toStrictEqual([want]);
  });

  it('every diagnostic carries the fix documented for its code', () => {
    for (const { given } of cases) {
      for (const diagnostic of buildFromText({ text: given }).diagnostics) {
        expect(diagnostic.fix).toBe(DIAGNOSTIC_CODES[diagnostic.code].fix);
      }
    }
  });

  it('every code documents a title and a fix of its own', () => {
    const docs = Object.values(DIAGNOSTIC_CODES);
    for (const doc of docs) {
      // A title names the problem (a phrase); a fix tells what to do (a sentence), and they differ.
      expect(doc.title).toMatch(/^[A-Z$`a-z].{5,}[^.]$/);
      expect(doc.fix).toMatch(/^\S.{10,}[.)]$/);
      expect(doc.fix).not.toBe(doc.title);
    }
    expect(new Set(docs.map((doc) => doc.title)).size).toBe(docs.length);
    expect(new Set(docs.map((doc) => doc.fix)).size).toBe(docs.length);
  });
});

/** A family `kind-a` whose schema tool is `acme_kind_a_schema`, and an operation whose x-mcp names a tool `extra`. */
const familyDoc = (extra: string) => `openapi: 3.0.3
info: {title: V, version: "1"}
servers: [{url: "https://api.acme.test"}]
x-mcp:
  vendor: Acme
  package: acme
  title: Acme
  envPrefix: ACME
  auth: {scheme: b, env: ACME_TOKEN}
  variants:
    kind-a:
      payload: data
      schemas: {x: {type: object, properties: {p: {type: string}}}}
    kind_a:
      payload: data
      schemas: {y: {type: object}}
components: {securitySchemes: {b: {type: http, scheme: bearer}}}
paths:
  /things/{kind-a}:
    post:
      parameters: [{name: kind-a, in: path, required: true, schema: {type: string}, description: k}]
      requestBody: {content: {application/json: {schema: {type: object, properties: {data: {type: object, description: d}}}}}}
      x-mcp: {resource: things, method: create, description: "Create a thing.", variants: kind-a}
      responses: {"200": {description: ok}}
  /others/{kind_a}:
    post:
      parameters: [{name: kind_a, in: path, required: true, schema: {type: string}, description: k}]
      requestBody: {content: {application/json: {schema: {type: object, properties: {data: {type: object, description: d}}}}}}
      x-mcp: {${extra}, description: "Another."}
      responses: {"200": {description: ok}}
`;

describe('names generated beside the operations\' tools', () => {
  const errors = (text: string) => buildFromText({ text }).diagnostics.filter((d) => d.severity === 'error').map((d) => formatDiagnostic(d).split('\n')[0]);

  it('an operation named like a variant family\'s schema tool is refused at the operation', () => {
    expect(errors(familyDoc('resource: kind-a, method: schema'))).toStrictEqual([
      'spec.yaml:14:5 error VMCP_NAME_INVALID at #/x-mcp/variants/kind_a: x-mcp.variants family "kind_a" is refused: it names kind_a.ts, which family "kind-a" names too',
      'spec.yaml:29:7 error VMCP_TOOL_NAME_DUPLICATE at #/paths/~1others~1{kind_a}/post/x-mcp: Tool name "acme_kind_a_schema" is also the schema tool of variant family "kind-a" (#/x-mcp/variants/kind-a)',
    ]);
  });

  it('two families named alike once snake-cased are refused at the later one, where it is declared', () => {
    expect(errors(familyDoc('resource: others, method: create, variants: kind_a'))).toStrictEqual([
      'spec.yaml:14:5 error VMCP_NAME_INVALID at #/x-mcp/variants/kind_a: x-mcp.variants family "kind_a" is refused: it names kind_a.ts, which family "kind-a" names too',
    ]);
  });

  it('a plain document\'s fallback name never takes a meta-tool\'s: it is numbered instead', () => {
    const operation = (operationId: string) => ({ post: { summary: 'S', operationId, responses: { 200: { description: 'ok' } } } });
    const text = JSON.stringify({ openapi: '3.1.0', info: { title: 'G', version: '1' }, servers: [{ url: 'https://g.test' }], paths: { '/tool/schemas': operation('toolSchemas'), '/tool:schemas': operation('other') } });
    expect(buildFromText({ text, file: 'a.json', plainSlug: 'get' }).api?.tools.map((t) => t.name)).toStrictEqual(['create_a_get_tool_schema', 'get_other']);
  });
});

describe('quality gate', () => {
  it('leaves out an operation without x-mcp and says why', () => {
    const text = MINIMAL_VENDOR_DOC.replace("      x-mcp:\n        resource: widgets\n        method: list\n        description: List widgets.\n", '');
    const { api, diagnostics } = buildFromText({ text });
    expect(api?.tools.map((t) => t.name)).toStrictEqual(['create_a_acme_widget']);
    expect(api?.omitted.map((o) => `${o.operation}: ${o.reason}`)).toStrictEqual(['GET /widgets: no x-mcp documentation']);
    expect(diagnostics.map((d) => formatDiagnostic(d).split('\n')[0])).toStrictEqual([
      'spec.yaml:31:5 info VMCP_OPERATION_OMITTED at #/paths/~1widgets/get: GET /widgets left out: no x-mcp documentation',
    ]);
  });

  it('leaves out an x-mcp block with an empty description', () => {
    const { api } = buildFromText({ text: MINIMAL_VENDOR_DOC.replace('description: List widgets.', "description: ''") });
    expect(api?.omitted.map((o) => o.reason)).toStrictEqual(['x-mcp has no description']);
  });
});

describe('the document check before any IR', () => {
  it.each([
    { name: 'a root that is a list', root: [], want: ['VMCP_NOT_OPENAPI : The document root is not an object'] },
    { name: 'Swagger 2', root: { swagger: '2.0', paths: {} }, want: ['VMCP_SWAGGER_2 /swagger: Swagger 2.0 documents must be converted to OpenAPI 3 first'] },
    { name: 'no openapi field', root: { paths: {} }, want: ['VMCP_NOT_OPENAPI : Expected openapi: 3.0.x or 3.1.x, found null'] },
    { name: 'OpenAPI 3.2', root: { openapi: '3.2.0', paths: {} }, want: ['VMCP_NOT_OPENAPI /openapi: Expected openapi: 3.0.x or 3.1.x, found "3.2.0"'] },
    { name: 'a version that is a list, not text', root: { openapi: ['3.1.0'], paths: {} }, want: ['VMCP_NOT_OPENAPI /openapi: Expected openapi: 3.0.x or 3.1.x, found ["3.1.0"]'] },
    { name: 'a version with 3.1. inside it', root: { openapi: 'v3.1.0', paths: {} }, want: ['VMCP_NOT_OPENAPI /openapi: Expected openapi: 3.0.x or 3.1.x, found "v3.1.0"'] },
    { name: 'no paths object', root: { openapi: '3.1.0', paths: [] }, want: ['VMCP_NOT_OPENAPI : The document has no paths object'] },
    { name: 'a root x-mcp that is null', root: { openapi: '3.1.0', paths: {}, 'x-mcp': null }, want: ['VMCP_MCP_EXTENSION_INVALID /x-mcp: The root x-mcp block must be a mapping of vendor settings (vendor, package, title, envPrefix, auth), found null'] },
    { name: 'a root x-mcp that is a list', root: { openapi: '3.1.0', paths: {}, 'x-mcp': ['vendor'] }, want: ['VMCP_MCP_EXTENSION_INVALID /x-mcp: The root x-mcp block must be a mapping of vendor settings (vendor, package, title, envPrefix, auth), found a list'] },
    { name: 'a plain document without --vendor', root: { openapi: '3.1.0', paths: {} }, want: ['VMCP_VENDOR_SETTING_MISSING : The document has no root x-mcp block; pass --vendor <slug> to generate from a plain OpenAPI file'] },
  ])('refuses $name', ({ root, want }) => {
    const { api, diagnostics } = buildFromText({ text: JSON.stringify(root), file: 'a.json' });
    expect({ api, diagnostics: diagnostics.map((d) => `${d.code} ${d.location.pointer}: ${d.message}`) }).toStrictEqual({ api: undefined, diagnostics: want });
  });
});

it('a plain document with no operations says so, not that all of none were left out', () => {
  const { diagnostics } = buildFromText({ text: JSON.stringify({ openapi: '3.1.0', info: { title: 'Pets', version: '1' }, servers: [{ url: 'https://pets.test' }], paths: {} }), file: 'a.json', plainSlug: 'pets' });
  expect(diagnostics.filter((d) => d.code === 'VMCP_NO_TOOLS').map((d) => `${d.location.pointer}: ${d.message}`)).toStrictEqual(['/paths: The document has no operations']);
});

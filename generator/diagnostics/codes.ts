/**
 * Every diagnostic the generator can print. A code is stable once released: tests and CI logs
 * match on it, so rename never, add freely. Each entry documents what went wrong and the fix.
 */
export const DIAGNOSTIC_CODES = {
  VMCP_INPUT_NOT_FOUND: {
    title: 'Input file not found',
    fix: 'Check the path. Vendor docs live at vendor-docs/<vendor>/openapi.yaml.',
  },
  VMCP_VENDOR_UNKNOWN: {
    title: 'Unknown vendor',
    fix: 'Use one of the folder names under vendor-docs/, or pass --spec <file> --vendor <slug> --out <dir>.',
  },
  VMCP_USAGE: {
    title: 'Invalid command line',
    fix: 'Run `npm run generate -- --help` for the accepted arguments.',
  },
  VMCP_NAME_INVALID: {
    title: 'Name or path refused',
    fix: 'A package slug is letters and digits joined by single -, _ or . (e.g. `github` or `acme-crm`); an env prefix is upper-case letters, digits and _ (e.g. `ACME_CRM`), and so is an environment variable name (x-mcp.auth.env, clientCredentials.urlEnv and fields), not starting with a digit (e.g. `ACME_API_KEY`); paths have no control characters.',
  },
  VMCP_SYNTAX: {
    title: 'Malformed YAML or JSON',
    fix: 'Fix the syntax at the position shown; a YAML linter shows the same error.',
  },
  VMCP_YAML_TAG_UNSUPPORTED: {
    title: 'YAML tag outside the YAML 1.2 core schema',
    fix: 'Drop the tag and write the value plainly: OpenAPI documents are YAML 1.2 (core schema, whatever a %YAML 1.1 line says), so `!!binary`, `!!set`, `!!omap`, `!!timestamp` and custom `!tags` have no meaning there; a date or base64 text is a quoted string.',
  },
  VMCP_YAML_MERGE_KEY: {
    title: 'YAML merge key',
    fix: 'Write the merged fields out in full (or use a $ref): `<<` merge keys are not part of YAML 1.2, where `<<` is an ordinary key, so the fields would be lost or become a property named <<.',
  },
  VMCP_NUMBER_NOT_FINITE: {
    title: 'Number that is not finite',
    fix: 'Write a finite number, or leave the keyword out (no `maximum` rather than `maximum: .inf`): JSON has no NaN or Infinity, so `.nan`, `.inf` and JSON numbers beyond about 1.8e308 cannot be listed or checked.',
  },
  VMCP_NESTING_TOO_DEEP: {
    title: 'Document nested too deeply',
    fix: 'No API description nests anywhere near this deep: flatten the part at the position shown (name nested schemas under components and $ref them), or check the tool that wrote the file did not loop.',
  },
  VMCP_NOT_OPENAPI: {
    title: 'Not an OpenAPI 3.x document',
    fix: 'The root needs `openapi: 3.0.x` or `openapi: 3.1.x` and a `paths` object.',
  },
  VMCP_SWAGGER_2: {
    title: 'Swagger 2.0 is not read directly',
    fix: 'Convert first, for example `npx swagger2openapi in.yaml -o out.yaml`, then generate from the OpenAPI 3 file.',
  },
  VMCP_REF_NOT_FOUND: {
    title: 'Broken $ref',
    fix: 'Point the $ref at an existing `#/components/...` entry, or add the missing component.',
  },
  VMCP_REF_CHAIN_TOO_LONG: {
    title: '$ref chain too long',
    fix: 'Point the $ref straight at the schema it ends in: a chain of hundreds of $refs to $refs is not a real schema.',
  },
  VMCP_REF_CYCLE: {
    title: '$ref cycle with no schema in it',
    fix: 'Point one of the $refs at the schema it stands for, or give that component its own type and properties: a $ref only names a schema, and a loop of names describes no value. A schema that refers to itself from a property or items (a tree) is fine.',
  },
  VMCP_REF_EXTERNAL: {
    title: 'External $ref refused',
    fix: 'Bundle the document into one file first (e.g. `npx @redocly/cli bundle`). The generator never reads other files or the network.',
  },
  VMCP_PLAIN_SPEC_NO_AUTH: {
    title: 'Spec declares no authentication',
    fix: 'Declare the vendor\'s auth without editing the spec: pass --auth-file <file.yaml> with `securitySchemes` and an `auth` block shaped like x-mcp.auth (see docs/generating.md, "Plain specs without auth").',
  },
  VMCP_VENDOR_SETTING_MISSING: {
    title: 'Missing vendor setting',
    fix: 'Add the setting under the root `x-mcp` block (see vendor-docs/README.md).',
  },
  VMCP_SERVER_URL_UNSAFE: {
    title: 'Server URL that cannot be published or used',
    fix: 'Make servers[0].url a plain http(s) URL without a user name or password (e.g. `https://api.example.com/v1`): it is printed into the README, server.json and the start-up log, so credentials belong in the security scheme, and the server only speaks HTTP(S).',
  },
  VMCP_MCP_EXTENSION_INVALID: {
    title: 'Invalid x-mcp block',
    fix: 'Follow the x-mcp format in vendor-docs/README.md.',
  },
  VMCP_GUARD_RECORD_UNCHECKED: {
    title: 'Safeguard cannot check which record it read',
    fix: 'Add `read: { id: <pointer> }` to the full-array safeguard, the JSON pointer at which the read\'s answer names its record (e.g. `/id`, `/data/id`): the runtime then refuses when the vendor answers with another record. Where the answer carries no id, write `id: false` and say why in a comment: the check is then knowingly left out.',
  },
  VMCP_METHOD_CLASS_CONFLICT: {
    title: 'Method class contradicts the HTTP method',
    fix: 'Make x-mcp `method`/`class`/`annotations.readOnlyHint` agree with the HTTP method. A POST that only reads (a search) may be class read when x-mcp.classReason says why; PUT, PATCH and DELETE are never read-only.',
  },
  VMCP_TOOL_NAME_INVALID: {
    title: 'Invalid tool name',
    fix: 'Tool names must match ^[a-zA-Z0-9_-]{1,64}$. Shorten or rename the x-mcp `resource` or `method`.',
  },
  VMCP_TOOL_NAME_DUPLICATE: {
    title: 'Duplicate tool name',
    fix: 'Give one of the operations a different x-mcp `resource` or `method`. Names generated beside them count too: a variant family\'s schema tool is `<vendor>_<family>_schema`, and search_tools, get_tool_schemas and call_tool are the discovery meta-tools.',
  },
  VMCP_NO_TOOLS: {
    title: 'No tool to generate',
    fix: 'Document at least one operation (an x-mcp block, or a description or summary in a plain OpenAPI file); an empty server is never written.',
  },
  VMCP_OPERATION_OMITTED: {
    title: 'Operation left out',
    fix: 'Add an operation-level x-mcp block with a description to turn it into a tool.',
  },
  VMCP_SCHEMA_RECURSION: {
    title: 'Recursive schema bounded',
    fix: 'Nothing to do: the recursive branch is emitted as an open object. Flatten the schema to expose deeper fields.',
  },
  VMCP_HEAP_LIMIT: {
    title: 'Spec too large for this Node process heap',
    fix: 'Run again with a larger heap, NODE_OPTIONS=--max-old-space-size=<MB> npm run generate -- <same arguments> (the message suggests a size; the machine needs that much free memory), or generate from a smaller spec.',
  },
  VMCP_SCHEMA_SIZE_LIMIT: {
    title: 'Schema too large to inline fully',
    fix: 'Nothing to do for the tool to work: deeper referenced objects are open (the vendor still validates them). To expose them, give the operation a smaller body or response schema (fewer nested $refs), or split it into narrower operations.',
  },
  VMCP_SCHEMA_COMPOSITION: {
    title: 'Composition simplified',
    fix: 'Nothing to do unless the model needs the exact shape; restructure the schema to avoid the pattern named.',
  },
  VMCP_ENUM_VALUE_UNSUPPORTED: {
    title: 'Object or array in an input enum or const',
    fix: 'List strings, numbers, booleans or null in `enum`/`const` of tool inputs, or drop the keyword and say the allowed shapes in `description`: the validator compares primitive values only, and a listed value it does not enforce is refused.',
  },
  VMCP_TAG_UNSELECTABLE: {
    title: 'Tag that --tags cannot select',
    fix: 'Rename the tag (an overlay on the operation `tags` or x-mcp `tags`) to one without commas, surrounding spaces, control characters or a leading --: the server splits --tags at commas and trims each entry. Until then it cannot be selected, and the README example uses another tag.',
  },
  VMCP_PATTERN_UNSUPPORTED: {
    title: 'Regex pattern dropped',
    fix: 'Rewrite the pattern in ECMAScript regex syntax; until then it is not checked.',
  },
  VMCP_GET_BODY_IGNORED: {
    title: 'Non-JSON request body on GET, or a body on HEAD, ignored',
    fix: 'Move the fields to query parameters, or declare the GET body as application/json (it is then sent as JSON).',
  },
  VMCP_PARAMETER_UNSUPPORTED: {
    title: 'Parameter not supported',
    fix: 'Cookie parameters are not sent; describe the value as a header or query parameter if the API accepts it.',
  },
  VMCP_BODY_UNSUPPORTED: {
    title: 'Request body media type not supported',
    fix: 'Offer application/json or application/x-www-form-urlencoded for this operation.',
  },
  VMCP_OUTPUT_NOT_OURS: {
    title: 'Output folder is not a package this generator wrote',
    fix: 'Give --out a folder that is missing, empty, or a package this generator wrote (it holds .vendor-mcp-package.json). A package written before that marker existed: move it aside and generate again.',
  },
  VMCP_INPUT_INSIDE_OUTPUT: {
    title: 'Input file inside the output folder',
    fix: 'Keep --spec, --overlay and --auth-file outside the --out folder (generate replaces that folder as a whole, deleting what else it holds): move the file beside it, or pass another --out.',
  },
  VMCP_JOURNAL_REFUSED: {
    title: 'Write journal refused',
    fix: 'The journal names something this generator did not stage, so it was not obeyed. Check the folders it names; if no generate run is active, delete the journal and run generate again.',
  },
  VMCP_OUTPUT_BUSY: {
    title: 'Another generate run is writing into the same folder',
    fix: 'Wait for the other run to finish. If no generate run is active, delete the lock folder named in the message and run again.',
  },
  VMCP_WRITE_FAILED: {
    title: 'Could not write the output',
    fix: 'Make the folder named in the message (or its parent) exist and be writable, or pass another --out, then run generate again. The previous output is left as it was; a write cut short after its commit is finished by the next run.',
  },
  VMCP_LINT_NAME: {
    title: 'Tool name clients reject',
    fix: 'Clients (Claude, OpenAI, Cursor) accept ^[a-zA-Z0-9_-]{1,64}$. Shorten or rename the x-mcp `resource` or `method`.',
  },
  VMCP_LINT_ROOT_COMPOSITION: {
    title: 'Composition at a schema root',
    fix: 'Clients need a plain object root: move the anyOf/oneOf/allOf/not under a property, or merge the variants into one object with optional fields.',
  },
  VMCP_LINT_REF_LEFT: {
    title: '$ref left in a tool schema',
    fix: 'Clients do not resolve references: report this as a generator bug, or simplify the recursive schema so it can be inlined.',
  },
  VMCP_LINT_ARRAY_NO_ITEMS: {
    title: 'Array without items',
    fix: 'Give the array an `items` schema in the document (OpenAI and Gemini refuse arrays without one).',
  },
  VMCP_LINT_DESCRIPTION_MISSING: {
    title: 'Missing description',
    fix: 'Add a `description` for the tool (x-mcp) or the parameter: the model chooses and fills tools from these words.',
  },
  VMCP_LINT_ROOT_NOT_OBJECT: {
    title: 'Schema root is not an object',
    fix: 'MCP requires `type: object` at the root of inputSchema and outputSchema: wrap the value in an object property.',
  },
  VMCP_LINT_TOKEN_BUDGET: {
    title: 'Tool listing over its token budget',
    fix: 'Shorten the biggest tools (descriptions, wide variant unions), split the vendor into several packages, or raise x-mcp.tokenBudget deliberately.',
  },
  VMCP_OUTPUT_SCHEMA_COLLAPSED: {
    title: 'Output schemas coarsened to fit their budget',
    fix: "Nothing to do: results are unchanged and only the advertised shape is shallower. To list deeper shapes, raise x-mcp.outputSchemaBudget (characters of compact JSON per tool) deliberately: every tool's schema is sent in every prompt.",
  },
  VMCP_OVERLAY_INVALID: {
    title: 'Overlay document or action is not valid Overlay 1.0/1.1',
    fix: 'An overlay needs `overlay: 1.0.x|1.1.x`, `info: {title, version}` and a non-empty `actions` list; each action has a JSONPath `target` and exactly one of `update`, `remove: true` or (1.1) `copy`. See vendor-docs/README.md#curation-overlays.',
  },
  VMCP_OVERLAY_TARGET_UNMATCHED: {
    title: 'Overlay action matches nothing',
    fix: 'The spec no longer has what this action curates (a vendor rename or removal?): point `target` at the new place, delete the action, or mark a deliberate no-op with `x-mcp-optional: true`.',
  },
  VMCP_OVERLAY_CONFLICT: {
    title: 'Overlay action cannot apply to what it matched',
    fix: 'Make the value fit the node it lands on: an object merges into an object, any value is appended to an array, a scalar replaces a scalar; `copy` must select exactly one node; the root cannot be removed.',
  },
} as const satisfies Record<string, { readonly title: string; readonly fix: string }>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

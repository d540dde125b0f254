import { createHash } from 'node:crypto';
import { listFlag, parseFlags } from '../../templates/runtime/command-line.ts';
import { compareCodepoints } from './sort.ts';

/**
 * The one place that decides what generated things are called: tool names, argument names,
 * file names, identifiers and package names. Emitters never invent a name.
 */

export const TOOL_NAME_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;
export const TOOL_NAME_MAX = 64;

/** Truto-style standard methods; anything else is a custom method. */
export type StandardMethod = 'list' | 'get' | 'create' | 'update' | 'delete';
const STANDARD_METHODS: ReadonlySet<string> = new Set(['list', 'get', 'create', 'update', 'delete']);

export function isStandardMethod(method: string): method is StandardMethod {
  return STANDARD_METHODS.has(method);
}

/**
 * Snake-cased texts already seen: four regular-expression passes cost ~5 µs a text, and a large
 * spec asks for the same few hundred wire names thousands of times (GitHub 4,653 calls for 656
 * names). Emptied when full, so a spec of endless distinct names cannot grow it without bound.
 */
const snakeCases = new Map<string, string>();
const SNAKE_CASES_MAX = 50_000;

/** `eDesk` → `e_desk`, `objectKey` → `object_key`, `X-Request-ID` → `x_request_id`. */
export function snakeCase(text: string): string {
  let snake = snakeCases.get(text);
  if (snake === undefined) {
    snake = text
      .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
      .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
      .replace(/[^A-Za-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .toLowerCase();
    if (snakeCases.size >= SNAKE_CASES_MAX) snakeCases.clear();
    snakeCases.set(text, snake);
  }
  return snake;
}

export function toolName(input: { readonly vendor: string; readonly resource: string; readonly method: string }): string {
  const vendor = snakeCase(input.vendor);
  const resource = snakeCase(input.resource);
  const method = snakeCase(input.method);
  switch (method) {
    case 'list':
      return `list_all_${vendor}_${resource}`;
    case 'get':
      return `get_single_${vendor}_${resource}_by_id`;
    case 'create':
      return `create_a_${vendor}_${resource}`;
    case 'update':
      return `update_a_${vendor}_${resource}_by_id`;
    case 'delete':
      return `delete_a_${vendor}_${resource}_by_id`;
    default:
      return `${vendor}_${resource}_${method}`;
  }
}

export function isValidToolName(name: string): boolean {
  return TOOL_NAME_PATTERN.test(name);
}

/** Prompt names and their argument names follow the tool-name rule: clients show and route on them alike. */
export function isValidPromptName(name: string): boolean {
  return TOOL_NAME_PATTERN.test(name);
}

/** Names from documents nobody here wrote may run long; cut them and keep them unique with a hash. */
export function fitToolName(name: string): string {
  if (name.length <= TOOL_NAME_MAX) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, TOOL_NAME_MAX - 9).replace(/_+$/, '')}_${hash}`;
}

/** Flat tool-argument name for a wire name; `''` cannot be a useful name. */
export function argumentName(wireName: string): string {
  const name = snakeCase(wireName);
  return name === '' ? 'value' : name;
}

/** Resolves a clash between two flat arguments by naming the location. */
export function locatedArgumentName(input: { readonly location: string; readonly name: string }): string {
  return `${input.location}_${input.name}`;
}

/** The control argument every write tool takes: preview the request, send nothing (the runtime reads it by this name). */
export const DRY_RUN_ARG = 'dry_run';
const CONFIRM_REMOVED_PREFIX = 'confirm_removed_';

/** `tags` → `confirm_removed_tags`: the control argument a full-array safeguard on `tags` adds. */
export function confirmRemovedArgumentName(argument: string): string {
  return `${CONFIRM_REMOVED_PREFIX}${argument}`;
}

/**
 * Flat names a document's argument never takes plain, so it is prefixed with its location as in any
 * clash (`body_dry_run`, `query_constructor`). The generator's own control arguments (`dry_run`,
 * `confirm_removed_…`) are added beside the document's and would replace them. A name every object
 * inherits (`constructor`, the one a snake-cased name can be) breaks the built tool twice: zod reads
 * an absent key through the prototype and refuses the function it finds, and tsc types an object
 * literal's key of that name by Object's member, not the index signature (TS2322 on `http.args`).
 */
export function isReservedArgumentName(name: string): boolean {
  return name === DRY_RUN_ARG || name.startsWith(CONFIRM_REMOVED_PREFIX) || Object.hasOwn(Object.prototype, name);
}

const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for ' +
    'function if import in instanceof new null return super switch this throw true try typeof var void while with ' +
    'yield let static implements interface package private protected public await arguments eval'
  ).split(' '),
);

/** `list_all_malomo_orders` → `listAllMalomoOrders`, safe as a TypeScript identifier. */
export function identifierFor(name: string): string {
  const camel = name
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== '')
    .map((part, index) => (index === 0 ? part.toLowerCase() : part[0]!.toUpperCase() + part.slice(1).toLowerCase()))
    .join('');
  const safe = /^[0-9]/.test(camel) || camel === '' ? `tool${camel}` : camel;
  return RESERVED.has(safe) ? `${safe}Tool` : safe;
}

/**
 * Each tool's TypeScript identifier, in the order of `names`. identifierFor drops separators and case
 * (`ab1` and `ab_1` both give `…Ab1`), so a clash is numbered as tool and argument names are: the
 * first in codepoint order keeps it, later ones get `_2`, `_3`… A plain identifier holds no `_`, so a
 * numbered one never takes another tool's; the same names always give the same identifiers.
 */
export function toolIdentifiers(names: readonly string[]): string[] {
  const taken = new Set<string>();
  const byName = new Map<string, string>();
  for (const name of [...names].sort(compareCodepoints)) {
    const plain = identifierFor(name);
    let identifier = plain;
    for (let n = 2; taken.has(identifier); n += 1) identifier = `${plain}_${n}`;
    taken.add(identifier);
    byName.set(name, identifier);
  }
  return names.map((name) => byName.get(name)!);
}

/**
 * The meta-tools a server lists in discovery mode (templates/runtime/discovery-tools.ts). The model
 * sees them beside the vendor's tool names (search results, `call_tool`'s `name`), so no generated
 * tool may take one.
 */
export const DISCOVERY_TOOL_NAMES: ReadonlySet<string> = new Set(['search_tools', 'get_tool_schemas', 'call_tool']);

export function toolFileName(name: string): string {
  return `${name}.ts`;
}

export function packageNameFor(slug: string): string {
  return `@vendor-mcp/${slug}`;
}

/**
 * Official MCP Registry name (reverse DNS). `io.github.vendor-mcp` is proven by the GitHub
 * organization that also owns the `@vendor-mcp` npm scope; the registry checks `mcpName` in
 * package.json against it.
 */
export function registryNameFor(slug: string): string {
  return `io.github.vendor-mcp/${slug}`;
}

/** The container image each package's Dockerfile builds (tagged with the package version). */
export function imageNameFor(slug: string): string {
  return `vendor-mcp/${slug}`;
}

/**
 * The file every package's `bin` runs (package.json, the image's entrypoint, the `.mcpb` manifest):
 * CommonJS, so a start never sets up Node's ES module loader (`src/bin.cts`, emit/ts/entry-modules.ts).
 */
export const BIN_FILE = 'dist/bin.cjs';

export function binNameFor(slug: string): string {
  return `${slug}-mcp`;
}

/**
 * Why a name given by a person or a document cannot be used, checked in this order so the message
 * names the real trouble. These names reach folder names, npm names, environment variable names and
 * the regenerate command in every file header, so they are refused, never quietly cleaned.
 */
const NAME_HAZARDS: readonly (readonly [RegExp, string])[] = [
  [/^$/, 'is empty'],
  [/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u, 'contains a control character (a newline, tab or similar)'],
  [/[/\\]/, 'contains a path separator (/ or \\)'],
  [/^\.{1,2}$|\.\./, 'is or contains a relative path step (. or ..)'],
  [/[\s;&|$`<>(){}[\]*?!~'"#^%=,:@+]/, 'contains whitespace or a shell metacharacter'],
];

function nameProblem(input: { readonly text: string; readonly allowed: RegExp; readonly rule: string }): string | undefined {
  const hazard = NAME_HAZARDS.find(([pattern]) => pattern.test(input.text));
  if (hazard !== undefined) return hazard[1];
  return input.allowed.test(input.text) ? undefined : `is not ${input.rule}`;
}

/** Why a path given on the command line cannot be used: it is copied into every file's regenerate line. */
export function pathProblem(text: string): string | undefined {
  const [pattern, reason] = NAME_HAZARDS[1]!;
  return pattern.test(text) ? reason : undefined;
}

/** Why `text` cannot be a package slug (`--vendor`, x-mcp.package), or undefined when it can. */
export function slugProblem(text: string): string | undefined {
  return nameProblem({ text, allowed: /^[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)*$/, rule: 'letters and digits, optionally joined by single -, _ or .' });
}

/** Why `text` cannot prefix environment variable names (x-mcp.envPrefix), or undefined when it can. */
export function envPrefixProblem(text: string): string | undefined {
  return nameProblem({ text, allowed: /^[A-Z][A-Z0-9_]*$/, rule: 'upper-case letters, digits and _, starting with a letter' });
}

/**
 * Why `text` cannot name an environment variable (x-mcp.auth.env, clientCredentials.urlEnv and the
 * names under its fields), or undefined when it can. The name is printed unquoted in the README's
 * `export`, `docker run -e` and `kubectl --from-literal` lines and in deploy/kubernetes.yaml, so it
 * is the POSIX portable name or nothing: refused, never quoted or cleaned.
 */
export function envNameProblem(text: string): string | undefined {
  return nameProblem({ text, allowed: /^[A-Z_][A-Z0-9_]*$/, rule: 'upper-case letters, digits and _, not starting with a digit' });
}

/**
 * What keeps `--tags <tag>` from selecting a tag, checked in this order so the message names the
 * real trouble; each mirrors how the server reads the flag (templates/runtime/command-line.ts).
 */
const TAG_HAZARDS: readonly (readonly [RegExp, string])[] = [
  [/^\s*$/, 'is empty'],
  [/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u, 'contains a control character (a newline, tab or similar)'],
  [/,/, 'contains a comma, which --tags reads as a list separator'],
  [/^\s|\s$/, 'begins or ends with whitespace, which --tags trims'],
  [/^--/, 'begins with --, which the command line reads as a flag'],
];

/**
 * Why `--tags <tag>` cannot select a document's tag, or undefined when it can. Beyond the hazards,
 * the server's own parser must read the flag back as exactly this tag, so the two cannot drift.
 */
export function tagProblem(tag: string): string | undefined {
  const hazard = TAG_HAZARDS.find(([pattern]) => pattern.test(tag));
  if (hazard !== undefined) return hazard[1];
  const flags = parseFlags({ argv: ['--tags', tag], flags: { '--tags': 'value' } });
  const read = 'error' in flags ? flags : listFlag({ flags, flag: '--tags' });
  return Array.isArray(read) && read.length === 1 && read[0] === tag ? undefined : 'is not read back by --tags as written';
}

/** Folder and npm slug: lower-case letters, digits and dashes. */
export function packageSlug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

export function envPrefixFor(slug: string): string {
  return slug.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
}

export function baseUrlEnvName(envPrefix: string): string {
  return `${envPrefix}_BASE_URL`;
}

/** `pets` → `pet`; good enough for resource names derived from plain OpenAPI paths. */
export function singular(word: string): string {
  if (/ies$/.test(word)) return word.replace(/ies$/, 'y');
  if (/(ss|us|is)$/.test(word)) return word;
  if (/(x|ch|sh|ss)es$/.test(word)) return word.replace(/es$/, '');
  return word.replace(/s$/, '');
}

/** A title for humans from a tool name when the document gives none. */
export function titleFromName(name: string): string {
  const words = name.split('_').filter((w) => w !== '');
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Why a variant family's name cannot name its module, or undefined. The module file is the
 * snake-cased name, so a name of symbols alone would make `.ts`, and the tool-name cap keeps
 * `src/variants/<name>.ts` far below the 255 bytes a file name may take (snakeCase gives ASCII).
 */
export function variantFamilyNameProblem(family: string): string | undefined {
  const name = snakeCase(family);
  if (name === '') return 'has no letter or digit, so it names no file';
  return name.length > TOOL_NAME_MAX ? `is ${name.length} characters snake-cased, over the ${TOOL_NAME_MAX} a file and tool name may take` : undefined;
}

/** `objectKey` → `object_key.ts`, holding that family's per-variant schemas. */
export function variantModuleName(family: string): string {
  return `${snakeCase(family)}.ts`;
}

/** `objectKey` → `objectKeySchemaTool`: the family's schema tool, shared by every generic tool. */
export function variantSchemaToolIdentifier(family: string): string {
  return `${identifierFor(snakeCase(family))}SchemaTool`;
}

/** Rose Rocket's `objectKey` → `roserocket_object_key_schema`: the tool that returns one value's shape. */
export function variantSchemaToolName(input: { readonly vendor: string; readonly family: string }): string {
  return fitToolName(`${snakeCase(input.vendor)}_${snakeCase(input.family)}_schema`);
}

/** `src/tools/shared-schemas.ts`: the schema pieces several tools repeat (generator/plan/shared-schemas.ts). */
export const SHARED_SCHEMAS_MODULE = 'shared-schemas.ts';

/** A shared schema piece is named by its content (the start of its SHA-256), so a name changes only with the piece. */
export function sharedSchemaIdentifier(digestHex: string): string {
  return `schema_${digestHex.slice(0, 12)}`;
}

/** `objectKey` → `objectKeyVariants`. */
export function variantsIdentifier(family: string): string {
  return `${identifierFor(snakeCase(family))}Variants`;
}

/** `order` → `orders`, `address` → `addresses`, `company` → `companies`. */
export function plural(word: string): string {
  if (/[^aeiou]y$/.test(word)) return word.replace(/y$/, 'ies');
  if (/(s|x|z|ch|sh)$/.test(word)) return `${word}es`;
  return `${word}s`;
}

/**
 * Split mode names a per-variant tool by putting the variant where the generic resource said
 * "object(s)": `object` → `order`, `objects` → `orders`, `objects_external` → `order_external`.
 */
export function splitResource(input: { readonly resource: string; readonly variant: string }): string {
  const variant = snakeCase(input.variant);
  const [head, ...rest] = snakeCase(input.resource).split('_');
  // A plural resource alone (`objects`, `items`) names the variant in the plural too.
  const replaced = head!.endsWith('s') && rest.length === 0 ? plural(variant) : variant;
  return [replaced, ...rest].join('_');
}

/** The two arguments every paged list tool takes, whatever the vendor calls its paging parameters. */
export const PAGING_LIMIT_ARG = 'limit';
export const PAGING_CURSOR_ARG = 'cursor';

import { joinPointer } from '../../shared/json-pointer.ts';
import { baseUrlEnvName, binNameFor, envNameProblem, envPrefixFor, envPrefixProblem, packageNameFor, packageSlug, slugProblem } from '../naming.ts';
import type { AuthIR, LimitIR, SourceRef, VendorIR } from '../types.ts';
import { isRecord, report, type BuildContext } from './build-context.ts';
import { readIcons, readPrompts } from './prompt-settings.ts';
import { checkedName, readClientCredentials, readErrorEnvelope } from './vendor-runtime-settings.ts';

/**
 * What the command line says about a plain OpenAPI file that has no root x-mcp. `auth` is an auth
 * file (`--auth-file`): security schemes to add and an `x-mcp.auth` block, for a spec that declares
 * none (Rose Rocket's published one), so the spec itself stays as published.
 */
export type PlainVendorOptions = { readonly slug: string; readonly auth?: PlainAuthFile; readonly listing?: VendorIR['listing'] };

export type PlainAuthFile = { readonly file: string; readonly securitySchemes?: unknown; readonly auth?: unknown };

function serverUrl(root: Record<string, unknown>): string | undefined {
  const servers = root['servers'];
  const first = Array.isArray(servers) ? servers[0] : undefined;
  if (!isRecord(first) || typeof first['url'] !== 'string') return undefined;
  const variables = isRecord(first['variables']) ? first['variables'] : {};
  return first['url'].replace(/\{([^}]+)\}/g, (match, name: string) => {
    const variable = variables[name];
    return isRecord(variable) && variable['default'] !== undefined ? String(variable['default']) : match;
  });
}

/**
 * Why the default base URL cannot go into a package, or `undefined`. A relative URL is left to the
 * run-time check (the base URL can be set by env); credentials would be published in the README,
 * server.json and the start-up log, and a non-HTTP scheme can never be called.
 */
export function serverUrlProblem(url: string): string | undefined {
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(url)) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `servers[0].url ${JSON.stringify(url)} is not a valid URL`;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return `servers[0].url uses ${JSON.stringify(parsed.protocol)}; only http and https can be called`;
  if (parsed.username !== '' || parsed.password !== '') return 'servers[0].url holds a user name or password, which the package would publish in its README, server.json and start-up log';
  return undefined;
}

/** The default base URL, or `undefined` (each problem reported) when it is missing or unsafe. */
function checkedServerUrl(input: { readonly context: BuildContext; readonly root: Record<string, unknown> }): string | undefined {
  const url = serverUrl(input.root);
  const problem = url === undefined ? undefined : serverUrlProblem(url);
  if (problem === undefined) return url;
  report({ context: input.context, code: 'VMCP_SERVER_URL_UNSAFE', pointer: '/servers/0/url', message: problem });
  return undefined;
}

function authFromScheme(input: { readonly context: BuildContext; readonly schemeName: string; readonly env: string; readonly at: string }): AuthIR | undefined {
  const { context, schemeName, env, at } = input;
  const root = context.root as Record<string, unknown>;
  const schemes = isRecord(root['components']) && isRecord(root['components']['securitySchemes']) ? root['components']['securitySchemes'] : {};
  const scheme = schemes[schemeName];
  const source: SourceRef = { file: context.file, pointer: joinPointer('', 'components', 'securitySchemes', schemeName) };
  if (!isRecord(scheme)) {
    report({ context, code: 'VMCP_VENDOR_SETTING_MISSING', pointer: at, message: `auth.scheme ${JSON.stringify(schemeName)} is not in components.securitySchemes` });
    return undefined;
  }
  const type = scheme['type'];
  if (type === 'http' && String(scheme['scheme']).toLowerCase() === 'basic') return { kind: 'basic', env, source };
  if (type === 'http' || type === 'oauth2' || type === 'openIdConnect') return { kind: 'bearer', env, source };
  if (type === 'apiKey' && (scheme['in'] === 'header' || scheme['in'] === 'query') && typeof scheme['name'] === 'string') {
    return { kind: 'api-key', in: scheme['in'], name: scheme['name'], env, source };
  }
  report({ context, code: 'VMCP_VENDOR_SETTING_MISSING', pointer: source.pointer, message: `security scheme ${JSON.stringify(schemeName)} of type ${String(type)} is not supported` });
  return undefined;
}

/** `block` names where the setting lives in the message (`x-mcp`, `x-mcp.auth`). */
function stringSetting(input: { readonly context: BuildContext; readonly settings: Record<string, unknown>; readonly key: string; readonly at: string; readonly block: string }): string | undefined {
  const value = input.settings[input.key];
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  report({ context: input.context, code: 'VMCP_VENDOR_SETTING_MISSING', pointer: input.at, message: `${input.block}.${input.key} is required` });
  return undefined;
}

/** A root setting that becomes a name (package slug, env prefix): refused, not cleaned, when the naming module says so. */
function nameSetting(input: { readonly context: BuildContext; readonly value: string | undefined; readonly key: string; readonly at: string; readonly problem: (text: string) => string | undefined }): string | undefined {
  if (input.value === undefined) return undefined;
  return checkedName({ context: input.context, value: input.value, setting: `x-mcp.${input.key}`, at: joinPointer(input.at, input.key), problem: input.problem });
}

const LISTINGS: readonly VendorIR['listing'][] = ['lean', 'full'];

function listingSetting(input: { readonly context: BuildContext; readonly settings: Record<string, unknown>; readonly at: string }): VendorIR['listing'] {
  const value = input.settings['listing'];
  if (value === undefined) return 'lean';
  if (LISTINGS.includes(value as VendorIR['listing'])) return value as VendorIR['listing'];
  report({ context: input.context, code: 'VMCP_MCP_EXTENSION_INVALID', pointer: joinPointer(input.at, 'listing'), message: `x-mcp.listing is lean (the default) or full, not ${JSON.stringify(value)}` });
  return 'lean';
}

/** A positive whole-number limit from the root x-mcp (`tokenBudget`, `outputSchemaBudget`). */
function limitSetting(input: { readonly context: BuildContext; readonly settings: Record<string, unknown>; readonly at: string; readonly key: string; readonly unit: string }): LimitIR | undefined {
  const value = input.settings[input.key];
  if (value === undefined) return undefined;
  const pointer = joinPointer(input.at, input.key);
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) return { limit: value, source: { file: input.context.file, pointer } };
  report({ context: input.context, code: 'VMCP_MCP_EXTENSION_INVALID', pointer, message: `x-mcp.${input.key} must be a positive integer (${input.unit}), not ${JSON.stringify(value)}` });
  return undefined;
}

function headersOf(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

function infoText(root: Record<string, unknown>, key: string): string {
  const info = isRecord(root['info']) ? root['info'] : {};
  return typeof info[key] === 'string' ? info[key].trim() : '';
}

/** The first line of info.description, trimmed: the rest of a long description is for readers of the doc. */
function summaryOf(root: Record<string, unknown>): string {
  return (infoText(root, 'description').split('\n')[0] ?? '').trim();
}

function vendorIR(input: Omit<VendorIR, 'kind' | 'packageName' | 'binName' | 'baseUrlEnv'>): VendorIR {
  return { kind: 'vendor', ...input, packageName: packageNameFor(input.slug), binName: binNameFor(input.slug), baseUrlEnv: baseUrlEnvName(input.envPrefix) };
}

/** `releaseNotes: {"2.0.0": "why, in plain words"}`: keyed by version, so a note never outlives its release. */
function readReleaseNotes(input: { readonly context: BuildContext; readonly value: unknown; readonly at: string }): Record<string, string> | undefined {
  if (input.value === undefined) return undefined;
  const entries = isRecord(input.value) ? Object.entries(input.value) : [];
  if (!isRecord(input.value) || entries.some(([version, note]) => !/^\d+\.\d+\.\d+$/.test(version) || typeof note !== 'string' || note.trim() === '')) {
    report({ context: input.context, code: 'VMCP_MCP_EXTENSION_INVALID', pointer: input.at, message: 'x-mcp.releaseNotes maps a version (1.2.3) to a non-empty sentence saying why it changed' });
    return undefined;
  }
  return Object.fromEntries(entries.map(([version, note]) => [version, String(note).trim()]));
}

/** An `x-mcp.auth` block (scheme, env, optional clientCredentials) → the auth the server uses. */
function readAuthBlock(input: { readonly context: BuildContext; readonly value: unknown; readonly at: string }): AuthIR | undefined {
  const { context, at } = input;
  const authSettings = isRecord(input.value) ? input.value : undefined;
  if (authSettings === undefined) {
    report({ context, code: 'VMCP_VENDOR_SETTING_MISSING', pointer: at, message: 'x-mcp.auth is required (scheme and env)' });
    return undefined;
  }
  const schemeName = stringSetting({ context, settings: authSettings, key: 'scheme', at, block: 'x-mcp.auth' });
  const rawEnv = stringSetting({ context, settings: authSettings, key: 'env', at, block: 'x-mcp.auth' });
  const env = rawEnv === undefined ? undefined : checkedName({ context, value: rawEnv, setting: 'x-mcp.auth.env', at: joinPointer(at, 'env'), problem: envNameProblem });
  const scheme = schemeName && env ? authFromScheme({ context, schemeName, env, at: joinPointer(at, 'scheme') }) : undefined;
  const grant = readClientCredentials({ context, value: authSettings['clientCredentials'], at: joinPointer(at, 'clientCredentials') });
  return scheme?.kind === 'bearer' && grant !== undefined ? { ...scheme, clientCredentials: grant } : scheme;
}

/** Vendor settings from the root `x-mcp` block; every missing setting is its own diagnostic. */
export function documentedVendor(context: BuildContext): VendorIR | undefined {
  const root = context.root as Record<string, unknown>;
  const settings = root['x-mcp'];
  const at = '/x-mcp';
  // `x-mcp: null` (or a list, or text) is present, so the doc is curated, but holds no setting to read.
  if (!isRecord(settings)) {
    report({ context, code: 'VMCP_MCP_EXTENSION_INVALID', pointer: at, message: `The root x-mcp block must be a mapping of vendor settings (vendor, package, title, envPrefix, auth), found ${settings === null ? 'null' : Array.isArray(settings) ? 'a list' : `a ${typeof settings}`}` });
    return undefined;
  }
  const read = (key: string) => stringSetting({ context, settings, key, at: settings[key] === undefined ? at : joinPointer(at, key), block: 'x-mcp' });
  const [vendorName, rawSlug, title, rawPrefix] = [read('vendor'), read('package'), read('title'), read('envPrefix')];
  const slug = nameSetting({ context, value: rawSlug, key: 'package', at, problem: slugProblem });
  const envPrefix = nameSetting({ context, value: rawPrefix, key: 'envPrefix', at, problem: envPrefixProblem });
  const auth = readAuthBlock({ context, value: settings['auth'], at: joinPointer(at, 'auth') });
  const errors = readErrorEnvelope(context);
  const tokenBudget = limitSetting({ context, settings, at, key: 'tokenBudget', unit: 'model-visible tokens (o200k_base)' });
  const outputSchemaBudget = limitSetting({ context, settings, at, key: 'outputSchemaBudget', unit: 'characters of compact JSON' });
  const releaseNotes = readReleaseNotes({ context, value: settings['releaseNotes'], at: joinPointer(at, 'releaseNotes') });
  const prompts = readPrompts(context);
  const icons = readIcons({ context, value: settings['icons'], at: joinPointer(at, 'icons') });
  const baseUrl = checkedServerUrl({ context, root });
  if (serverUrl(root) === undefined) report({ context, code: 'VMCP_VENDOR_SETTING_MISSING', pointer: '', message: 'servers[0].url is required: it is the default base URL' });
  if (!vendorName || !slug || !title || !envPrefix || !auth || baseUrl === undefined) return undefined;
  return vendorIR({
    vendorName, slug: packageSlug(slug), title, envPrefix, baseUrl, auth,
    description: summaryOf(root),
    headers: headersOf(settings['headers']),
    listing: listingSetting({ context, settings, at }),
    ...(errors !== undefined ? { errors } : {}),
    ...(tokenBudget !== undefined ? { tokenBudget } : {}),
    ...(outputSchemaBudget !== undefined ? { outputSchemaBudget } : {}),
    ...(releaseNotes !== undefined ? { releaseNotes } : {}),
    ...(prompts !== undefined && prompts.length > 0 ? { prompts } : {}),
    ...(icons !== undefined ? { icons } : {}),
    source: { file: context.file, pointer: at },
  });
}

function plainAuth(input: { readonly context: BuildContext; readonly envPrefix: string; readonly file?: PlainAuthFile }): AuthIR {
  if (input.file !== undefined) return authFromFile({ context: input.context, file: input.file }) ?? { kind: 'none', source: { file: input.file.file, pointer: '' } };
  const root = input.context.root as Record<string, unknown>;
  const security = Array.isArray(root['security']) ? root['security'] : [];
  const firstScheme = security.flatMap((requirement) => (isRecord(requirement) ? Object.keys(requirement) : []))[0];
  const none: AuthIR = { kind: 'none', source: { file: input.context.file, pointer: '' } };
  const auth = firstScheme === undefined ? none : (authFromScheme({ context: input.context, schemeName: firstScheme, env: `${input.envPrefix}_TOKEN`, at: '/security' }) ?? none);
  // A server that silently sends no credentials fails at the vendor with a 401 nobody predicted.
  if (auth.kind === 'none') {
    report({ context: input.context, code: 'VMCP_PLAIN_SPEC_NO_AUTH', severity: 'warning', pointer: '', message: 'the document declares no security scheme, so the generated server sends no credentials' });
  }
  return auth;
}

/** The auth file's schemes are read as if they were in the document's components; the document is not changed. */
function authFromFile(input: { readonly context: BuildContext; readonly file: PlainAuthFile }): AuthIR | undefined {
  const root = input.context.root as Record<string, unknown>;
  const components = isRecord(root['components']) ? root['components'] : {};
  const documented = isRecord(components['securitySchemes']) ? components['securitySchemes'] : {};
  const added = isRecord(input.file.securitySchemes) ? input.file.securitySchemes : {};
  const merged = { ...root, components: { ...components, securitySchemes: { ...documented, ...added } } };
  return readAuthBlock({ context: { ...input.context, file: input.file.file, root: merged, locate: () => undefined }, value: input.file.auth, at: '/auth' });
}

/** Settings for a plain OpenAPI file: the slug comes from the command line, the rest from the document. */
export function plainVendor(input: { readonly context: BuildContext; readonly options: PlainVendorOptions }): VendorIR {
  const root = input.context.root as Record<string, unknown>;
  const slug = packageSlug(input.options.slug);
  const envPrefix = envPrefixFor(slug);
  return vendorIR({
    vendorName: slug,
    slug,
    title: infoText(root, 'title') || slug,
    description: summaryOf(root),
    envPrefix,
    baseUrl: checkedServerUrl({ context: input.context, root }) ?? '',
    auth: plainAuth({ context: input.context, envPrefix, ...(input.options.auth ? { file: input.options.auth } : {}) }),
    headers: {},
    listing: input.options.listing ?? 'lean',
    source: { file: input.context.file, pointer: '' },
  });
}

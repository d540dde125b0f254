import { stringify } from 'yaml';
import { classifyOperation, type Classification } from '../ir/from-openapi/classify-operation.ts';
import { methodClassFor } from '../ir/from-openapi/annotations.ts';
import { envPrefixFor, packageSlug, snakeCase, toolName } from '../ir/naming.ts';
import type { HttpMethod, MethodClass } from '../ir/types.ts';
import { proposePaging } from './paging-proposal.ts';
import { isRecord } from '../shared/is-record.ts';

/** One operation's proposal, as `init` writes it and the before/after table reads it. */
export type Proposal = { readonly httpMethod: HttpMethod; readonly path: string; readonly operationId?: string; readonly name: string; readonly methodClass: MethodClass; readonly classification: Classification; readonly tags: readonly string[]; readonly pagination?: string };

const HTTP_METHODS: readonly HttpMethod[] = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH'];

/** `$.paths['/a/{b}'].get`: RFC 9535 bracket notation, so any path is a valid target. */
export function operationTarget(input: { readonly path: string; readonly httpMethod: HttpMethod }): string {
  return `$.paths['${input.path.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'].${input.httpMethod.toLowerCase()}`;
}

/** Every operation of the spec with its proposed name, class, tags and paging, in document order. */
export function proposeOperations(input: { readonly root: Record<string, unknown>; readonly slug: string }): { proposals: Proposal[]; strategies: Record<string, Record<string, unknown>> } {
  const paths = isRecord(input.root['paths']) ? input.root['paths'] : {};
  const proposals: Proposal[] = [];
  const strategies: Record<string, Record<string, unknown>> = {};
  for (const [path, pathItem] of Object.entries(paths)) {
    if (!isRecord(pathItem)) continue;
    for (const httpMethod of HTTP_METHODS) {
      const operation = pathItem[httpMethod.toLowerCase()];
      if (!isRecord(operation)) continue;
      const classification = classifyOperation({ path, httpMethod, operation, root: input.root });
      const methodClass = classification.methodClass ?? methodClassFor(classification.method);
      const paging = methodClass === 'read' ? proposePaging({ root: input.root, pathItem, operation, collection: snakeCase(path.split('/').filter((seg) => seg !== '' && !seg.includes('{')).at(-1) ?? '') }) : undefined;
      if (paging) strategies[paging.name] = paging.strategy;
      proposals.push({
        httpMethod, path, classification, methodClass,
        name: toolName({ vendor: input.slug, resource: classification.resource, method: classification.method }),
        tags: Array.isArray(operation['tags']) ? operation['tags'].filter((t): t is string => typeof t === 'string') : [],
        ...(typeof operation['operationId'] === 'string' ? { operationId: operation['operationId'] } : {}),
        ...(paging ? { pagination: paging.name } : {}),
      });
    }
  }
  return { proposals, strategies };
}

function vendorAction(input: { readonly root: Record<string, unknown>; readonly slug: string; readonly strategies: Record<string, Record<string, unknown>> }) {
  const info = isRecord(input.root['info']) ? input.root['info'] : {};
  const components = isRecord(input.root['components']) ? input.root['components'] : {};
  const scheme = Object.keys(isRecord(components['securitySchemes']) ? components['securitySchemes'] : {})[0];
  const envPrefix = envPrefixFor(input.slug);
  const settings = {
    vendor: input.slug,
    package: input.slug,
    title: typeof info['title'] === 'string' ? info['title'] : input.slug,
    envPrefix,
    ...(scheme !== undefined ? { auth: { scheme, env: `${envPrefix}_TOKEN` } } : {}),
    ...(Object.keys(input.strategies).length > 0 ? { pagination: input.strategies } : {}),
  };
  return { target: '$', description: 'Vendor settings (review auth: the first security scheme was picked).', update: { 'x-mcp': settings } };
}

function operationAction(proposal: Proposal) {
  const { classification: c } = proposal;
  return {
    target: operationTarget(proposal),
    description: `${proposal.httpMethod} ${proposal.path} → ${proposal.name} (${proposal.methodClass})`,
    update: {
      'x-mcp': {
        resource: c.resource,
        method: c.method,
        class: proposal.methodClass,
        ...(c.classReason !== undefined ? { classReason: c.classReason } : {}),
        ...(c.destructive ? { annotations: { destructiveHint: true } } : {}),
        ...(proposal.tags.length > 0 ? { tags: proposal.tags } : {}),
        ...(proposal.pagination !== undefined ? { pagination: proposal.pagination } : {}),
        // Empty on purpose: an operation without a description is left out of the package, so no
        // tool ships with words nobody wrote for a model.
        description: '',
      },
    },
  };
}

/** The starter overlay's text: Overlay 1.1, vendor settings (unless the spec has them), one action per operation. */
export function initOverlayText(input: { readonly root: Record<string, unknown>; readonly slug: string; readonly specFile: string }): { text: string; proposals: Proposal[] } {
  const slug = packageSlug(input.slug);
  const { proposals, strategies } = proposeOperations({ root: input.root, slug });
  const actions = [...(isRecord(input.root['x-mcp']) ? [] : [vendorAction({ root: input.root, slug, strategies })]), ...proposals.map(operationAction)];
  const overlay = { overlay: '1.1.0', info: { title: `${slug} curation (starter written by init from ${input.specFile})`, version: '0.1.0' }, actions };
  const header = [
    `# Starter curation for ${input.specFile}, written by \`npm run generate -- init\`.`,
    '# Review every proposed name, class and tag. Each description is empty on purpose: an operation',
    '# stays out of the package until someone writes what a model needs to know about it.',
    '',
  ].join('\n');
  return { text: `${header}${stringify(overlay, { lineWidth: 0 })}`, proposals };
}

/**
 * Streams every spec out of the corpus tarball (nothing is extracted) and lists the specs that use
 * schema constructs the generator may mishandle, so a corpus run can target them:
 *
 *   npx tsx scripts/corpus/scan-constructs.ts            # counts and up to 8 specs per construct
 *   npx tsx scripts/corpus/scan-constructs.ts --all      # every spec per construct
 */
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { createGunzip } from 'node:zlib';
import { corpusPaths, listCorpusSpecs } from './corpus-archive.ts';

type Finding = { readonly construct: string; readonly pointer: string };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const escape = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** Schema-shaped nodes only: a node with a schema keyword, found anywhere in the document. */
function walk(input: { readonly node: unknown; readonly pointer: string; readonly found: Finding[] }): void {
  const { node, pointer, found } = input;
  if (Array.isArray(node)) {
    node.forEach((item, index) => walk({ node: item, pointer: `${pointer}/${index}`, found }));
    return;
  }
  if (!isRecord(node)) return;
  const add = (construct: string) => found.push({ construct, pointer });
  const structured = (value: unknown) => typeof value === 'object' && value !== null;
  if (Array.isArray(node['enum'])) {
    if (node['enum'].length === 0) add('empty enum');
    if (node['enum'].some(structured)) add('enum with object/array values');
    if (node['enum'].some((v) => typeof v === 'number') && node['enum'].some((v) => typeof v === 'string')) add('enum mixing numbers and strings');
    if (node['nullable'] === true && !node['enum'].includes(null)) add('nullable enum without null');
  }
  if ('const' in node && structured(node['const'])) add('const with object/array value');
  if (isRecord(node['properties'])) {
    for (const name of Object.keys(node['properties'])) if (['__proto__', 'constructor', 'prototype', 'toString'].includes(name)) add(`property named ${name}`);
    if (Object.keys(node['properties']).some((name) => name === '')) add('property named ""');
  }
  if (Array.isArray(node['items'])) add('items as an array (tuple)');
  if (Array.isArray(node['type'])) add('type as an array');
  if (typeof node['type'] === 'string' && !['string', 'number', 'integer', 'boolean', 'array', 'object', 'null'].includes(node['type'])) add(`type "${node['type']}"`);
  for (const key of ['minimum', 'maximum', 'minLength', 'maxLength', 'minItems', 'maxItems', 'multipleOf']) {
    const value = node[key];
    if (typeof value === 'number' && !Number.isFinite(value)) add(`non-finite ${key}`);
    if (typeof value === 'string') add(`${key} as a string`);
  }
  if (node['in'] === 'cookie' && typeof node['name'] === 'string') add('cookie parameter');
  if (node['type'] === 'apiKey' && node['in'] === 'cookie') add('apiKey security scheme in cookie');
  if (node['type'] === 'mutualTLS') add('mutualTLS security scheme');
  for (const [key, value] of Object.entries(node)) {
    // Examples are data, not schemas.
    if (key === 'example' || key === 'examples' || key.startsWith('x-')) continue;
    walk({ node: value, pointer: `${pointer}/${escape(key)}`, found });
  }
}

function documentFindings(root: Record<string, unknown>): Finding[] {
  const found: Finding[] = [];
  walk({ node: root, pointer: '', found });
  if (typeof root['openapi'] === 'string' && root['openapi'].startsWith('3.1')) found.push({ construct: 'OpenAPI 3.1', pointer: '/openapi' });
  if (!Array.isArray(root['servers']) || root['servers'].length === 0) found.push({ construct: 'no servers', pointer: '' });
  return found;
}

/** A minimal ustar reader: 512-byte headers, size in octal, data padded to 512. */
async function* tarEntries(file: string): AsyncGenerator<{ name: string; type: string; data: Buffer }> {
  let buffer = Buffer.alloc(0);
  for await (const chunk of createReadStream(file).pipe(createGunzip())) {
    buffer = Buffer.concat([buffer, chunk as Buffer]);
    while (buffer.length >= 512) {
      const header = buffer.subarray(0, 512);
      if (header.every((byte) => byte === 0)) return;
      const size = parseInt(header.subarray(124, 136).toString('ascii').replace(/\0.*$/, '').trim() || '0', 8);
      const total = 512 + Math.ceil(size / 512) * 512;
      if (buffer.length < total) break;
      const name = `${header.subarray(345, 500).toString('utf8').replace(/\0.*$/s, '')}${header.subarray(345, 346)[0] ? '/' : ''}${header.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '')}`;
      yield { name, type: String.fromCharCode(header[156] ?? 0), data: buffer.subarray(512, 512 + size) };
      buffer = buffer.subarray(total);
    }
  }
}

async function main(): Promise<void> {
  const all = process.argv.includes('--all');
  const paths = corpusPaths(path.resolve(import.meta.dirname, '..', '..', '.cache', 'corpus'));
  listCorpusSpecs(paths);
  const bySpec = new Map<string, Map<string, string>>();
  for await (const entry of tarEntries(paths.tarball)) {
    if (!['0', '\0'].includes(entry.type) || !entry.name.startsWith('package/api/') || !entry.name.endsWith('.json')) continue;
    const spec = entry.name.slice('package/api/'.length);
    const findings = documentFindings(JSON.parse(entry.data.toString('utf8')) as Record<string, unknown>);
    for (const finding of findings) {
      const constructs = bySpec.get(finding.construct) ?? new Map<string, string>();
      if (!constructs.has(spec)) constructs.set(spec, finding.pointer);
      bySpec.set(finding.construct, constructs);
    }
  }
  for (const [construct, specs] of [...bySpec.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
    process.stdout.write(`${construct}: ${specs.size} spec(s)\n`);
    for (const [spec, pointer] of [...specs.entries()].slice(0, all ? undefined : 8)) process.stdout.write(`  ${spec} #${pointer}\n`);
  }
}

await main();

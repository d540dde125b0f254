import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { readFileSync } from 'node:fs';
for (const v of ['roserocket','edesk','malomo']) {
const tools = JSON.parse(readFileSync(`generated/${v}/tools.json`, 'utf8')).tools;
const first = new Map<string, string>();
let saved = 0;
const order = [...tools].sort((a: any, b: any) => (a.name.startsWith('create') ? 0 : 1) - (b.name.startsWith('create') ? 0 : 1) || (a.name < b.name ? -1 : 1));
for (const t of order) for (const [k, s] of Object.entries<any>(t.inputSchema.properties)) {
  const key = `${k}=${JSON.stringify(s)}`;
  const owner = first.get(key);
  if (owner === undefined) { first.set(key, t.name); continue; }
  const ref = { type: s.type, description: `${s.description ?? ''} Shape as in ${owner}.` };
  const d = countTokens(JSON.stringify(s)) - countTokens(JSON.stringify(ref));
  if (d > 10) { saved += d; console.log(v, t.name, k, d, '<-', owner); }
}
console.log(v, 'saved', saved);
}

import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { readFileSync } from 'node:fs';
const v = process.argv[2] ?? 'edesk';
const tools = JSON.parse(readFileSync(`generated/${v}/tools.json`, 'utf8')).tools;
const vis = (t: any) => countTokens(JSON.stringify({ name: t.name, title: t.title, description: t.description, inputSchema: t.inputSchema }));
const base = tools.reduce((n: number, t: any) => n + vis(t), 0);
const strip = (s: any) => { const { description: _d, ...r } = s; return JSON.stringify(r); };
// shared across tools
const first = new Map<string, string>();
const order = [...tools].sort((a: any, b: any) => (a.name < b.name ? -1 : 1));
const out = order.map((t: any) => {
  const props: any = {};
  const seenSib = new Map<string, string>();
  for (const [k, s] of Object.entries<any>(t.inputSchema.properties)) {
    const key = `${k}=${JSON.stringify(s)}`;
    const owner = first.get(key);
    const sib = seenSib.get(strip(s));
    let r = s;
    if (owner === undefined) first.set(key, t.name);
    const cand = owner !== undefined ? { type: s.type, description: `${s.description ?? ''} Shape as in ${owner}.` } : sib !== undefined ? { type: s.type, description: `${s.description ?? ''} Same fields as ${sib}.` } : undefined;
    if (cand && countTokens(JSON.stringify(s)) - countTokens(JSON.stringify(cand)) > 10) r = cand;
    if (typeof s === 'object' && (s.properties || s.items || s.enum)) seenSib.set(strip(s), k);
    props[k] = r;
  }
  return { ...t, inputSchema: { ...t.inputSchema, properties: props } };
});
const after = out.reduce((n: number, t: any) => n + vis(t), 0);
const noAP = out.reduce((n: number, t: any) => { const { additionalProperties: _a, ...s } = t.inputSchema; return n + vis({ ...t, inputSchema: s }); }, 0);
console.log(v, { base, shared: after, minusRootAdditionalProperties: noAP });

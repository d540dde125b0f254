import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { readFileSync } from 'node:fs';
const strip = (keys: string[]) => (v: any, top = true): any => {
  if (Array.isArray(v)) return v.map((x) => strip(keys)(x, false));
  if (typeof v !== 'object' || v === null) return v;
  return Object.fromEntries(Object.entries(v).filter(([k]) => !keys.includes(k)).map(([k, x]) => [k, (k === 'properties' ? Object.fromEntries(Object.entries(x as any).map(([p, s]) => [p, strip(keys)(s, false)])) : (k==='enum'||k==='examples'||k==='required')? x : strip(keys)(x, false))]));
};
const count = (tools: any[], f = (s: any) => s, descf = (d: any) => d) => tools.reduce((n, t) => n + countTokens(JSON.stringify({ name: t.name, title: t.title, description: descf(t.description), inputSchema: f(t.inputSchema) })), 0);
for (const v of ['/tmp/i19/out-twilio-events', '/tmp/i19/out-digitalocean']) {
  const tools = JSON.parse(readFileSync(`${v}/tools.json`, 'utf8')).tools;
  const base = count(tools);
  const r: Record<string, number> = { base };
  for (const k of ['description', 'format', 'additionalProperties', 'enum', 'examples', 'title', 'default', 'minimum', 'maximum', 'pattern', 'minLength', 'maxLength', 'required']) r[k] = count(tools, strip([k])) - base;
  r.toolDesc = count(tools, (s) => s, () => undefined) - base;
  r.noTitle = tools.reduce((n: number, t: any) => n + countTokens(JSON.stringify({ name: t.name, description: t.description, inputSchema: t.inputSchema })), 0) - base;
  console.log(v, JSON.stringify(r));
}

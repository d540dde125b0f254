import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { readFileSync } from 'node:fs';
for (const v of ['roserocket','edesk','malomo']) {
const tools = JSON.parse(readFileSync(`generated/${v}/tools.json`, 'utf8')).tools;
let saved = 0; const seen: string[] = [];
const walk = (s: any) => { if (Array.isArray(s)) return s.forEach(walk); if (typeof s !== 'object' || s === null) return;
  if (s.type === 'array' && typeof s.description === 'string' && s.items && typeof s.items.description === 'string') { saved += countTokens(JSON.stringify({description: s.items.description})) - 1; seen.push(`${s.description} | ${s.items.description}`); }
  for (const x of Object.values(s)) walk(x); };
for (const t of tools) walk(t.inputSchema);
console.log(v, saved); for (const x of [...new Set(seen)]) console.log('   ', x);
}

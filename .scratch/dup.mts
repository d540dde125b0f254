import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { readFileSync } from 'node:fs';
const v = process.argv[2];
const tools = JSON.parse(readFileSync(`generated/${v}/tools.json`, 'utf8')).tools;
const m = new Map<string, string[]>();
for (const t of tools) for (const [k, s] of Object.entries(t.inputSchema.properties ?? {})) { const key = `${k}=${JSON.stringify(s)}`; m.set(key, [...(m.get(key) ?? []), t.name]); }
let total = 0;
for (const [k, where] of [...m].sort((a, b) => countTokens(b[0]) * (b[1].length - 1) - countTokens(a[0]) * (a[1].length - 1))) { if (where.length < 2) continue; const c = countTokens(k) * (where.length - 1); total += c; if (c > 30) console.log(c, where.length, k.slice(0, 50), where.join(' ')); }
console.log('total repeated', total);

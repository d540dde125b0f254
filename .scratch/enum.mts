import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { readFileSync } from 'node:fs';
const v = process.argv[2];
const tools = JSON.parse(readFileSync(`generated/${v}/tools.json`, 'utf8')).tools;
const freq = new Map<string, [number, string[]]>();
const walk = (s: any, tool: string, path: string) => { if (Array.isArray(s)) return; if (typeof s !== 'object' || s === null) return; if (Array.isArray(s.enum)) { const k = JSON.stringify(s.enum); const e = freq.get(k) ?? [0, []]; e[0]++; e[1].push(`${tool}.${path}`); freq.set(k, e); } for (const [k, x] of Object.entries(s)) walk(x, tool, k === 'properties' ? path : `${path}.${k}`); };
for (const t of tools) walk(t.inputSchema, t.name, '');
for (const [k, [n, where]] of [...freq].sort((a, b) => countTokens(b[0]) * b[1][0] - countTokens(a[0]) * a[1][0])) console.log(countTokens(k) * n, n, k.slice(0, 60), where.slice(0,3).join(' '));

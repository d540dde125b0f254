import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { readFileSync } from 'node:fs';
for (const dir of ['/tmp/i19/out-twilio-events', '/tmp/i19/out-digitalocean']) {
  const tools = JSON.parse(readFileSync(`${dir}/tools.json`, 'utf8')).tools;
  const vis = (t: any) => countTokens(JSON.stringify({ name: t.name, title: t.title, description: t.description, inputSchema: t.inputSchema }));
  const derived = (t: any) => { const w = t.name.split('_').filter(Boolean).join(' '); return t.title === w.charAt(0).toUpperCase() + w.slice(1); };
  const fixedLen = (p: string) => { const m = /^\^([A-Za-z]*)\[[^\]]+\]\{(\d+)\}\$$/.exec(p); return m ? m[1]!.length + Number(m[2]) : undefined; };
  const lean = (s: any): any => { if (Array.isArray(s)) return s.map(lean); if (typeof s !== 'object' || s === null) return s; const o: any = Object.fromEntries(Object.entries(s).map(([k, v]) => [k, k === 'enum' || k === 'required' ? v : lean(v)])); if (typeof o.pattern === 'string' && fixedLen(o.pattern) !== undefined && o.minLength === fixedLen(o.pattern) && o.maxLength === fixedLen(o.pattern)) { delete o.minLength; delete o.maxLength; } return o; };
  const n = tools.length;
  const base = tools.reduce((a: number, t: any) => a + vis(t), 0);
  const noTitle = tools.reduce((a: number, t: any) => a + vis(derived(t) ? { ...t, title: undefined } : t), 0);
  const noLen = tools.reduce((a: number, t: any) => a + vis({ ...t, inputSchema: lean(t.inputSchema) }), 0);
  console.log(dir, 'per tool', (base / n).toFixed(1), 'derived titles omitted', (noTitle / n).toFixed(1), 'pattern-implied lengths omitted', (noLen / n).toFixed(1), 'derived', tools.filter(derived).length, '/', n);
}

import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { readFileSync } from 'node:fs';
for (const v of ['roserocket','edesk','malomo']) {
  const tools = JSON.parse(readFileSync(`generated/${v}/tools.json`, 'utf8')).tools;
  const vis = (t: any) => countTokens(JSON.stringify({ name: t.name, title: t.title, description: t.description, inputSchema: t.inputSchema }));
  const base = tools.reduce((n: number, t: any) => n + vis(t), 0);
  const no = tools.reduce((n: number, t: any) => { const { additionalProperties: _a, ...s } = t.inputSchema; return n + vis({ ...t, inputSchema: s }); }, 0);
  console.log(v, base, no - base);
}

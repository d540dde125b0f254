import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { readFileSync } from 'node:fs';
for (const v of ['roserocket','edesk','malomo']) {
const tools = JSON.parse(readFileSync(`generated/${v}/tools.json`, 'utf8')).tools;
const byName = new Map(tools.map((t: any) => [t.name, t]));
let saved = 0;
for (const t of tools) {
  if (!t.name.startsWith('update_a_')) continue;
  const createName = t.name.replace(/^update_a_/, 'create_a_').replace(/_by_id$/, '');
  const c: any = byName.get(createName); if (!c) continue;
  for (const [k, s] of Object.entries<any>(t.inputSchema.properties)) {
    const cs = c.inputSchema.properties[k];
    if (!cs || JSON.stringify(cs) !== JSON.stringify(s)) continue;
    const ref = { type: s.type, description: `${s.description ?? ''} As in ${createName}.` };
    const d = countTokens(JSON.stringify(s)) - countTokens(JSON.stringify(ref));
    if (d > 10) { saved += d; console.log(v, t.name, k, d); }
  }
}
console.log(v, 'saved', saved);
}

import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { readFileSync } from 'node:fs';
const v = process.argv[2];
const tools = JSON.parse(readFileSync(`generated/${v}/tools.json`, 'utf8')).tools;
let sd = 0, ss = 0;
for (const t of tools) { const d = countTokens(t.description), s = countTokens(JSON.stringify(t.inputSchema)); sd += d; ss += s; console.log(String(d).padStart(5), String(s).padStart(5), t.name); }
console.log('desc', sd, 'schema', ss);

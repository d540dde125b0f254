import { readFileSync } from 'node:fs';
import { setMergeCacheSize } from 'gpt-tokenizer/encoding/o200k_base';
import { tokenReport } from './generator/shared/tool-surface.ts';
const t = JSON.parse(readFileSync('/tmp/i19-graph2/tools.json', 'utf8')).tools;
if (process.argv[2]) setMergeCacheSize(Number(process.argv[2]));
const s = performance.now(); const r = tokenReport(t); console.log(process.argv[2] ?? 'default', r.total, Math.round(performance.now() - s), 'ms');

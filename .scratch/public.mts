import { publicSpecs } from '../scripts/bench/bench-specs.ts';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
const root = process.cwd();
const specs = publicSpecs(root).filter((s) => s.id === 'twilio-events' || s.id === 'digitalocean');
for (const spec of specs) {
  const out = path.join('/tmp/i19', `out-${spec.id}`);
  rmSync(out, { recursive: true, force: true });
  try { execFileSync('node', ['scripts/generate.mjs', '--spec', spec.file, '--vendor', spec.id.replace(/-/g, ''), '--out', out], { stdio: ['ignore', 'ignore', 'pipe'] }); } catch (e) { console.log('gen failed', spec.id, String((e as any).stderr).slice(0, 500)); continue; }
  const t = JSON.parse(readFileSync(path.join(out, 'tools.json'), 'utf8'));
  console.log(spec.id, 'tools', t.tools.length, 'total', t.modelTokens.total, 'per tool', (t.modelTokens.total / t.tools.length).toFixed(1));
}

import path from 'node:path';
import { readSpecFile } from '../../generator/load/read-inputs.ts';
import { specTexts, tokenCountMismatches, toolsJsonTexts } from '../shared/token-oracle.ts';

/**
 * `tsx scripts/tokenizer/exactness.ts <tools.json | spec> ...`: the generator's o200k_base count
 * against gpt-tokenizer's on every tool text a generated package's tools.json records, or on the
 * operations, components and strings of an OpenAPI document (the bench's public specs live under
 * .cache/corpus/, outside what the tests can rely on). Exits 1 on the first file with a difference.
 */
function textsOf(file: string): string[] {
  if (path.basename(file) === 'tools.json') return toolsJsonTexts(file);
  const loaded = readSpecFile(file);
  if ('diagnostics' in loaded) throw new Error(`${file}: ${loaded.diagnostics.map((d) => d.message).join('; ')}`);
  return specTexts(loaded.document.data);
}

for (const file of process.argv.slice(2)) {
  const texts = textsOf(file);
  const mismatches = tokenCountMismatches(texts);
  const characters = texts.reduce((sum, text) => sum + text.length, 0);
  process.stdout.write(`${file}: ${texts.length} texts, ${characters} characters, ${mismatches.length} differences\n`);
  if (mismatches.length > 0) {
    process.stdout.write(`${JSON.stringify(mismatches.slice(0, 3), null, 2)}\n`);
    process.exitCode = 1;
    break;
  }
}

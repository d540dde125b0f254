import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createDiagnostic, type Diagnostic } from './diagnostics/diagnostic.ts';
import { formatDiagnostic } from './diagnostics/format.ts';
import { initOverlayText } from './init/init-overlay.ts';
import { shellWord } from './shared/shell-word.ts';
import { displayPath, readSpecFile } from './load/read-inputs.ts';

export const INIT_USAGE = `Usage:
  npm run generate -- init --spec <file> --vendor <slug> [--out <file>]
      writes a starter curation overlay (default <slug>.overlay.yaml): every operation with a
      proposed tool name, class and tags to review, and an empty description to write`;

function usage(message: string): number {
  process.stderr.write(`${formatDiagnostic(createDiagnostic({ code: 'VMCP_USAGE', message, location: { file: 'argv', pointer: '' } }))}\n\n${INIT_USAGE}\n`);
  return 2;
}

function printAll(diagnostics: readonly Diagnostic[]): number {
  for (const diagnostic of diagnostics) process.stderr.write(`${formatDiagnostic(diagnostic)}\n`);
  return 1;
}

/** `init`: reads a spec, writes the starter overlay; never overwrites a file (curation may be in it). */
export function runInit(argv: readonly string[]): number {
  const values: Record<string, string> = {};
  for (let index = 0; index < argv.length; index += 1) {
    const flag = argv[index]!;
    if (!['--spec', '--vendor', '--out'].includes(flag)) return usage(`Unknown init argument ${flag}`);
    const value = argv[++index];
    if (value === undefined || value === '') return usage(`${flag} needs a value`);
    values[flag] = value;
  }
  const [spec, vendor] = [values['--spec'], values['--vendor']];
  if (spec === undefined || vendor === undefined) return usage('init needs --spec <file> and --vendor <slug>');
  const out = path.resolve(values['--out'] ?? `${vendor}.overlay.yaml`);
  if (existsSync(out)) return usage(`${displayPath(out)} exists; init never overwrites curation (give another --out)`);
  const loaded = readSpecFile(path.resolve(spec));
  if ('diagnostics' in loaded) return printAll(loaded.diagnostics);
  const root = loaded.document.data;
  if (typeof root !== 'object' || root === null || Array.isArray(root)) return usage(`${spec} is not an OpenAPI object`);
  const { text, proposals } = initOverlayText({ root: root as Record<string, unknown>, slug: vendor, specFile: loaded.document.file });
  writeFileSync(out, text);
  const reads = proposals.filter((p) => p.methodClass === 'read').length;
  process.stderr.write(`${displayPath(out)}: ${proposals.length} operations proposed (${reads} reads, ${proposals.filter((p) => p.pagination).length} paged); write each description, then\n  npm run generate -- --spec ${shellWord(displayPath(spec))} --overlay ${shellWord(displayPath(out))} --vendor ${vendor} --out <dir>\n`);
  return 0;
}

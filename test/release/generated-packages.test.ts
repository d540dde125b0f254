import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { withMarker } from '../../generator/write/ownership.ts';
import { generatedPackages } from '../../scripts/release/generated-packages.ts';

const work = mkdtempSync(path.join(tmpdir(), 'vmcp-generated-packages-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A folder as the write stage leaves a package: its marker and package.json. */
function pkg(input: { readonly dir: string; readonly marker: boolean }): void {
  mkdirSync(input.dir, { recursive: true });
  const files = [{ path: 'package.json', contents: '{"name":"@vendor-mcp/acme","version":"1.2.3"}\n' }];
  for (const file of input.marker ? withMarker(files) : files) writeFileSync(path.join(input.dir, file.path), file.contents);
}

describe('release takes only the packages under generated/', () => {
  it('skips a stray file, a write leftover, a folder without the marker and a link, saying why', () => {
    const dir = path.join(work, 'generated');
    pkg({ dir: path.join(dir, 'acme'), marker: true });
    writeFileSync(path.join(dir, '.DS_Store'), '');
    pkg({ dir: path.join(dir, 'acme.vmcp-staging'), marker: true });
    pkg({ dir: path.join(dir, 'acme.vmcp-retired'), marker: true });
    pkg({ dir: path.join(dir, 'hand-made'), marker: false });
    mkdirSync(path.join(dir, '.vendor-mcp-write.lock'));
    symlinkSync('acme', path.join(dir, 'alias'));
    const leftover = 'a tree an interrupted npm run generate left; the next run into generated/ removes it';
    expect(generatedPackages(dir)).toStrictEqual({
      packages: [{ vendor: 'acme', name: '@vendor-mcp/acme', version: '1.2.3' }],
      skipped: [
        { name: '.DS_Store', why: 'not a folder' },
        { name: '.vendor-mcp-write.lock', why: 'no .vendor-mcp-package.json, so npm run generate did not write it' },
        { name: 'acme.vmcp-retired', why: leftover },
        { name: 'acme.vmcp-staging', why: leftover },
        { name: 'alias', why: 'a symbolic link; a package is a real folder' },
        { name: 'hand-made', why: 'no .vendor-mcp-package.json, so npm run generate did not write it' },
      ],
    });
  });
});

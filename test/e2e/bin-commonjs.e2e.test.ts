import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageEnv } from '../../scripts/shared/package-env.ts';
import { packageBin } from '../../scripts/shared/package-bin.ts';
import { REPO_ROOT, VENDORS } from '../../scripts/shared/repo-root.ts';

/**
 * What a start over stdio loads, up to the first `tools/list` answer (docs/testing.md, "Server
 * start"). The bin is CommonJS and loads only CommonJS: one ES module on that path makes Node set up
 * its ES module loader, ~4 ms of every start. The vendor transport and the HTTP server load on first
 * use: node:http, node:https, node:tls and node:zlib are another ~4 ms. Node lists every internal
 * module it has loaded (`process.moduleLoadList`); a preloaded probe writes that list when the
 * process exits. The server's ES-loader modules must be exactly those bare `node -e 0` loads.
 */
const PROBE = "process.on('exit', () => require('node:fs').writeFileSync(process.env.LOADED_MODULES_FILE, JSON.stringify(process.moduleLoadList)));\n";
const loadedModules = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as string[];
const esmLoaderModules = (loaded: readonly string[]) => loaded.filter((name) => name.includes('internal/modules/esm/'));
const HTTP_STACK = ['NativeModule http', 'NativeModule https', 'NativeModule tls', 'NativeModule zlib'];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'vmcp-bin-cjs-'));
  writeFileSync(path.join(dir, 'probe.cjs'), PROBE);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function bareNode(): readonly string[] {
  const file = path.join(dir, 'bare.json');
  spawnSync(process.execPath, ['--require', path.join(dir, 'probe.cjs'), '-e', '0'], { env: { LOADED_MODULES_FILE: file } });
  return esmLoaderModules(loadedModules(file));
}

/** initialize, then tools/list; stdin ends once the listing is back, and the server exits. */
function serveOneListing(vendor: string): Promise<{ readonly listed: boolean; readonly loaded: readonly string[] }> {
  const packageDir = path.join(REPO_ROOT, 'generated', vendor);
  const file = path.join(dir, `${vendor}.json`);
  const child = spawn(process.execPath, ['--require', path.join(dir, 'probe.cjs'), packageBin(packageDir)], {
    env: { PATH: process.env['PATH'] ?? '', LOADED_MODULES_FILE: file, [packageEnv(packageDir).credential]: 'test-token' },
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  let stdout = '';
  let listed = false;
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (!listed && stdout.includes('"id":2}')) {
      listed = true;
      child.stdin.end();
    }
  });
  const lines = [
    { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'bin-cjs', version: '0' } } },
    { jsonrpc: '2.0', method: 'notifications/initialized' },
    { jsonrpc: '2.0', id: 2, method: 'tools/list' },
  ];
  child.stdin.write(lines.map((line) => JSON.stringify(line)).join('\n') + '\n');
  return new Promise((resolve) => child.on('close', () => resolve({ listed, loaded: loadedModules(file) })));
}

describe('a start over stdio', () => {
  it.each(VENDORS)('%s: never sets up the ES module loader, nor loads the HTTP stack', async (vendor) => {
    const served = await serveOneListing(vendor);
    expect(served.listed).toBe(true);
    expect(esmLoaderModules(served.loaded)).toStrictEqual(bareNode());
    expect(HTTP_STACK.filter((name) => served.loaded.includes(name))).toStrictEqual([]);
  });
});

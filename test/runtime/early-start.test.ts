import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { earlyRepliesFor, readEarlyFile, writeEarlyFile, type EarlyFile } from '../../templates/runtime/early-start.ts';
import { DISCOVERY_ABOVE } from '../../templates/runtime/server-options.ts';
import { REDIS_URL_ENV } from '../../templates/runtime/shared-invocation-limit.ts';
import { ACME, TOKEN } from './support.ts';

const ALL = { initialize: { '2025-06-18': ['all', '}'] }, requests: {} } as const;
const DISCOVERY = { initialize: { '2025-06-18': ['discovery', '}'] }, requests: { ping: ['{"result":{},"jsonrpc":"2.0","id":', '}'] }, list: ['listed', '}'] } as const;
const EARLY: EarlyFile = { vendor: ACME, toolCount: 3, confirm: 'elicit', modes: { all: ALL, discovery: DISCOVERY }, bundleBytes: 10 };
const ENV = { ACME_TOKEN: TOKEN };

const repliesFor = (input: { readonly argv?: readonly string[]; readonly env?: Record<string, string>; readonly early?: EarlyFile } = {}) => earlyRepliesFor({ early: input.early ?? EARLY, argv: input.argv ?? [], env: input.env ?? ENV });

describe('earlyRepliesFor: which starts the stored replies stand for', () => {
  it('a plain stdio start gets the replies of the mode main.ts would resolve: all up to DISCOVERY_ABOVE tools, discovery one past it', () => {
    expect(repliesFor()).toBe(ALL);
    expect(repliesFor({ early: { ...EARLY, toolCount: DISCOVERY_ABOVE } })).toBe(ALL);
    expect(repliesFor({ early: { ...EARLY, toolCount: DISCOVERY_ABOVE + 1 } })).toBe(DISCOVERY);
    expect(repliesFor({ argv: ['--tools-mode', 'discovery'] })).toBe(DISCOVERY);
    expect(repliesFor({ argv: ['--transport', 'stdio', '--tools-mode', 'all', '--max-calls-per-minute', '5', '--confirm', 'elicit'] })).toBe(ALL);
  });

  it.each([
    ['a scope flag', ['--read-only']],
    ['a tag scope', ['--tags', 'orders']],
    ['a tool allow-list', ['--tools', 'x']],
    ['a method scope', ['--methods', 'read']],
    ['the other confirmation policy', ['--confirm', 'argument']],
    ['HTTP', ['--transport', 'http']],
    ['the token command', ['token']],
    ['--help', ['--help']],
    ['--version', ['--version']],
    ['an unknown flag', ['--nope']],
  ])('none for %s', (_, argv) => {
    expect(repliesFor({ argv })).toBeUndefined();
  });

  it.each([
    ['missing credentials', {}],
    ['a base URL main.ts refuses', { ...ENV, ACME_BASE_URL: 'ftp://example.com' }],
    ['a rate-limit store URL main.ts refuses', { ...ENV, [REDIS_URL_ENV]: 'http://127.0.0.1:6379' }],
  ])('none for an environment with %s: the loaded server says why it cannot start', (_, env) => {
    expect(repliesFor({ env })).toBeUndefined();
  });

  it('none for a mode the record holds no replies for, or a package without tools', () => {
    expect(repliesFor({ early: { ...EARLY, modes: { all: ALL } }, argv: ['--tools-mode', 'discovery'] })).toBeUndefined();
    expect(repliesFor({ early: { ...EARLY, toolCount: 0 } })).toBeUndefined();
    expect(repliesFor({ early: { ...EARLY, toolCount: 1 } })).toBe(ALL);
    expect(repliesFor({ early: { ...EARLY, confirm: 'argument' } })).toBeUndefined();
  });
});

describe('the .early file', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'early-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads back what was written, with the digest it was written for', () => {
    const file = path.join(dir, 'server.cjs.early');
    const digest = Buffer.alloc(32, 7);
    expect(writeEarlyFile({ file, digest, early: EARLY })).toBe(true);
    expect(readEarlyFile(file)).toStrictEqual({ early: EARLY, digest });
  });

  it.each([
    ['missing', undefined],
    ['shorter than a digest', Buffer.alloc(31)],
    ['not JSON after the digest', Buffer.concat([Buffer.alloc(32), Buffer.from('{')])],
    ['without the bundle size', Buffer.concat([Buffer.alloc(32), Buffer.from(JSON.stringify({ ...EARLY, bundleBytes: undefined }))])],
    ['with a reply that is no pair of texts', Buffer.concat([Buffer.alloc(32), Buffer.from(JSON.stringify({ ...EARLY, modes: { all: { initialize: { v: ['a'] }, requests: {} } } }))])],
    ['with a request reply that is text', Buffer.concat([Buffer.alloc(32), Buffer.from(JSON.stringify({ ...EARLY, modes: { all: { initialize: {}, requests: { ping: 'x' } } } }))])],
    ['with a reply of three texts', Buffer.concat([Buffer.alloc(32), Buffer.from(JSON.stringify({ ...EARLY, modes: { all: { initialize: { v: ['a', 'b', 'c'] }, requests: {} } } }))])],
    ['with a reply whose first part is no text', Buffer.concat([Buffer.alloc(32), Buffer.from(JSON.stringify({ ...EARLY, modes: { all: { initialize: { v: [1, 'b'] }, requests: {} } } }))])],
    ['with request replies that are null', Buffer.concat([Buffer.alloc(32), Buffer.from(JSON.stringify({ ...EARLY, modes: { all: { initialize: {}, requests: null } } }))])],
    ['with a mode that is null', Buffer.concat([Buffer.alloc(32), Buffer.from(JSON.stringify({ ...EARLY, modes: { all: null } }))])],
    ['with a mode that is text', Buffer.concat([Buffer.alloc(32), Buffer.from(JSON.stringify({ ...EARLY, modes: { all: 'x' } }))])],
    ['with modes that are null', Buffer.concat([Buffer.alloc(32), Buffer.from(JSON.stringify({ ...EARLY, modes: null }))])],
    ['that is null', Buffer.concat([Buffer.alloc(32), Buffer.from('null')])],
    ['that is a number', Buffer.concat([Buffer.alloc(32), Buffer.from('5')])],
    ['with a vendor that is null', Buffer.concat([Buffer.alloc(32), Buffer.from(JSON.stringify({ ...EARLY, vendor: null }))])],
    ['with a vendor that is text', Buffer.concat([Buffer.alloc(32), Buffer.from(JSON.stringify({ ...EARLY, vendor: 'acme' }))])],
    ['with a tool count that is no integer', Buffer.concat([Buffer.alloc(32), Buffer.from(JSON.stringify({ ...EARLY, toolCount: 1.5 }))])],
    ['with a confirmation policy that is no text', Buffer.concat([Buffer.alloc(32), Buffer.from(JSON.stringify({ ...EARLY, confirm: 1 }))])],
    ['without request replies', Buffer.concat([Buffer.alloc(32), Buffer.from(JSON.stringify({ ...EARLY, modes: { all: { initialize: {} } } }))])],
    ['with a list that is no pair of texts', Buffer.concat([Buffer.alloc(32), Buffer.from(JSON.stringify({ ...EARLY, modes: { all: { initialize: {}, requests: {}, list: ['a', 1] } } }))])],
  ])('is not used when %s', (_, bytes) => {
    const file = path.join(dir, 'server.cjs.early');
    if (bytes !== undefined) writeFileSync(file, bytes);
    expect(readEarlyFile(file)).toBeUndefined();
  });
});

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { rankDataDigest } from '../../generator/shared/o200k-source.ts';

/** The digest naming an o200k_base table: of the rank data's bytes, reused from a record only while the file stats the same. */
describe('the rank data digest', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  function files(): { ranksFile: string; recordFile: string } {
    const dir = mkdtempSync(path.join(tmpdir(), 'o200k-source-'));
    dirs.push(dir);
    writeFileSync(path.join(dir, 'ranks.js'), 'first');
    return { ranksFile: path.join(dir, 'ranks.js'), recordFile: path.join(dir, 'cache', 'record.json') };
  }
  const later = () => Date.now() + 60_000;

  it('is of the bytes and the version: other bytes of the same size, or another version, give another digest', () => {
    const { ranksFile, recordFile } = files();
    const first = rankDataDigest({ ranksFile, version: '4.0.0', recordFile, now: later });
    expect(rankDataDigest({ ranksFile, version: '4.0.1', recordFile, now: later })).not.toStrictEqual(first);
    writeFileSync(ranksFile, 'other');
    expect(rankDataDigest({ ranksFile, version: '4.0.0', recordFile, now: later })).not.toStrictEqual(first);
    writeFileSync(ranksFile, 'first');
    expect(rankDataDigest({ ranksFile, version: '4.0.0', recordFile: undefined })).toStrictEqual(first);
  });

  it('is read from the record while the file stats as recorded, and hashed again once it does not', () => {
    const { ranksFile, recordFile } = files();
    const hashed = rankDataDigest({ ranksFile, version: '4.0.0', recordFile, now: later });
    const record = JSON.parse(readFileSync(recordFile, 'utf8')) as { stats: string; digest: string };
    expect(record.digest).toBe(hashed.toString('hex'));
    // A record that says otherwise for the same stats is believed: that is what spares the hashing.
    writeFileSync(recordFile, JSON.stringify({ ...record, digest: 'ab'.repeat(32) }));
    expect(rankDataDigest({ ranksFile, version: '4.0.0', recordFile, now: later }).toString('hex')).toBe('ab'.repeat(32));
    writeFileSync(ranksFile, 'first');
    expect(rankDataDigest({ ranksFile, version: '4.0.0', recordFile, now: later })).toStrictEqual(hashed);
  });

  it('writes no record for a file changed within the last 3 s, whose stats could survive another change', () => {
    const { ranksFile, recordFile } = files();
    rankDataDigest({ ranksFile, version: '4.0.0', recordFile });
    expect(existsSync(recordFile)).toBe(false);
    rankDataDigest({ ranksFile, version: '4.0.0', recordFile, now: later });
    expect(existsSync(recordFile)).toBe(true);
  });
});

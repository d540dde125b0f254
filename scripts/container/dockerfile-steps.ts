import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** What the final stage leaves to start the container with. */
export type ImageSteps = {
  /** The final stage's filesystem, rooted at this folder (container path `/x` is `<root>/x`). */
  readonly root: string;
  readonly workdir: string;
  readonly env: Readonly<Record<string, string>>;
  readonly user: string | undefined;
  readonly entrypoint: readonly string[];
  readonly healthcheck: readonly string[];
};

type Stage = { readonly name: string; readonly root: string; workdir: string; env: Record<string, string>; user?: string; entrypoint: string[]; healthcheck: string[] };

/** Container paths inside a shell command, rewritten to the stage's folder. */
const inRoot = (input: { readonly root: string; readonly text: string }) => input.text.replace(/(^|\s)\/(?=[a-z])/g, `$1${input.root}/`);

function copy(input: { readonly stage: Stage; readonly stages: readonly Stage[]; readonly context: string; readonly args: string[] }): void {
  const flags = input.args.filter((arg) => arg.startsWith('--'));
  const paths = input.args.filter((arg) => !arg.startsWith('--'));
  const dest = paths.pop()!;
  const from = flags.find((f) => f.startsWith('--from='))?.slice('--from='.length);
  const sourceRoot = from === undefined ? input.context : input.stages.find((s) => s.name === from)?.root;
  if (sourceRoot === undefined) throw new Error(`COPY --from=${from}: no such stage`);
  const target = path.join(input.stage.root, dest.startsWith('/') ? dest : path.join(input.stage.workdir, dest));
  for (const source of paths) {
    const sourcePath = path.join(sourceRoot, source);
    const destPath = dest.endsWith('/') ? path.join(target, path.basename(source)) : target;
    mkdirSync(path.dirname(destPath), { recursive: true });
    cpSync(sourcePath, destPath, { recursive: true });
    const mode = flags.find((f) => f.startsWith('--chmod='))?.slice('--chmod='.length);
    if (mode !== undefined) chmodSync(destPath, Number.parseInt(mode, 8));
  }
}

function run(input: { readonly stage: Stage; readonly command: string }): void {
  try {
    execFileSync('sh', ['-c', input.command], { cwd: path.join(input.stage.root, input.stage.workdir), stdio: 'pipe', env: { ...process.env, ...input.stage.env } });
  } catch (error) {
    const output = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`RUN ${input.command} failed:\n${String(output.stderr ?? '').slice(-2000)}${String(output.stdout ?? '').slice(-1000)}`);
  }
}

/**
 * Runs a Dockerfile's build without a container engine: each stage gets its own folder as its root,
 * and every instruction the generated Dockerfiles use is carried out (any other is refused, so the
 * check cannot silently skip a step). RUN lines run under `sh` with container paths mapped.
 */
export function runDockerfile(input: { readonly dockerfile: string; readonly context: string; readonly workspace: string }): ImageSteps {
  const stages: Stage[] = [];
  const lines = readFileSync(input.dockerfile, 'utf8').split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));
  for (const line of lines) {
    const [instruction, ...rest] = line.split(' ');
    const text = rest.join(' ');
    const stage = stages.at(-1);
    // The base image is this machine's Node; its name (an ARG) needs no resolving.
    if (instruction === 'ARG') continue;
    else if (instruction === 'FROM') {
      const name = /\bAS (\S+)$/.exec(text)?.[1] ?? String(stages.length);
      const root = path.join(input.workspace, `stage-${name}`);
      mkdirSync(root, { recursive: true });
      stages.push({ name, root, workdir: '/', env: {}, entrypoint: [], healthcheck: [] });
    } else if (stage === undefined) throw new Error(`${instruction} before FROM`);
    else if (instruction === 'WORKDIR') mkdirSync(path.join(stage.root, (stage.workdir = text)), { recursive: true });
    else if (instruction === 'ENV') Object.assign(stage.env, Object.fromEntries([text.split('=')]));
    else if (instruction === 'COPY') copy({ stage, stages, context: input.context, args: rest });
    else if (instruction === 'RUN') run({ stage, command: inRoot({ root: stage.root, text }) });
    else if (instruction === 'USER') stage.user = text;
    else if (instruction === 'EXPOSE') continue;
    else if (instruction === 'HEALTHCHECK') stage.healthcheck = JSON.parse(text.slice(text.indexOf('CMD ') + 4)) as string[];
    else if (instruction === 'ENTRYPOINT') stage.entrypoint = JSON.parse(text) as string[];
    else throw new Error(`Dockerfile instruction ${instruction} is not supported by this check`);
  }
  const final = stages.at(-1)!;
  if (!existsSync(path.join(final.root, final.workdir, 'node_modules'))) throw new Error('the final stage installed nothing in its WORKDIR');
  return { root: final.root, workdir: final.workdir, env: final.env, user: final.user, entrypoint: final.entrypoint, healthcheck: final.healthcheck };
}

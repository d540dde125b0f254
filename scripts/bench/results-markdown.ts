import type { BenchResults } from './bench-results.ts';
import { SECTIONS } from './bench-options.ts';
import { isOurs, OURS } from './generation-bench.ts';
import { peerCoverageRows } from './peer-coverage-rows.ts';
import { fromRun, optionsOf, provenanceTable } from './results-provenance.ts';
import type { LargeServer } from './large-server.ts';
import { modesTable, scaleMarkdown } from './scale-server.ts';
import type { ServerCell } from './server-bench.ts';
import { linearFit, type Spread } from './stats.ts';
import { targetRows } from './targets.ts';

const ms = (value: number) => (value >= 1000 ? `${(value / 1000).toFixed(2)} s` : value < 10 ? `${value.toFixed(2)} ms` : `${Math.round(value)} ms`);
const mb = (value: number) => `${Math.round(value)} MB`;
export const range = (s: Spread | undefined, format: (value: number) => string) => (s === undefined || s.runs === 0 || Number.isNaN(s.median) ? '–' : s.runs === 1 ? `${format(s.median)} (1 run)` : `${format(s.median)} (${format(s.min)}–${format(s.max)})`);
const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b) || b === 0 ? '–' : `${(a / b).toFixed(2)}×`);
const kb = (bytes: number) => `${Math.round(bytes / 1024).toLocaleString('en-US')} KB`;

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

function machineSection(results: BenchResults): string {
  const { machine } = results;
  const generation = optionsOf({ results, section: 'generation' });
  const servers = optionsOf({ results, section: 'servers' });
  const provenance = provenanceTable(results);
  const versions = Object.entries(machine.versions).map(([name, version]) => `${name} ${version}`).join(', ');
  return [
    `Last written by \`npm run bench${results.options.quick ? ' -- --quick' : ''}${results.options.sections.length < SECTIONS.length ? ` -- --only ${results.options.sections.join(',')}` : ''}\` from ${results.startedAt} to ${results.finishedAt} (UTC).`,
    '',
    ...(provenance === '' ? [] : [provenance, '']),
    `- **Machine:** ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB RAM, ${machine.kernel}. Node ${machine.node}, npm ${machine.npm}.`,
    `- **Load:** the machine is shared with other jobs. Load average (1/5/15 min) was ${machine.loadAverage.join(' / ')} at the start and ${results.loadAverageAtEnd.join(' / ')} at the end of the latest run, on ${machine.cores} cores, so absolute times are noisy; every target is a ratio taken within this run, and generations interleave generators and specs round by round.`,
    `- **Ours:** ${versions}.`,
    `- **Peers:** ${results.peers.map((peer) => peer.version).join('; ') || 'not run (--no-peers)'}; installed on demand under \`.cache/bench/peers/\` with the settings of \`peer-bench.md\`. orval runs on node 22.23.3 (it needs ≥ 22.18), everything else on this node. Peer servers use @modelcontextprotocol/sdk 1.32.2 and are started as one esbuild bundle each; peer type-checks use TypeScript 5.9.3 (their own tsconfig for openapi-mcp-generator, a minimal strict one for orval and kubb).`,
    `- **Method:** generation = \`/usr/bin/time -v\` around one cold process (wall, peak RSS) writing into a never-used output folder: the previous output is renamed aside and deleted only when the run ends, since on this machine's ext4 without a journal the inode allocator passes over inodes freed in the last 60 s (fs/ext4/ialloc.c), which cost a cold GitHub run of ours (~1,300 files) 0.7 s of system CPU instead of 0.25 s right after an \`rm\`, openapi-mcp-generator (8 files) 0.10 s instead of 0.09 s; a fresh CI clone never pays it (docs/testing.md). The file system is settled with \`sync\` after each preparation and before the timing (so no run pays for another generator's write-back); ${generation.runs} runs each (kubb: 1 run on specs over 200 operations, where one run takes most of a minute or more; caps: kubb 120 s, orval 45 s, peer type-checks ${servers.quick ? 60 : 90} s). Every generator runs in the bench's environment less this machine's NODE_EXTRA_CA_CERTS (~30 ms on every node start; scripts/bench/bench-env.ts). Our generator runs as \`npm run generate\` does (scripts/generate.cjs without npm's start-up), its bundle, V8 code cache and printed file frames (\`.cache/frames/\`, spec-independent: no name, value or header of any spec is in them; generator/emit/ts/frame-store.ts) built beforehand as after any first run of that generator, on any spec. Right after each of our cold runs, two regenerations over its output with nothing changed: the 1st runs the whole pipeline, finds every file unchanged, writes nothing and records the up-to-date stamp with the stats of every input and output entry; the next is answered from those stats, reading no file and without loading the pipeline (generator/cli-up-to-date.ts). Server start = spawn → first \`tools/list\` answer over stdio with a bare JSON-RPC client, ${servers.starts} timed starts after 1 warm-up; every server and bare \`node -e 0\` start in one environment, PATH plus a server's own credentials and base URL (not the bench's: this machine's NODE_EXTRA_CA_CERTS adds ~30 ms to every node start). Tokens = model-visible o200k_base tokens (gpt-tokenizer's ranks and pre-tokenizer, counted from a binary copy of its rank table and tested equal to its countTokens) of each listed tool's name, title, description and inputSchema, the count the release budgets and the lint use (\`generator/shared/model-tokens.ts\`), for ours and the peers alike; the \`tools/list\` wire bytes are reported beside them. Figures are median (min–max).`,
  ].join('\n');
}

function specSection(results: BenchResults): string {
  return table(['spec', 'source (npm package : path)', 'operations', 'size'], results.specs.map((spec) => [spec.label, spec.source, String(spec.operations), kb(spec.bytes)]));
}

function generationSection(results: BenchResults): string {
  const parts: string[] = [];
  const vendors = results.generation.filter((cell) => !results.specs.some((spec) => spec.id === cell.spec));
  parts.push('### The three vendors (regeneration into `generated/` with nothing changed, after an untimed one: the fast path)', '', table(['vendor', 'wall', 'CPU (user+sys)', 'peak RSS', 'files', 'output'], vendors.map((cell) => [cell.spec, range(cell.wallMs, ms), range(cell.cpuMs, ms), range(cell.rssMb, mb), String(cell.files), kb(cell.bytes)])));
  for (const spec of results.specs.filter((item) => item.subsetOf === undefined)) {
    const cells = results.generation.filter((cell) => cell.spec === spec.id);
    const ours = cells.find((cell) => cell.generator === OURS);
    parts.push('', `### ${spec.label} (${spec.operations} operations)`, '');
    parts.push(
      table(
        ['generator', 'wall', 'CPU (user+sys)', 'peak RSS', 'result', 'files', 'output', 'ours ÷ this (wall)', 'ours ÷ this (CPU)', 'ours ÷ this (RSS)'],
        cells.map((cell) => [
          cell.generator,
          range(cell.wallMs, ms),
          range(cell.cpuMs, ms),
          range(cell.rssMb, mb),
          cell.ok ? 'ok' : `FAIL: ${cell.failure ?? ''}`.replace(/\|/g, '/'),
          cell.ok ? String(cell.files) : '–',
          cell.ok ? kb(cell.bytes) : '–',
          isOurs(cell.generator) || !cell.ok ? '–' : ratio(ours?.wallMs.median, cell.wallMs.median),
          isOurs(cell.generator) || !cell.ok ? '–' : ratio(ours?.cpuMs.median, cell.cpuMs.median),
          isOurs(cell.generator) || !cell.ok ? '–' : ratio(ours?.rssMb.median, cell.rssMb.median),
        ]),
      ),
    );
  }
  return parts.join('\n');
}

/** The largest real specs: cold generation of ours beside the leanest peer, one run each. */
function largeSection(results: BenchResults): string {
  const large = results.large;
  if (large === undefined) return 'Not run (`npm run bench -- --only large`).';
  return large.specs
    .map((spec) => {
      const cells = large.cells.filter((cell) => cell.spec === spec.id);
      const rows = cells.map((cell) => [cell.generator, range(cell.wallMs, ms), range(cell.cpuMs, ms), range(cell.rssMb, mb), cell.ok ? 'ok' : `FAIL: ${cell.failure ?? ''}`.replace(/\|/g, '/'), cell.ok ? String(cell.files) : '–', cell.ok ? kb(cell.bytes) : '–']);
      const server = large.servers?.find((item) => item.spec === spec.id);
      return [`### ${spec.label} (${spec.operations} operations, ${kb(spec.bytes)})`, '', table(['generator', 'wall', 'CPU (user+sys)', 'peak RSS', 'result', 'files', 'output'], rows), ...(server ? ['', largeServerText(server)] : [])].join('\n');
    })
    .join('\n\n');
}

/** Our package of a largest spec: its own build, then started with its bin in both tool modes. */
function largeServerText(server: LargeServer): string {
  const build = `Our package built with its own build script (tsc, bundle, code cache): ${ms(server.build.wallMs)}, peak ${server.build.peakMb === undefined ? '–' : mb(server.build.peakMb)}`;
  if (!server.build.ok) return `${build}: FAILED (${server.build.detail ?? ''}).${server.build.lastLines ? ` Last lines:\n\n\`\`\`\n${server.build.lastLines}\n\`\`\`` : ''}`;
  return [`${build}; ${server.toolsInPackage.toLocaleString('en-US')} tools in tools.json. Each mode started with the package's bin, one warm-up start then one timed start per mode.`, '', modesTable({ cells: server.cells, format: { range, ms, mb, kb } })].join('\n');
}

function growthSection(results: BenchResults): string {
  const cells = results.growth.filter((cell) => cell.ok).map((cell) => ({ cell, spec: results.specs.find((spec) => spec.id === cell.spec)! })).filter((item) => item.spec !== undefined).sort((a, b) => a.spec.operations - b.spec.operations);
  if (cells.length === 0) return 'Not measured in this mode.';
  const rows = cells.map(({ cell, spec }) => [spec.label, String(spec.operations), range(cell.wallMs, ms), range(cell.cpuMs, ms), range(cell.rssMb, mb), kb(cell.bytes), `${(cell.wallMs.median / spec.operations).toFixed(2)} ms`, `${(cell.bytes / 1024 / spec.operations).toFixed(1)} KB`]);
  const parts = [table(['spec', 'operations', 'wall', 'CPU', 'peak RSS', 'output', 'wall per op', 'output per op'], rows), ''];
  const series = cells.filter(({ spec }) => spec.id === 'github' || spec.subsetOf === 'github');
  for (const [label, items] of [['GitHub REST slices (one API style, 25–100 %)', series], ['all public specs and slices', cells]] as const) {
    if (items.length < 3) continue;
    const wall = linearFit(items.map(({ cell, spec }) => [spec.operations, cell.wallMs.median]));
    const cpu = linearFit(items.map(({ cell, spec }) => [spec.operations, cell.cpuMs.median]));
    const bytes = linearFit(items.map(({ cell, spec }) => [spec.operations, cell.bytes]));
    parts.push(
      `- **${label}:** CPU grows ${ms(cpu.slope * 100)} per 100 operations on top of ${ms(cpu.intercept)} fixed cost (r² ${cpu.r2.toFixed(3)}); wall ${ms(wall.slope * 100)} per 100 operations (r² ${wall.r2.toFixed(3)}, noisy on this machine); output ${kb(bytes.slope * 100)} per 100 operations (r² ${bytes.r2.toFixed(3)}).`,
    );
  }
  return parts.join('\n');
}

function serverRows(servers: readonly ServerCell[], results: BenchResults): string {
  const parts: string[] = [];
  const groups = [...new Set(servers.map((cell) => cell.spec))];
  for (const spec of groups) {
    const cells = servers.filter((cell) => cell.spec === spec);
    const ours = cells.find((cell) => cell.generator === 'vendor-mcp');
    const label = results.specs.find((item) => item.id === spec)?.label ?? spec;
    parts.push('', `### ${label}`, '');
    parts.push(
      table(
        ['generator', 'type-check', 'tools listed', 'spawn → tools/list', 'spawn → ready (ping after it)', 'RSS after start', 'tools/list (wire)', 'model tokens (o200k)', 'tokens per tool', 'ours ÷ this (start)', 'ours ÷ this (tokens/tool)'],
        cells.map((cell) => [
          cell.generator,
          cell.typecheck.ok ? `pass (${ms(cell.typecheck.wallMs)}${cell.generator === 'vendor-mcp' ? ', tsc + bundle' : ''})` : `FAIL${cell.typecheck.errors > 0 ? ` (${cell.typecheck.errors} errors)` : ''}: ${(cell.typecheck.detail ?? '').replace(/\|/g, '/')}`,
          cell.tools === undefined ? `FAIL: ${(cell.failure ?? '').replace(/\|/g, '/').slice(0, 200)}` : String(cell.tools),
          range(cell.startMs, ms),
          range(cell.readyMs, ms),
          range(cell.rssMb, mb),
          cell.listBytes === undefined ? '–' : kb(cell.listBytes),
          cell.tokens === undefined ? '–' : cell.tokens.toLocaleString('en-US'),
          cell.tokensPerTool === undefined ? '–' : String(cell.tokensPerTool),
          cell.generator === 'vendor-mcp' ? '–' : ratio(ours?.startMs?.median, cell.startMs?.median),
          cell.generator === 'vendor-mcp' ? '–' : ratio(ours?.tokensPerTool, cell.tokensPerTool),
        ]),
      ),
    );
    if (ours?.bareNodeMs !== undefined) parts.push('', `Bare \`node -e 0\` in the same rounds: ${range(ours.bareNodeMs, ms)}.`);
  }
  if (results.bareNodeMs) parts.push('', `Bare \`node -e 0\` (spawn → exit) on this machine in the same run: ${range(results.bareNodeMs, ms)}.`);
  return parts.join('\n');
}

function coverageSection(results: BenchResults): string {
  if (results.coverage.length === 0) return 'Not measured in this mode.';
  const rows = results.coverage.map((item) => [item.spec, String(item.tools), String(item.expected), String(item.covered), item.lost.length === 0 ? 'none' : `${item.lost.length}: ${item.lost.slice(0, 3).join('; ')}`]);
  return [
    'Every parameter (path, query, header; OpenAPI says `Accept`, `Content-Type` and `Authorization` header parameters are ignored) and every top-level request-body property of each operation that became a tool, checked against the IR (`--print-ir`): does an argument send it?',
    '',
    table(['spec', 'tools', 'parameters + body fields', 'sent by an argument', 'lost'], rows),
  ].join('\n');
}

function peerCoverageSection(results: BenchResults): string {
  const rows = peerCoverageRows(results);
  if (rows.length === 0) return 'Not measured in this mode.';
  return [
    "The same check asked of each peer's listed tools (`scripts/bench/peer-coverage.ts`), so the token rows say what a peer's count leaves out. Expected: every operation's parameters and top-level request-body properties (the JSON media type when there is one, else the first; a body without properties counts as one), as ours counts them. Listed: the name is a property name anywhere in the tool's listed inputSchema (header names ignore case); an operation no tool matches lists nothing. Tools match operations by the route openapi-mcp-generator records for each tool, and by operationId (ignoring case and separators) for kubb and orval. A form body listed as one opaque string names none of its fields. The peers' count covers every operation of the spec and every body's fields; ours (above) covers the operations that became tools and leaves out the fields of a body sent whole as one `body` argument, so a peer's total can be larger than ours on the same spec.",
    '',
    table(['spec', 'peer', 'operations', 'parameters + body fields', 'listed', 'not listed'], rows),
  ].join('\n');
}

function overheadSection(results: BenchResults): string {
  const result = results.callOverhead;
  if (result === undefined) return 'Not measured in this run.';
  if ('error' in result) return `Could not be measured: ${result.error}`;
  // Results written before the interleaved method have no control or server CPU.
  if (result.controlP99PerBlock === undefined) return `Measured with the earlier block method: added p50 ${result.addedMs.p50.toFixed(2)} ms, p99 ${result.addedMs.p99.toFixed(2)} ms over ${result.calls} calls.`;
  const added = (value: number) => `${value.toFixed(2)} ms`;
  return [
    `\`${result.tool}\` (GET /accounts/self) against the doc-validating Malomo simulator, which runs in a process of its own on 127.0.0.1 as a vendor does. ${result.blocks} blocks of ${result.calls / result.blocks} rounds; each round is a direct \`fetch\` of exactly the request the server sends, a second one (the control) and one \`tools/call\` over stdio to one server process, back to back, in an order that rotates through all six from round to round. ${result.warmUpRounds} untimed rounds first. ${result.calls} rounds; ${result.errors} errors; ${result.invalidRequests} requests the simulator rejected.`,
    '',
    table(['', 'p50', 'p99'], [
      ['direct fetch', ms(result.directMs.p50), ms(result.directMs.p99)],
      ['control (the same direct fetch again)', ms(result.controlMs.p50), ms(result.controlMs.p99)],
      ['tools/call', ms(result.viaMcpMs.p50), ms(result.viaMcpMs.p99)],
      ['**added by the server** (median of the blocks, min–max)', `**${range(result.addedP50PerBlock, added)}**`, `**${range(result.addedP99PerBlock, added)}**`],
      ['control − direct, same statistic (the noise floor)', '–', range(result.controlP99PerBlock, added)],
      ['added, all rounds pooled', added(result.pooledAddedMs.p50), added(result.pooledAddedMs.p99)],
      ['per-round difference tools/call − direct', added(result.pairedDifferenceMs.p50), added(result.pairedDifferenceMs.p99)],
    ]),
    '',
    `Server CPU (user + system, all threads, from /proc) over the measured rounds: ${result.serverCpuMsPerCall.toFixed(3)} ms per tools/call.`,
    '',
    "**Method.** The added time at a percentile is that percentile of the tools/call latencies minus the same percentile of the direct fetches, within each block, and the figure is the median over the blocks with their min–max. Why this and not the others: (1) the two kinds are sampled call by call in rotating order, so a burst of load on this shared machine (2 cores, other jobs) meets both alike, where the earlier method's separate blocks of each kind let a burst land on one kind only; (2) the shift of the percentile is taken, not the percentile of per-round differences, because two calls a millisecond apart do not meet the same scheduler stall or GC pause: a stall that hits one call of a round goes whole into that round's difference, so the p99 of differences measures the machine's stalls rather than what the server adds (it is shown above for comparison); (3) the median over blocks keeps one block that met a burst from setting the figure, and min–max shows the spread; (4) the control runs the same statistic between two identical direct fetches, where nothing is added: what it reads is the method's noise floor in this run. The simulator runs in its own process because a vendor never shares its client's process; in-process, the direct fetch never left the bench's event loop and the bench's own GC pauses landed on whichever call was running. Both paths open a new connection per request (the simulator's 1 s keep-alive hint makes Node's and undici's pools drop each socket), so connection set-up is in both alike.",
  ].join('\n');
}

function httpSection(results: BenchResults): string {
  const parts: string[] = [];
  const http = results.http;
  if (http === undefined) parts.push('HTTP throughput: not measured in this run.');
  else if (!http.supported) parts.push(`**HTTP throughput: not measurable yet.** ${http.reason}`);
  else parts.push(table(['concurrent SDK clients', 'calls', 'seconds', 'calls/s', 'errors'], http.rows.map((row) => [String(row.clients), String(row.calls), String(row.seconds), String(row.callsPerSecond), String(row.errors)])));
  const discovery = results.discovery;
  parts.push('');
  if (discovery === undefined) parts.push('Discovery mode: not measured in this run.');
  else if (!discovery.supported) parts.push(`**Discovery mode: not measurable yet.** ${discovery.reason}`);
  else parts.push(table(['spec', 'tools listed', 'tools/list (wire)', 'model tokens (o200k)'], discovery.rows.map((row) => [row.spec, String(row.tools), kb(row.listBytes), row.tokens.toLocaleString('en-US')])));
  return parts.join('\n');
}

function profileSection(input: { readonly profile: BenchResults['profile']; readonly what: string }): string {
  const { profile } = input;
  if (profile === undefined) return 'Not profiled in this mode.';
  return [
    `\`node --cpu-prof\` of ${input.what} ${profile.spec} (main thread, ${ms(profile.totalMs)} of samples). By package or file:`,
    '',
    table(['where', 'self time', 'share'], profile.byFile.slice(0, 10).map((row) => [row.name, ms(row.ms), `${(row.share * 100).toFixed(1)} %`])),
    '',
    'Top functions (self time):',
    '',
    table(['function', 'self time', 'share'], profile.byFunction.slice(0, 12).map((row) => [row.name.replace(/\|/g, '/'), ms(row.ms), `${(row.share * 100).toFixed(1)} %`])),
  ].join('\n');
}

export function renderResults(input: { readonly results: BenchResults; readonly servers: readonly ServerCell[] }): string {
  const { results } = input;
  const targets = targetRows({ results, servers: input.servers });
  return [
    '# Benchmarks: vendor-mcp beside the peers',
    '',
    machineSection(results),
    '',
    '## Specs',
    '',
    specSection(results),
    '',
    '## Targets',
    '',
    'Each target is a ratio within one run (except the per-call overhead, a difference); each row comes from the run of its section (see above when sections come from different runs). A miss is stated as a miss; the notes under the table say what the profile shows.',
    '',
    table(['target', 'measured', 'verdict'], targets.rows.map((row) => [row.target, row.measured, row.verdict])),
    '',
    ...targets.notes.map((note) => `- ${note}`),
    '',
    '## Generation',
    '',
    fromRun({ results, section: 'generation' }) + generationSection(results),
    '',
    '## The largest real specs (cold generation, one run each; our package built and listing tools)',
    '',
    fromRun({ results, section: 'large' }) + largeSection(results),
    '',
    '## A server of 10,000 tools (ours)',
    '',
    fromRun({ results, section: 'scale' }) + scaleMarkdown({ scale: results.scale, format: { range, ms, mb, kb } }),
    '',
    '## Growth with operation count (ours)',
    '',
    fromRun({ results, section: 'generation' }) + growthSection(results),
    '',
    '## Generated servers: type-check, cold start, RSS, tools/list size',
    ...(fromRun({ results, section: 'servers' }) === '' ? [] : ['', fromRun({ results, section: 'servers' }).trimEnd()]),
    serverRows(input.servers, results),
    '',
    '## No parameter lost (ours)',
    '',
    fromRun({ results, section: 'servers' }) + coverageSection(results),
    '',
    '## No parameter lost (peers)',
    '',
    fromRun({ results, section: 'servers' }) + peerCoverageSection(results),
    '',
    '## Per-call overhead over a direct fetch (stdio)',
    '',
    fromRun({ results, section: 'calls' }) + overheadSection(results),
    '',
    '## HTTP throughput and discovery mode (issue 5)',
    '',
    fromRun({ results, section: 'http' }) + httpSection(results),
    '',
    '## Where our generator spends its time',
    '',
    fromRun({ results, section: 'generation' }) + profileSection({ profile: results.profile, what: 'one generation of' }),
    '',
    '## Where our server spends its start-up',
    '',
    fromRun({ results, section: 'servers' }) + profileSection({ profile: results.serverProfile, what: 'one start (spawn → tools/list answer) of our server for' }),
    '',
  ].join('\n');
}

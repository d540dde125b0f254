export type CliOptions = {
  readonly vendors: readonly string[];
  readonly spec?: string;
  /** Overlay files applied to --spec, in the order given. */
  readonly overlays: readonly string[];
  readonly vendor?: string;
  readonly out?: string;
  /** With --spec: a YAML file declaring the vendor's auth for a spec that declares none. */
  readonly authFile?: string;
  readonly check: boolean;
  readonly quiet: boolean;
  readonly printIr: boolean;
  /** With --spec: list every shape and word as the spec has them (VendorIR.listing `full`). */
  readonly fullListing: boolean;
  /** Overrides every variant family's `split` setting. */
  readonly split?: boolean;
  readonly help: boolean;
};

export const CLI_USAGE = `Usage:
  npm run generate                              regenerate every vendor under vendor-docs/
  npm run generate -- <vendor> [<vendor>…]      regenerate some vendors
  npm run generate -- --spec <file> [--overlay <file>…] --vendor <slug> --out <dir>
                                                generate from any OpenAPI 3.0/3.1 file (YAML or JSON),
                                                after applying each Overlay 1.0/1.1 file in order
  npm run generate -- init --spec <file> --vendor <slug> [--out <file>]
                                                write a starter curation overlay to review
Options:
  --overlay <file>         with --spec, repeatable: apply an Overlay 1.0/1.1 file before generating
  --auth-file <file.yaml>  with --spec: declare the vendor's auth (securitySchemes + an x-mcp.auth block)
                           for a spec that declares none, without editing the spec
  --full-listing           with --spec: list the spec's descriptions as written and every repeated shape
                           in full (the default lists leaner; docs/generating.md#what-a-model-reads)
  --check       write nothing; exit 1 and name the files that differ from a fresh generation
  --print-ir    print the IR as JSON instead of writing
  --split       one tool per variant (e.g. per Rose Rocket objectKey); --no-split forces generic tools
  --quiet       print errors only`;

const VALUE_FLAGS = new Set(['--spec', '--vendor', '--out', '--auth-file']);

/** Parses argv; `error` names the first bad argument. */
export function parseCliOptions(argv: readonly string[]): CliOptions | { readonly error: string } {
  const vendors: string[] = [];
  const overlays: string[] = [];
  const values: Record<string, string> = {};
  const flags = new Set<string>();
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flag === '--overlay') {
      const value = inline ?? argv[++index];
      if (value === undefined || value === '') return { error: '--overlay needs a value' };
      overlays.push(value);
    } else if (VALUE_FLAGS.has(flag)) {
      const value = inline ?? argv[++index];
      if (value === undefined || value === '') return { error: `${flag} needs a value` };
      values[flag] = value;
    } else if (['--check', '--quiet', '--print-ir', '--help', '-h', '--split', '--no-split', '--full-listing'].includes(arg)) flags.add(arg === '-h' ? '--help' : arg);
    else if (arg.startsWith('-')) return { error: `Unknown option ${arg}` };
    else vendors.push(arg);
  }
  const spec = values['--spec'];
  if (spec !== undefined && (values['--vendor'] === undefined || values['--out'] === undefined)) return { error: '--spec needs --vendor <slug> and --out <dir>' };
  if (overlays.length > 0 && spec === undefined) return { error: '--overlay needs --spec <file> (a vendor folder applies its own *.overlay.yaml files)' };
  if (spec !== undefined && vendors.length > 0) return { error: 'Give either vendor names or --spec, not both' };
  if (values['--auth-file'] !== undefined && spec === undefined) return { error: '--auth-file only applies with --spec (a vendor doc declares auth in its x-mcp block)' };
  if (flags.has('--full-listing') && spec === undefined) return { error: '--full-listing only applies with --spec (a vendor doc sets x-mcp.listing: full)' };
  return {
    vendors,
    ...(spec !== undefined ? { spec } : {}),
    overlays,
    ...(values['--vendor'] !== undefined ? { vendor: values['--vendor'] } : {}),
    ...(values['--out'] !== undefined ? { out: values['--out'] } : {}),
    ...(values['--auth-file'] !== undefined ? { authFile: values['--auth-file'] } : {}),
    fullListing: flags.has('--full-listing'),
    check: flags.has('--check'),
    quiet: flags.has('--quiet'),
    printIr: flags.has('--print-ir'),
    ...(flags.has('--split') ? { split: true } : flags.has('--no-split') ? { split: false } : {}),
    help: flags.has('--help'),
  };
}

import { startSimulator } from './index.ts';
import { VENDOR_PROFILES } from './vendor-registry.ts';
import type { SimVendor } from './types.ts';

const VENDORS = Object.keys(VENDOR_PROFILES) as SimVendor[];
const USAGE = 'usage: tsx scripts/simulator/cli.ts <roserocket|malomo|edesk> [--port N] [--token T] [--client-secret S] [--doc PATH]';

function parseArgs(argv: readonly string[]): { vendor: SimVendor; port: number; token?: string; clientSecret?: string; docPath?: string } {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] ?? '';
    if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split('=', 2);
      const value = inline ?? argv[index + 1];
      if (value === undefined) throw new Error(`--${name} needs a value`);
      if (inline === undefined) index += 1;
      flags.set(name ?? '', value);
    } else {
      positional.push(arg);
    }
  }
  const vendor = positional[0] as SimVendor | undefined;
  if (vendor === undefined || !VENDORS.includes(vendor)) throw new Error(`unknown vendor ${vendor ?? '(none)'}`);
  const port = Number(flags.get('port') ?? '0');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, got ${flags.get('port')}`);
  return { vendor, port, token: flags.get('token'), clientSecret: flags.get('client-secret'), docPath: flags.get('doc') };
}

async function main() {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    process.exit(2);
  }
  const simulator = await startSimulator({
    ...args,
    onRequest: (request) => {
      const verdict = request.valid ? 'valid' : `invalid: ${request.errors.join('; ')}`;
      process.stderr.write(`${request.method} ${request.rawUrl} -> ${request.status} ${verdict}\n`);
    },
  });
  process.stdout.write(`${args.vendor} simulator listening at ${simulator.baseUrl} (token: ${simulator.token})\n`);
  const stop = () => {
    void simulator.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();

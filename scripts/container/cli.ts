import path from 'node:path';
import { checkImage } from './image-start.ts';

/**
 * `npm run image:check -- <vendor>`: the image's build and start steps without a container engine
 * (none runs on these machines). Vendor configuration comes from this process's environment.
 */
const vendor = process.argv[2];
if (vendor === undefined) {
  process.stderr.write('Usage: npm run image:check -- <vendor>   (set MCP_TOKEN_SECRET and the vendor credentials in the environment)\n');
  process.exit(2);
}
const env = Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined));
const result = await checkImage({ packageDir: path.join(import.meta.dirname, '..', '..', 'generated', vendor), env });
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);

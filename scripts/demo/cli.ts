import { demoMain } from './demo-main.ts';
import { WORKFLOWS } from './workflows/index.ts';

process.exitCode = await demoMain({
  argv: process.argv.slice(2),
  workflows: WORKFLOWS,
  write: (line) => process.stdout.write(`${line}\n`),
  writeError: (line) => process.stderr.write(`${line}\n`),
  color: process.stdout.isTTY === true && process.env['NO_COLOR'] === undefined,
});

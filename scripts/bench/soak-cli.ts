import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { soakMarkdown } from './remote-section.ts';
import { soakRemote } from './remote-soak.ts';

/**
 * The soak alone (`nice -n 15 tsx scripts/bench/soak-cli.ts [seconds]`, default 600), for settling a
 * memory question without the whole remote bench; writes soak-results.json / soak-results.md here.
 */
const here = import.meta.dirname;
const seconds = Number(process.argv[2] ?? 600);
if (!Number.isInteger(seconds) || seconds < 30) throw new Error(`soak seconds must be an integer of at least 30 (got ${process.argv[2]})`);
const log = (text: string) => process.stderr.write(`${new Date().toISOString()} ${text}\n`);
const soak = await soakRemote({ root: path.resolve(here, '../..'), seconds, clients: 20, everySeconds: 15, log });
const header = `# Soak (issue 21 follow-up)\n\n${new Date().toISOString()}, ${os.cpus().length} cores (shared), load average at the end ${os.loadavg().map((v) => v.toFixed(2)).join(' ')}.\n\n`;
writeFileSync(path.join(here, 'soak-results.json'), `${JSON.stringify(soak, null, 2)}\n`);
writeFileSync(path.join(here, 'soak-results.md'), header + soakMarkdown(soak));

/**
 * A child process that runs only the write stage, so a test can kill it at any point of a write:
 *   node write-child.mjs <trees.json>   (trees.json: [{ dir, files: [{ path, contents }] }])
 */
import { readFileSync } from 'node:fs';
import { writeTrees, type TreeWrite } from '../../generator/write/write-tree.ts';

await writeTrees({ trees: JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as TreeWrite[] });

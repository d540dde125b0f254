import { VENDORS } from '../../scripts/shared/repo-root.ts';
import { fuzzEveryTool } from './fuzz-every-tool.ts';

// Every vendor folder is fuzzed; a new vendor needs no file of its own here (docs/adding-a-vendor.md).
for (const vendor of VENDORS) fuzzEveryTool(vendor);

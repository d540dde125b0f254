import { fuzzEveryTool } from './fuzz-every-tool.ts';

fuzzEveryTool('malomo');

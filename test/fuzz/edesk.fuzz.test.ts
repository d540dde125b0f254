import { fuzzEveryTool } from './fuzz-every-tool.ts';

fuzzEveryTool('edesk');

/**
 * Preloaded with `node --require`: tells whether TypeScript's compiler was evaluated in this process,
 * however it got there (bundled, required, or required by a facade). Evaluating typescript.js
 * reads its watch settings (TSC_WATCHFILE, TSC_WATCH_POLLINGINTERVAL_LOW, …) from the environment
 * at load; nothing else a generation runs reads a TSC_ variable.
 *
 * `globalThis[Symbol.for('vendor-mcp.typescript-evaluated')]()` answers during the run; at exit the
 * answer is written to the file named by VMCP_TYPESCRIPT_PROBE_OUT, when set.
 */
'use strict';
const { writeFileSync } = require('node:fs');

let evaluated = false;
const environment = process.env;
process.env = new Proxy(environment, {
  get(target, key) {
    if (typeof key === 'string' && key.startsWith('TSC_')) evaluated = true;
    return Reflect.get(target, key);
  },
});
globalThis[Symbol.for('vendor-mcp.typescript-evaluated')] = () => evaluated;
process.on('exit', () => {
  const out = environment.VMCP_TYPESCRIPT_PROBE_OUT;
  if (out) writeFileSync(out, JSON.stringify({ evaluated }));
});

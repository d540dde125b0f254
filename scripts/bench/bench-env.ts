/**
 * The environment every timed generation starts in, ours and the peers' alike: the bench's own,
 * less NODE_EXTRA_CA_CERTS. This machine sets it, and with it every node process reads the system
 * CA bundle at start (`node -e 0`: 50 ms, against 20 ms without); no generator here makes a TLS
 * connection, and a user's CI rarely sets it, so it only added the same ~30 ms to every run and
 * pulled every ratio towards 1. (Server starts run in a smaller one: serverBaseEnv, server-bench.ts.)
 */
export function generationEnv(): NodeJS.ProcessEnv {
  const { NODE_EXTRA_CA_CERTS: _machineOnly, ...rest } = process.env;
  return rest;
}

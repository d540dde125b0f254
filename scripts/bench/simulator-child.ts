/**
 * The Malomo simulator in a process of its own, for the per-call overhead bench: a vendor never
 * runs in its client's process, so the direct fetch crosses a process boundary as the server's
 * fetch does, and the bench process's own work (its GC, its stdio parsing) is not the vendor's.
 * Parent → child over IPC: `drain` answers how many requests it recorded and how many failed doc
 * validation, then lets them go (a growing record would grow this heap and its GC pauses).
 */
import { startSimulator } from '../simulator/index.ts';

const sim = await startSimulator({ vendor: process.argv[2] ?? 'malomo', token: process.argv[3] ?? 'test-token' });
process.on('message', (message: { readonly type?: string }) => {
  if (message.type !== 'drain') return;
  const recorded = sim.requests.length;
  const invalid = sim.requests.filter((request) => !request.valid).length;
  sim.requests.length = 0;
  process.send?.({ type: 'drained', recorded, invalid });
});
process.on('disconnect', () => void sim.close().then(() => process.exit(0)));
process.send?.({ type: 'ready', baseUrl: sim.baseUrl });

// Preloaded (NODE_OPTIONS=--require) into soak replicas only, never into a shipped server: on SIGUSR2
// it forces a full garbage collection and writes the live heap to $SOAK_HEAP_FILE, so the soak can
// tell retained memory (a leak) from garbage and allocator slack that RSS alone cannot separate.
'use strict';
const fs = require('node:fs');
const v8 = require('node:v8');
const vm = require('node:vm');

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');
const mb = (bytes) => Math.round(bytes / 104_857.6) / 10;

process.on('SIGUSR2', () => {
  gc();
  const heap = v8.getHeapStatistics();
  const memory = process.memoryUsage();
  fs.writeFileSync(process.env.SOAK_HEAP_FILE, JSON.stringify({ heapUsedMb: mb(heap.used_heap_size), heapTotalMb: mb(heap.total_heap_size), externalMb: mb(memory.external), rssMb: mb(memory.rss) }));
});

// The launcher is CommonJS (scripts/generate.cjs: Node's ES module loader cost a regeneration ~10 ms); this name stays for callers that use it.
import './generate.cjs';

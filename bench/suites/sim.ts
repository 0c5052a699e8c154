/**
 * Simulator throughput at fleet scale (issue 3): class C, 256 KiB image, 10 % redundancy, three
 * gateways, 1 000 / 10 000 / 100 000 devices. Each size runs in a child process so that its peak
 * memory is measured alone.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runJsonChild, type BenchRow, type BenchSuite } from '../harness.js';

const here = dirname(fileURLToPath(import.meta.url));
const once = join(here, '..', 'sim-once.js');
const scenario = join(here, '..', '..', '..', 'bench', 'scenarios', 'classc-town.json');

export const suite: BenchSuite = {
  name: 'sim',
  async run({ smoke }) {
    const sizes = smoke ? [1000] : [1000, 10_000, 100_000];
    const rows: BenchRow[] = [];
    for (const n of sizes) {
      const m = runJsonChild(once, [scenario, String(n)], ['--max-old-space-size=8192']);
      rows.push({ suite: 'sim', case: `classC-256KiB-3gw n=${n}`, metrics: m });
    }
    return rows;
  },
};

/**
 * Speed at national scale (issue 12), each case in its own child process:
 *   bare-loop      the bare reception loop (bench/bare-loop.ts), run before and after the simulator
 *                  cases; the faster of the two is the reference of the ratios
 *   multicast      10 000 devices, 1 MB image, class C, 3 gateways, setup instant (the multicast
 *                  phase: ratio of its device-frames per second to the bare loop's)
 *   campaign       (--campaign) 100 000 devices, 1 MB, 25 gateways, the whole campaign
 *   national       (--large) 1 000 000 devices, 256 KiB, 100 gateways, the whole campaign, and the
 *                  same scenario at 10 000 devices for its cost per device-frame
 * The smoke run shrinks fleets and images to a few seconds in total; its figures check that the
 * harness works, not the speed.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runJsonChild, type BenchOptions, type BenchRow, type BenchSuite } from '../harness.js';

const here = dirname(fileURLToPath(import.meta.url));
const scenarios = join(here, '..', '..', '..', 'bench', 'scenarios');
const simOnce = join(here, '..', 'sim-once.js');
const bareOnce = join(here, '..', 'bare-once.js');

interface SimCase {
  name: string;
  scenario: string;
  devices: number;
  /** overrides firmware.sizeBytes (smoke runs) */
  imageBytes?: number;
}

function simCases({ smoke, campaign, large }: BenchOptions): SimCase[] {
  if (smoke) {
    return [
      { name: 'multicast-1MB-3gw', scenario: 'multicast-1mb-3gw.json', devices: 300, imageBytes: 32768 },
      { name: 'campaign-1MB-25gw', scenario: 'campaign-1mb-25gw.json', devices: 200, imageBytes: 16384 },
    ];
  }
  const out: SimCase[] = [{ name: 'multicast-1MB-3gw', scenario: 'multicast-1mb-3gw.json', devices: 10_000 }];
  if (campaign) out.push({ name: 'campaign-1MB-25gw', scenario: 'campaign-1mb-25gw.json', devices: 100_000 });
  if (large) {
    out.push({ name: 'national-256KiB-100gw', scenario: 'campaign-256kib-100gw.json', devices: 10_000 });
    out.push({ name: 'national-256KiB-100gw', scenario: 'campaign-256kib-100gw.json', devices: 1_000_000 });
  }
  return out;
}

function bare(smoke: boolean): Record<string, number> {
  return smoke ? runJsonChild(bareOnce, ['2000', '1000', '1']) : runJsonChild(bareOnce, ['10000', '4827', '3']);
}

export const suite: BenchSuite = {
  name: 'scale',
  async run(opts) {
    const before = bare(opts.smoke);
    const sims = simCases(opts).map((c) => {
      const args = [join(scenarios, c.scenario), String(c.devices)];
      if (c.imageBytes !== undefined) args.push('--image-bytes', String(c.imageBytes));
      return { c, m: runJsonChild(simOnce, args, ['--max-old-space-size=8192']) };
    });
    const after = bare(opts.smoke);
    const refCpu = Math.max(before.deviceFramesPerCpuS, after.deviceFramesPerCpuS);
    const refWall = Math.max(before.deviceFramesPerS, after.deviceFramesPerS);
    const rows: BenchRow[] = [
      { suite: 'scale', case: 'bare-loop (before)', metrics: before },
      { suite: 'scale', case: 'bare-loop (after)', metrics: after },
    ];
    const costAt10k = new Map<string, number>();
    for (const { c, m } of sims) {
      const metrics: Record<string, number> = {
        ...m,
        ratioToBareCpu: m.deviceFramesPerCpuS / refCpu,
        ratioToBareWall: m.deviceFramesPerS / refWall,
      };
      if (c.devices === 10_000) costAt10k.set(c.name, m.cpuNsPerDeviceFrame);
      const small = costAt10k.get(c.name);
      if (small !== undefined && c.devices > 10_000) metrics.costPerDeviceFrameVs10k = m.cpuNsPerDeviceFrame / small;
      const image = c.imageBytes === undefined ? '' : ` image=${c.imageBytes}B`;
      rows.push({ suite: 'scale', case: `${c.name} n=${c.devices}${image}`, metrics });
    }
    return rows;
  },
};

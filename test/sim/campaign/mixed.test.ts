import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadScenarioFile } from '../../../src/scenario/load.js';
import { simulate } from '../../../src/sim/simulate.js';
import { DEVICE_STATUSES } from '../../../src/sim/types.js';
import { countStatuses, nearFleet } from './fleet.js';

const SHARES = {
  noPackage: 0.06,
  fragAlgoUnsupported: 0.06,
  notEnoughMemory: 0.06,
  fragIndexUnsupported: 0.06,
  wrongDescriptor: 0.06,
  sessionCntReplay: 0.06,
  memoryError: 0.06,
  micError: 0.06,
};

describe('a mixed fleet', () => {
  it('ends each role in its AWS status, from the devices\' own answers, in about the shares asked', () => {
    const n = 400;
    const r = simulate(nearFleet(n, { fuotaTask: { fec: 'v2' }, devices: { mix: SHARES }, completion: { statusRequest: false } }));
    const counts = countStatuses(r);
    // expected 24 each; a binomial (400, 0.06) stays within 10..40 with near certainty
    for (const st of ['FragAlgo_unsupported', 'Not_enough_memory', 'FragIndex_unsupported', 'Wrong_descriptor', 'SessionCnt_replay', 'MemoryError', 'MICError'] as const) {
      expect(counts.get(st) ?? 0, st).toBeGreaterThanOrEqual(10);
      expect(counts.get(st) ?? 0, st).toBeLessThanOrEqual(40);
    }
    // no PackageVersionAns: Package_Not_Supported (a few more may come from answers lost four times)
    expect(counts.get('Package_Not_Supported') ?? 0).toBeGreaterThanOrEqual(10);
    expect(counts.get('Package_Not_Supported') ?? 0).toBeLessThanOrEqual(45);
    expect(counts.get('Successful') ?? 0).toBeGreaterThan(n * 0.4);
    // setup failures never joined the session: no fragment, no decoding
    for (let d = 0; d < n; d++) {
      const st = r.devices.status[d];
      if (['Package_Not_Supported', 'FragAlgo_unsupported', 'Not_enough_memory', 'FragIndex_unsupported', 'Wrong_descriptor', 'SessionCnt_replay'].includes(st)) {
        expect(r.devices.fragmentsReceived[d]).toBe(0);
      }
      if (st === 'MemoryError' || st === 'MICError') expect(Number.isNaN(r.devices.decodedAtS[d])).toBe(false);
    }
  });

  it('shows every AWS status in scenarios/mixed-fleet.json', () => {
    const file = fileURLToPath(new URL('../../../scenarios/mixed-fleet.json', import.meta.url));
    const { scenario } = loadScenarioFile(file);
    const r = simulate(scenario);
    const counts = countStatuses(r);
    for (const st of DEVICE_STATUSES) expect(counts.get(st) ?? 0, st).toBeGreaterThan(0);
    expect(counts.get('Successful')!).toBeGreaterThan(r.summary.devices / 3);
  });
});

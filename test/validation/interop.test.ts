/**
 * Validation case 3: LoRaMac-node FUOTA interoperability test 1 (lorawan-facts 4.4): 995 bytes as 20
 * fragments of 50 bytes plus 5 coded ones, class C, session one minute after setup, clocks within
 * 2 s; every device in range rebuilds the block and its CRC-32 (ts004-algorithm.md 6.3) matches
 * (scenarios/validation/interop-test1.json). docs/validation.md, case 3.
 */
import { describe, expect, it } from 'vitest';
import { runInterop } from '../../bench/validation/measure-campaign.js';
import { deviceSensitivityDbm } from '../../src/radio/sensitivity.js';
import { FragDecoder } from '../../src/fuota/ts004/decoder.js';

const run = runInterop();
const { summary, devices } = run.result;

describe('LoRaMac-node interop test 1 (fuota-test-01)', () => {
  it('sends a 995-byte block as 20 fragments of 50 bytes (5 bytes of padding) plus 5 coded fragments', () => {
    expect(run.blockBytes).toBe(995);
    expect([summary.nbFrag, summary.fragmentSizeBytes, summary.paddingBytes, summary.fragmentsCoded]).toEqual([20, 50, 5, 5]);
  });

  it('starts the class C session one minute after the last device finished setup', () => {
    // the scenario fixes SessionTime; if the setup phase changes length, update it in the file
    expect(run.sessionStartS - run.setupEndS).toBeGreaterThanOrEqual(60);
    expect(run.sessionStartS - run.setupEndS).toBeLessThan(61);
  });

  it('has every device in range and its clock within 2 s at SessionTime', () => {
    const sens = deviceSensitivityDbm(run.result.scenario.devices.radio, 7, 125_000);
    for (let d = 0; d < devices.count; d++) expect(devices.rssiDbm[d]).toBeGreaterThan(sens + 10);
    for (const e of run.clockErrorUs) expect(Math.abs(e)).toBeLessThanOrEqual(2e6);
  });

  it('lets every device rebuild the block, with the CRC-32 of the block that was sent', () => {
    expect(devices.status.every((s) => s === 'Successful')).toBe(true);
    for (const r of run.rebuilt) expect(r).toEqual({ bytes: 995, crc32: run.blockCrc32 });
  });

  it('cannot recover every pair of losses with 5 coded v1 rows: losing fragments 14 and 15 leaves rank 1 of 2', () => {
    // why the scenario keeps devices silent during the session (docs/validation.md, case 3)
    const dec = new FragDecoder({ nbFrag: 20, fragSizeBytes: 50, variant: 'v1', maxLost: 5, payload: false });
    for (let n = 1; n <= 25; n++) if (n !== 14 && n !== 15) dec.feed(n);
    expect([dec.status, dec.lostCount, dec.rank]).toEqual(['ongoing', 2, 1]);
  });
});

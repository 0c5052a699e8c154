/**
 * Validation cases 5c–5f: the energy model's rules against closed forms from the datasheet figures
 * (scenarios/validation/energy-{txpower,listen,beacon-scan,image}.json). docs/validation.md, case 5.
 */
import { describe, expect, it } from 'vitest';
import { measureBeaconScan, measureImageWork, measureListen, measureTxPower } from '../../bench/validation/measure-energy.js';

const V = 3.3;

describe('5c: TX current at devices.txPowerDbm', () => {
  // SX1276: LoRaSim table (mA); SX1262: Semtech LBM HP PA table, DC-DC (mA) — lorawan-facts 5.1, 5.2
  const TABLE_MA: Record<string, Record<number, number>> = {
    sx1276: { 2: 24, 14: 44, 17: 90, 20: 125 },
    sx1262: { 2: 46.2, 14: 89.3, 17: 95.4, 20: 103.8 },
  };
  const rows = measureTxPower();

  it('charges every uplink at the table current of the device\'s power (to float rounding)', () => {
    expect(rows).toHaveLength(8);
    for (const r of rows) for (const a of r.currentA) expect(Math.abs(a * 1e3 / TABLE_MA[r.radio][r.txPowerDbm] - 1)).toBeLessThan(1e-9);
  });

  it('puts the SX1276 at +20 dBm within 5 % of independent module measurements (RAK4260 126.3 mA, RAK4600 125 mA)', () => {
    const at20 = rows.find((r) => r.radio === 'sx1276' && r.txPowerDbm === 20)!.currentA[0];
    for (const measured of [0.1263, 0.125]) expect(Math.abs(at20 / measured - 1)).toBeLessThan(0.05);
  });
});

describe('5d: a device listens until it stops, not until the campaign ends', () => {
  const c = measureListen();

  it('ends the campaign long before the session times out', () => {
    expect(c.campaignS).toBeLessThan(c.sessionTimeoutS / 4);
  });

  it('charges I_RX·V·(T_session − own TX time) within 0.1 %', () => {
    // 0.1 %: the only other terms are the device's clock error at SessionTime (< 1 s of 4096 s,
    // 0.02 %) and none of the receive windows (a class C device listens through them)
    for (let d = 0; d < c.rxJ.length; d++) {
      const expected = c.rxA * V * (c.sessionTimeoutS - c.txS[d]);
      expect(Math.abs(c.rxJ[d] / expected - 1)).toBeLessThan(1e-3);
    }
    expect(c.rxA * V * c.sessionTimeoutS).toBeCloseTo(62.177, 3);
  });
});

describe('5e: the beacon scan before class B', () => {
  const b = measureBeaconScan();

  it('costs I_RX·V·(time to the end of the first beacon − the by-time beacon window), exactly', () => {
    // search from SessionTime − 128 s = 872 s; first beacon at 896 s (startTime on a GPS boundary);
    // EU868 beacon 152.576 ms; by-time window = beacon + 8 symbols of SF9/125 (4.096 ms)
    expect(b.sessionStartS).toBe(1000);
    const scanS = 896 - 872 + 0.152576;
    const windowS = 0.152576 + 8 * 0.004096;
    const expected = b.rxA * V * (scanS - windowS);
    expect(expected).toBeCloseTo(0.363823, 6);
    for (let d = 0; d < b.scanRxJ.length; d++) expect(b.scanRxJ[d] - b.byTimeRxJ[d]).toBeCloseTo(expected, 9);
  });
});

describe('5f: the image work on the STM32L072 profile', () => {
  const rows = measureImageWork();
  // DS10689 / RM0377: 32 MHz, 93 µA/MHz; 128-byte pages and 64-byte half-pages, 3.2 ms each; 0.5 mA flash
  const runA = 93e-6 * 32;
  const flashW = V * (runA + 0.5e-3);
  const eraseJ = (bytes: number) => flashW * Math.ceil(bytes / 128) * 3.2e-3;
  const programJ = (bytes: number) => flashW * (bytes / 64) * 3.2e-3;

  it('stores, checks and installs as the datasheet figures add up, for every install mode', () => {
    expect(rows.map((r) => r.imageApply)).toEqual(['overwrite', 'swap-move', 'bank-switch']);
    for (const r of rows) {
      // SHA-256 195 cycles/byte; ECDSA P-256 verify 583.85 ms × 48 MHz (SEGGER emCrypt, Cortex-M0)
      const verify = V * runA * (r.payloadBytes * 195 + 583.85e-3 * 48e6) / 32e6;
      const once = eraseJ(r.imageBytes) + programJ(r.imageBytes);
      const passes = { overwrite: 1, 'swap-move': 3, 'bank-switch': 0 }[r.imageApply]!;
      for (let d = 0; d < r.storeJ.length; d++) {
        expect(r.status[d]).toBe('Successful');
        expect(r.fragmentsReceived[d]).toBe(r.nbFrag);
        expect(r.storeJ[d]).toBeCloseTo(eraseJ(r.nbFrag * r.fragmentBytes) + programJ(r.fragmentsReceived[d] * r.fragmentBytes), 9);
        expect(r.verifyJ[d]).toBeCloseTo(verify, 9);
        expect(r.applyJ[d]).toBeCloseTo(passes * once, 9);
      }
    }
  });

  it('adds about half a joule per device for a 256 KiB image (erase 6.6 s, program 13.1 s, check 2.5 s, install 19.7 s of MCU time)', () => {
    const r = rows[0];
    const total = r.storeJ[0] + r.verifyJ[0] + r.applyJ[0];
    expect(total).toBeGreaterThan(0.4);
    expect(total).toBeLessThan(0.6);
  });
});

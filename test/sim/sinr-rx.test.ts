import { describe, expect, it } from 'vitest';
import { frameErrorRate, frameSymbols } from '../../src/radio/per.js';
import { gatewaySensitivityDbm, noiseFloorDbm } from '../../src/radio/sensitivity.js';
import { gatewayReceiverKey, SinrReceivers } from '../../src/sim/sinr-rx.js';
import { makeScenario } from '../helpers/scenario.js';

describe('SINR receivers of a run', () => {
  const s = makeScenario({ channel: { reception: 'sinr' } });
  const rx = new SinrReceivers(s);

  it('gateway noise floor and the uplink table: 10 % PER for a 12-byte frame at the sensitivity', () => {
    expect(rx.gatewayNoiseDbm(125_000)).toBeCloseTo(noiseFloorDbm(125_000, 1.5), 12);
    const sf = 9;
    const table = rx.uplinkTable(sf, 125_000, 12);
    const snr = gatewaySensitivityDbm(sf, 125_000) - rx.gatewayNoiseDbm(125_000);
    const n = frameSymbols(sf, 125_000, 12, true);
    expect(1 - frameErrorRate(snr, sf, n, rx.gateway.lossDb[sf])).toBeCloseTo(0.9, 6);
    let ok = 0;
    for (let k = 0; k < 20_000; k++) if (rx.receives(table, snr, 3, k)) ok++;
    expect(ok / 20_000).toBeGreaterThan(0.89);
    expect(ok / 20_000).toBeLessThan(0.91);
  });

  it('the draw is a pure function of receiver and frame keys', () => {
    const table = rx.downlinkTable(12, 125_000, 60);
    const snr = -21.5;
    const a = Array.from({ length: 200 }, (_, k) => rx.receives(table, snr, k, 7));
    const b = Array.from({ length: 200 }, (_, k) => rx.receives(table, snr, k, 7));
    expect(a).toEqual(b);
    expect(a.some((x) => x) && a.some((x) => !x)).toBe(true);
  });

  it('external load adds equivalent noise only when configured', () => {
    expect(rx.externalMw(gatewayReceiverKey(100, 0), 868_100_000, 0, 1e7, 9)).toBe(0);
    const loaded = new SinrReceivers(makeScenario({ channel: { reception: 'sinr', externalLoad: { airtimeShare: 0.5, frameMs: 50, powerDbm: -100, powerSigmaDb: 0, spreadingFactors: [9] } } }));
    let mw = 0;
    for (let t = 0; t < 100; t++) mw += loaded.externalMw(0, 868_100_000, t * 1e6, (t + 1) * 1e6, 9) / 100;
    // on average half the time one co-SF frame at −100 dBm, weighted by 10^((6 + 12.5)/10)
    expect(mw / (10 ** (-10) * 10 ** 1.85)).toBeGreaterThan(0.42);
    expect(mw / (10 ** (-10) * 10 ** 1.85)).toBeLessThan(0.58);
    const dbm = new Float64Array(8), sfs = new Float64Array(8);
    const n = loaded.appendExternal(0, 868_100_000, 0, 1e6, dbm, sfs, 2);
    expect(n).toBeGreaterThan(2);
    expect(dbm[2]).toBe(-100);
    expect(sfs[2]).toBe(9);
  });
});

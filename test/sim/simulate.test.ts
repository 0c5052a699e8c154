import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/sim/simulate.js';
import { makeScenario } from '../helpers/scenario.js';
import { DEVICE_STATUSES } from '../../src/sim/types.js';

const near = { placement: { kind: 'disc' as const, radiusM: 300, centerM: [0, 0] as [number, number] } };

describe('simulate (class C distribution)', () => {
  it('gives identical results for the same scenario and seed', () => {
    const s = makeScenario({ devices: { count: 80 }, channel: { burst: { model: 'gilbert-elliott' } }, outputs: { transmissions: true } });
    const a = simulate(s);
    const b = simulate(s);
    expect(a.summary).toEqual(b.summary);
    expect(Array.from(a.devices.decodedAtS)).toEqual(Array.from(b.devices.decodedAtS));
    expect(Array.from(a.transmissions.startUs)).toEqual(Array.from(b.transmissions.startUs));
    expect(a.devices.status).toEqual(b.devices.status);
  });

  it('changes with the seed', () => {
    const s = makeScenario({ devices: { count: 80 }, channel: { burst: { model: 'gilbert-elliott' } } });
    const a = simulate(s);
    const b = simulate({ ...s, seed: 2 });
    expect(Array.from(a.devices.xM)).not.toEqual(Array.from(b.devices.xM));
  });

  it('updates every device of a lossless close-range fleet exactly at fragment M', () => {
    const s = makeScenario({ devices: { count: 20, ...near }, channel: { shadowingSigmaDb: 0 }, traffic: { uplinkIntervalS: 0 } });
    const r = simulate(s);
    expect(r.summary.devicesUpdated).toBe(20);
    expect(new Set(r.devices.status)).toEqual(new Set(['Successful']));
    for (let d = 0; d < 20; d++) expect(r.devices.fragmentsNeeded[d]).toBe(r.summary.nbFrag);
    // the 4096-byte image behind its 53-byte manifest (signature none) is 4149 B in 200-byte
    // fragments: 21 fragments, 51 bytes of padding, ceil(2.1) = 3 coded
    expect([r.summary.nbFrag, r.summary.paddingBytes, r.summary.fragmentsCoded]).toEqual([21, 51, 3]);
    expect(r.summary.timeToAllS).not.toBeNull();
  });

  it('never lets a device decode before it holds M fragments', () => {
    const s = makeScenario({ devices: { count: 200 }, channel: { burst: { model: 'gilbert-elliott', meanBurstS: 3.3, meanGapS: 20, lossBad: 0.9 }, extraLoss: 0.05 }, fuotaTask: { redundancyPercent: 40 } });
    const r = simulate(s);
    let decoded = 0;
    for (let d = 0; d < r.devices.count; d++) {
      if (Number.isNaN(r.devices.decodedAtS[d])) continue;
      decoded++;
      expect(r.devices.fragmentsNeeded[d]).toBeGreaterThanOrEqual(r.summary.nbFrag);
      expect(r.devices.fragmentsReceived[d]).toBeGreaterThanOrEqual(r.devices.fragmentsNeeded[d]);
    }
    expect(decoded).toBeGreaterThan(0);
  });

  it('does not change a device when another device joins the fleet (no shared traffic)', () => {
    const base = { channel: { burst: { model: 'gilbert-elliott' as const } }, traffic: { uplinkIntervalS: 0 } };
    const a = simulate(makeScenario({ ...base, devices: { count: 40 } }));
    const b = simulate(makeScenario({ ...base, devices: { count: 41 } }));
    for (let d = 0; d < 40; d++) {
      expect(b.devices.xM[d]).toBe(a.devices.xM[d]);
      expect(b.devices.fragmentsReceived[d]).toBe(a.devices.fragmentsReceived[d]);
      expect(b.devices.decodedAtS[d]).toBe(a.devices.decodedAtS[d]);
    }
  });

  it('reports a rebuilt image as Successful only when its bytes match (payload sample), MICError when tampered', () => {
    const s = makeScenario({ devices: { count: 10, ...near }, simulation: { payloadSampleDevices: 10 }, traffic: { uplinkIntervalS: 0 } });
    expect(simulate(s).devices.status.every((x) => x === 'Successful')).toBe(true);
    const t = simulate({ ...s, firmware: { ...s.firmware, tamperBytes: 2 } });
    expect(t.devices.status.every((x) => x === 'MICError')).toBe(true);
    expect(t.summary.devicesUpdated).toBe(0);
  });

  it('assigns each mixed-fleet role its AWS status', () => {
    const s = makeScenario({
      fuotaTask: { fec: 'v2' },
      devices: { count: 300, ...near, mix: { noPackage: 0.1, notEnoughMemory: 0.1, fragIndexUnsupported: 0.1, wrongDescriptor: 0.1, sessionCntReplay: 0.1, micError: 0.1 } },
      traffic: { uplinkIntervalS: 0 },
    });
    const r = simulate(s);
    const counts = new Map<string, number>();
    for (const st of r.devices.status) counts.set(st, (counts.get(st) ?? 0) + 1);
    for (const st of ['Package_Not_Supported', 'Not_enough_memory', 'FragIndex_unsupported', 'Wrong_descriptor', 'SessionCnt_replay', 'MICError', 'Successful']) {
      expect(counts.get(st) ?? 0).toBeGreaterThan(10);
    }
    expect([...counts.keys()].every((k) => (DEVICE_STATUSES as readonly string[]).includes(k))).toBe(true);
  });

  it('reports MemoryError for devices that lose more fragments than their decoder can hold', () => {
    const s = makeScenario({ devices: { count: 60, ...near, memoryFragments: 1 }, channel: { extraLoss: 0.2 }, fuotaTask: { redundancyPercent: 60 }, traffic: { uplinkIntervalS: 0 } });
    const r = simulate(s);
    expect(r.devices.status.filter((x) => x === 'MemoryError').length).toBeGreaterThan(10);
    for (let d = 0; d < 60; d++) if (r.devices.status[d] === 'MemoryError') expect(Number.isNaN(r.devices.decodedAtS[d])).toBe(true);
  });

  it('times the fleet by rebuild-and-verify, while Successful waits for the confirmed reboot', () => {
    // the run is cut at 80 s: every device has rebuilt and verified the image (21.3 s), none can have
    // confirmed its reboot yet (rebootDelayS 60 after the rebuild)
    const s = makeScenario({ devices: { count: 10, ...near }, channel: { shadowingSigmaDb: 0 }, simulation: { maxDurationS: 80 } });
    const r = simulate(s);
    expect(r.summary.devicesUpdated).toBe(0);
    expect(new Set(r.devices.status)).toEqual(new Set(['MissingFrag']));
    expect(r.summary.timeToAllS).not.toBeNull();
    expect(r.summary.timeToAllS!).toBeLessThan(80);
    expect(r.summary.timeToAllS).toBe(Math.max(...Array.from(r.devices.decodedAtS)));
  });

  it('keeps every uplink within the 400 ms dwell time of US915 (slow data rates ruled out)', () => {
    const s = makeScenario({
      region: 'US915',
      multicastGroup: { dlDr: 13, dlFreq: 923300000 },
      devices: { count: 40, placement: { kind: 'disc', radiusM: 8000, centerM: [0, 0] } },
      traffic: { uplinkIntervalS: 300, payloadBytes: 40 },
      outputs: { transmissions: true },
    });
    const t = simulate(s).transmissions;
    let uplinks = 0;
    for (let i = 0; i < t.count; i++) {
      if (t.node[i] >= 0) continue;
      uplinks++;
      expect(t.airtimeUs[i]).toBeLessThanOrEqual(400_000);
    }
    expect(uplinks).toBeGreaterThan(100);
  });
});

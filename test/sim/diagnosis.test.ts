/**
 * Why devices were not updated (sim/diagnosis.ts): one reason per device, first match in REASONS
 * order, and the numbers behind the next step (a data rate that reaches the devices out of reach,
 * the redundancy the devices short of fragments needed).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NO_REASON, diagnose, type DeviceFacts, type SessionFacts } from '../../src/sim/diagnosis.js';
import { simulate } from '../../src/sim/simulate.js';
import { REASONS, type Reason, type RunResult } from '../../src/sim/types.js';
import { LOSSY, nearFleet } from './campaign/fleet.js';

interface Device {
  successful?: boolean;
  refused?: boolean;
  rebuilt?: boolean;
  setUp?: boolean;
  readyLater?: boolean;
  classAMarginDb?: number;
  sessionRxDbm?: number;
  received?: number;
  needed?: number;
}

/** Facts of a fleet given device by device; by default a set-up device in reach that is short of fragments. */
function facts(devices: Device[]): DeviceFacts {
  const n = devices.length;
  const u8 = (f: (d: Device) => boolean | undefined, dflt: boolean) => Uint8Array.from(devices, (d) => ((f(d) ?? dflt) ? 1 : 0));
  return {
    count: n,
    successful: u8((d) => d.successful, false),
    refused: u8((d) => d.refused, false),
    rebuilt: u8((d) => d.rebuilt, false),
    setUp: u8((d) => d.setUp, true),
    readyLater: u8((d) => d.readyLater, false),
    classAMarginDb: Float64Array.from(devices, (d) => d.classAMarginDb ?? 10),
    sessionRxDbm: Float64Array.from(devices, (d) => d.sessionRxDbm ?? -100),
    fragmentsReceived: Int32Array.from(devices, (d) => d.received ?? 0),
    fragmentsNeeded: Int32Array.from(devices, (d) => d.needed ?? -1),
  };
}

/** EU868-like: the session at SF7 (−123 dBm), slower rates down to SF12. */
const SESSION: SessionFacts = {
  multicast: true,
  sensitivityDbm: -123,
  slowerDrs: [
    { dr: 4, sensitivityDbm: -126 },
    { dr: 3, sensitivityDbm: -129 },
    { dr: 2, sensitivityDbm: -132 },
    { dr: 1, sensitivityDbm: -133 },
    { dr: 0, sensitivityDbm: -136 },
  ],
  nbFrag: 100,
  fragmentsSent: 110,
};

const reasonsOf = (f: DeviceFacts, s = SESSION): Array<Reason | null> => [...diagnose(f, s).reason].map((r) => (r === NO_REASON ? null : REASONS[r]));

describe('the reason of each device', () => {
  it('takes the first that applies, in REASONS order', () => {
    const f = facts([
      { successful: true },
      { refused: true, rebuilt: true, setUp: false, classAMarginDb: -5 },
      { rebuilt: true, classAMarginDb: -0.5 },
      { setUp: false, classAMarginDb: -0.5, readyLater: true },
      { rebuilt: true, sessionRxDbm: -130 },
      { setUp: false, readyLater: true },
      { setUp: false },
      { sessionRxDbm: -123.5 },
      { sessionRxDbm: -123 },
    ]);
    expect(reasonsOf(f)).toEqual([null, 'deviceRefused', 'noCoverage', 'noCoverage', 'notConfirmed', 'setupTooLate', 'setupFailed', 'outOfReach', 'missingFragments']);
  });

  it('never says out of reach in unicast mode (there is no session data rate)', () => {
    expect(reasonsOf(facts([{ sessionRxDbm: -200 }]), { ...SESSION, multicast: false })).toEqual(['missingFragments']);
  });

  it('counts every device not Successful exactly once, every reason listed in order', () => {
    const device = fc.record({
      successful: fc.boolean(), refused: fc.boolean(), rebuilt: fc.boolean(), setUp: fc.boolean(), readyLater: fc.boolean(),
      classAMarginDb: fc.double({ min: -20, max: 20, noNaN: true }), sessionRxDbm: fc.double({ min: -150, max: -90, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(device, { maxLength: 60 }), (devices) => {
        const d = diagnose(facts(devices), SESSION);
        expect(Object.keys(d.counts)).toEqual([...REASONS]);
        const total = Object.values(d.counts).reduce((a, b) => a + b, 0);
        expect(total).toBe(devices.filter((x) => !x.successful).length);
        for (const r of REASONS) expect([...d.reason].filter((k) => REASONS[k] === r).length).toBe(d.counts[r]);
        expect(diagnose(facts(devices), SESSION)).toEqual(d); // deterministic
      }),
    );
  });
});

describe('a data rate for the devices out of reach', () => {
  it('is the fastest slower rate that reaches all of them', () => {
    const d = diagnose(facts([{ sessionRxDbm: -125 }, { sessionRxDbm: -128.5 }, { sessionRxDbm: -120 }]), SESSION);
    expect(d.counts.outOfReach).toBe(2);
    expect([d.reachDr, d.reachDrDevices]).toEqual([3, 2]);
  });

  it('is the rate that reaches the most of them when none reaches all, and none when nothing reaches any', () => {
    const some = diagnose(facts([{ sessionRxDbm: -135 }, { sessionRxDbm: -140 }]), SESSION);
    expect([some.reachDr, some.reachDrDevices]).toEqual([0, 1]);
    const none = diagnose(facts([{ sessionRxDbm: -140 }]), SESSION);
    expect([none.reachDr, none.reachDrDevices]).toEqual([null, null]);
    const inReach = diagnose(facts([{ sessionRxDbm: -100 }]), SESSION);
    expect(inReach.reachDr).toBeNull();
  });
});

describe('the redundancy the devices short of fragments needed', () => {
  it('is k·S/r − 1 at the 90th percentile of those devices, k the overhead of the devices that rebuilt', () => {
    // one device held 55 of 110 sent: with no overhead it needed 110/55 − 1 = 100 %
    expect(diagnose(facts([{ received: 55 }]), SESSION).redundancyNeededPercent).toBe(100);
    // devices that rebuilt needed 105 fragments of 100 (k = 1.05): 1.05 · 110 / 55 − 1 = 110 %
    const withOverhead = facts([{ received: 55 }, { successful: true, needed: 105 }, { successful: true, needed: 105 }]);
    expect(diagnose(withOverhead, SESSION).redundancyNeededPercent).toBe(110);
    // devices needing 0, 10, 25, 37.5 and 100 %: the 90th percentile (type 7) is 37.5 + 0.6 · 62.5 = 75 %
    const five = facts([110, 100, 88, 80, 55].map((received) => ({ received })));
    expect(diagnose(five, SESSION).redundancyNeededPercent).toBe(75);
  });

  it('leaves out devices that held nothing (redundancy cannot help them), and is null without any', () => {
    expect(diagnose(facts([{ received: 0 }, { received: 100 }]), SESSION).redundancyNeededPercent).toBe(10);
    expect(diagnose(facts([{ received: 0 }]), SESSION).redundancyNeededPercent).toBeNull();
    expect(diagnose(facts([{ successful: true }]), SESSION).redundancyNeededPercent).toBeNull();
  });
});

describe('in a run', () => {
  const QUIET = { completion: { statusRequest: false } };
  const reasonsOfRun = (r: RunResult) => Object.fromEntries(Object.entries(r.summary.reasons).filter(([, n]) => n > 0));

  it('says no coverage for devices no gateway hears at any data rate, and nothing for the others', () => {
    const r = simulate(nearFleet(3, { ...QUIET, devices: { placement: { kind: 'list', positions: [[100, 0], [200, 0], [40_000, 0]] } } }));
    expect(reasonsOfRun(r)).toEqual({ noCoverage: 1 });
    expect(r.devices.status[2]).toBe('Initial');
    expect(REASONS[r.devices.reason[2]]).toBe('noCoverage');
  });

  it('says set up too late when the booking cut setup short, and a longer lead would have reached them', () => {
    const r = simulate(nearFleet(60, { ...QUIET, multicastGroup: { sessionStart: 1200 } }));
    expect(r.summary.reasons.setupTooLate).toBeGreaterThan(0);
    expect(r.summary.reasons.setupTooLate).toBe(r.summary.statusCounts.Initial);
    expect(r.summary.leadTimeFor99S!).toBeGreaterThan(1200);
  });

  // 4.7 km on the gentle channel: 153.1 dB, −126.1 dBm at 27 dBm; SF7 needs −123, SF8 −126, SF9 −129
  const positions: Array<[number, number]> = [[100, 0], [4700, 0], [-4700, 0]];
  const far = { ...QUIET, fuotaTask: { fragmentSizeBytes: 100, redundancyPercent: 30 }, devices: { placement: { kind: 'list' as const, positions } } };

  it('says out of reach at the session data rate, names the rate that reaches them, and that rate does', () => {
    const r = simulate(nearFleet(3, far));
    expect(reasonsOfRun(r)).toEqual({ outOfReach: 2 });
    expect([r.summary.reachDr, r.summary.reachDrDevices]).toEqual([3, 2]);
    const slower = simulate(nearFleet(3, { ...far, multicastGroup: { dlDr: r.summary.reachDr! } }));
    expect(slower.summary.reasons.outOfReach).toBe(0);
    expect(slower.summary.devicesUpdated).toBe(3);
  });

  it('says missing fragments on a lossy channel, and the redundancy it names lets most of them rebuild the image', () => {
    const r = simulate(nearFleet(60, { ...QUIET, ...LOSSY }));
    const missing = r.summary.reasons.missingFragments;
    expect(missing).toBeGreaterThan(5);
    const needed = r.summary.redundancyNeededPercent!;
    expect(needed).toBeGreaterThan(5);
    const more = simulate(nearFleet(60, { ...QUIET, ...LOSSY, fuotaTask: { redundancyPercent: needed } }));
    expect(more.summary.reasons.missingFragments).toBeLessThanOrEqual(Math.ceil(0.25 * missing));
  });

  it('says not confirmed for devices that rebuilt the image when the run ends before their reboot is confirmed', () => {
    const full = simulate(nearFleet(10, { multicastGroup: { sessionStart: 1800 } }));
    const decodedS = Math.max(...full.devices.decodedAtS);
    const cut = simulate(nearFleet(10, { multicastGroup: { sessionStart: 1800 }, simulation: { maxDurationS: decodedS + 1 } }));
    expect(cut.summary.devicesRebuilt).toBe(10);
    expect(reasonsOfRun(cut)).toEqual({ notConfirmed: 10 });
  });
});

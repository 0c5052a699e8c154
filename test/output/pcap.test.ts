/**
 * The frame capture end to end: a small run is written as pcap bytes and read back with our own
 * reader and frame codec. Every frame must have the length the airtime was charged for, carry a MIC
 * that checks under the run's keys, and carry the real command bytes and the real image.
 */
import { describe, expect, it } from 'vitest';
import { decodeBeacon } from '../../src/lorawan/beacon-frame.js';
import { decodeDataFrame, MTYPE } from '../../src/lorawan/frame-codec.js';
import { FPORTS } from '../../src/lorawan/frames.js';
import { decodeDownlink, decodeUplink } from '../../src/fuota/ts004/commands.js';
import { FragDecoder } from '../../src/fuota/ts004/decoder.js';
import { fromHex } from '../../src/fuota/ts004/hex.js';
import { fragmentPlan } from '../../src/fuota/ts004/sizing.js';
import type { FirmwarePackage } from '../../src/fuota/image/package.js';
import { captureChunks, frameCaptureOptions, runKeys, wiresharkKeyLines } from '../../src/output/pcap.js';
import { readPcap } from '../../src/output/pcap-format.js';
import { isoToGpsUs } from '../../src/lorawan/gps.js';
import { simulate } from '../../src/sim/simulate.js';
import { TX_KINDS, type RunResult } from '../../src/sim/types.js';
import type { ResolvedScenario } from '../../src/scenario/types.js';
import { makeScenario } from '../helpers/scenario.js';

interface Captured {
  result: RunResult;
  pkg: FirmwarePackage;
  sessionStartUs: number;
  bytes: Uint8Array;
}

function capture(s: ResolvedScenario): Captured {
  const c = frameCaptureOptions();
  let pkg: FirmwarePackage | null = null;
  const result = simulate(s, {
    ...c.options,
    onFinish: (ctx, campaign, p) => {
      pkg = p;
      c.options.onFinish(ctx, campaign, p);
    },
  });
  return { result, pkg: pkg!, sessionStartUs: c.taken().sessionStartUs, bytes: Buffer.concat([...captureChunks(result, c.taken())]) };
}

const near = { placement: { kind: 'disc' as const, radiusM: 800, centerM: [0, 0] as [number, number] } };
const classC = makeScenario({
  devices: { count: 5, ...near },
  firmware: { sizeBytes: 1500, signature: 'ecdsa-p256' },
  fuotaTask: { fragmentSizeBytes: 100, redundancyPercent: 20 },
  gateways: { positions: [[0, 0], [400, 0]] },
  setup: { mode: 'classA' },
  traffic: { uplinkIntervalS: 600, payloadBytes: 11 },
  completion: { statusRequest: true, repairRounds: 1, rebootDelayS: 60 },
});

/** Every frame of a capture decoded with the run's keys. */
function decodeAll(c: Captured) {
  const keys = runKeys(c.result);
  const byAddr = new Map<number, { nwkSKey: Uint8Array; appSKey: Uint8Array }>([[keys.mcAddr, keys.multicast]]);
  for (let d = 0; d < c.result.devices.count; d++) byAddr.set(keys.devAddr(d), keys.device(d));
  const t = c.result.transmissions;
  return readPcap(c.bytes).map((p, i) => {
    if (TX_KINDS[t.kind[i]] === 'beacon') return { i, p, beacon: decodeBeacon(p.phyPayload), frame: null };
    const addr = new DataView(p.phyPayload.buffer, p.phyPayload.byteOffset).getUint32(1, true);
    const fCnt16 = new DataView(p.phyPayload.buffer, p.phyPayload.byteOffset).getUint16(6, true);
    return { i, p, beacon: null, frame: decodeDataFrame(p.phyPayload, byAddr.get(addr)!, fCnt16) };
  });
}

describe('frame capture (--pcap)', () => {
  const c = capture(classC);
  const t = c.result.transmissions;
  const frames = decodeAll(c);

  it('has one packet per logged frame, each as long as the PHYPayload the airtime was charged for', () => {
    expect(frames.length).toBe(t.count);
    expect(t.count).toBeGreaterThan(50);
    const start = Date.parse(classC.startTime) * 1000;
    for (const { i, p } of frames) {
      expect(p.phyPayload.length).toBe(t.phyPayloadBytes[i]);
      expect(p.unixUs).toBe(start + Math.round(t.startUs[i]));
      expect([p.frequencyHz, p.sf, p.bandwidthCode, p.syncWord]).toEqual([t.frequencyHz[i], t.sf[i], t.bwHz[i] / 125_000, 0x34]);
    }
  });

  it('gives every frame a MIC that checks under its device or group keys, with the right direction', () => {
    for (const { i, frame } of frames) {
      expect(frame!.micOk, `frame ${i}`).toBe(true);
      expect(frame!.mtype).toBe(t.node[i] < 0 ? MTYPE.unconfirmedDataUp : MTYPE.unconfirmedDataDown);
    }
  });

  it('counts FCnt per device and direction, and McFCnt per group frame (the same on every gateway)', () => {
    const next = new Map<string, number>();
    for (const { i, frame } of frames) {
      const key = `${frame!.devAddr}/${frame!.mtype}/${frame!.devAddr === runKeys(c.result).mcAddr ? t.node[i] : ''}`;
      const want = next.get(key) ?? 0;
      expect(frame!.fCnt16, `frame ${i}`).toBe(want);
      next.set(key, want + 1);
    }
  });

  it('carries the real image: the multicast fragments rebuild the firmware package byte for byte', () => {
    const plan = fragmentPlan(c.pkg.payload.length, classC.fuotaTask.fragmentSizeBytes, classC.fuotaTask.redundancyPercent);
    const dec = new FragDecoder({ nbFrag: plan.nbFrag, fragSizeBytes: classC.fuotaTask.fragmentSizeBytes, variant: 'v1', maxLost: null, payload: true, paddingBytes: plan.paddingBytes });
    // two uncoded fragments left out: the decoder has to rebuild them from the coded ones
    const skipped = new Set([2, plan.nbFrag - 1]);
    let coded = 0;
    for (const { frame } of frames) {
      if (frame!.fPort !== FPORTS.fragmentation || frame!.mtype !== MTYPE.unconfirmedDataDown || frame!.devAddr !== runKeys(c.result).mcAddr) continue;
      for (const cmd of decodeDownlink(frame!.payload, 1)) {
        if (cmd.name !== 'DataFragment' || skipped.has(cmd.n)) continue;
        expect(cmd.fragIndex).toBe(classC.fuotaTask.fragIndex);
        if (cmd.n > plan.nbFrag) coded++;
        dec.feed(cmd.n, cmd.payload);
      }
    }
    expect(coded).toBeGreaterThan(0);
    expect(dec.status).toBe('decoded');
    expect(Buffer.from(dec.result()).equals(Buffer.from(c.pkg.payload))).toBe(true);
  });

  it('carries the real setup commands with the run values', () => {
    const plan = fragmentPlan(c.pkg.payload.length, classC.fuotaTask.fragmentSizeBytes, classC.fuotaTask.redundancyPercent);
    const setups = frames.flatMap(({ frame }) => (frame!.fPort === FPORTS.fragmentation && frame!.mtype === MTYPE.unconfirmedDataDown ? decodeDownlink(frame!.payload, 1) : []))
      .filter((cmd) => cmd.name === 'FragSessionSetupReq');
    expect(setups.length).toBeGreaterThanOrEqual(classC.devices.count);
    for (const cmd of setups) {
      expect(cmd).toMatchObject({ nbFrag: plan.nbFrag, fragSize: 100, padding: plan.paddingBytes, fragIndex: classC.fuotaTask.fragIndex, mcGroupBitMask: 1, blockAckDelay: 1 });
      expect(Array.from(cmd.name === 'FragSessionSetupReq' ? cmd.descriptor : [])).toEqual(Array.from(fromHex(classC.fuotaTask.descriptor)));
    }
    const answers = frames.flatMap(({ frame }) => (frame!.fPort === FPORTS.fragmentation && frame!.mtype === MTYPE.unconfirmedDataUp ? decodeUplink(frame!.payload, 1) : []));
    expect(answers.some((a) => a.name === 'FragSessionSetupAns' && !a.notEnoughMemory && !a.wrongDescriptor)).toBe(true);
    expect(answers.some((a) => a.name === 'PackageVersionAns' && a.packageIdentifier === 3)).toBe(true);
    // the session request (TS005 port 200) names the session's start, frequency and data rate
    const gps0 = isoToGpsUs(classC.startTime);
    const sessionReqs = frames.filter(({ frame }) => frame!.mtype === MTYPE.unconfirmedDataDown && frame!.fPort === FPORTS.multicastSetup && frame!.payload[0] === 0x04);
    expect(sessionReqs.length).toBeGreaterThan(0);
    for (const { frame } of sessionReqs) {
      const v = new DataView(frame!.payload.buffer, frame!.payload.byteOffset);
      expect(v.getUint32(2, true)).toBe(Math.floor((gps0 + c.sessionStartUs) / 1e6));
      expect((frame!.payload[7] | (frame!.payload[8] << 8) | (frame!.payload[9] << 16)) * 100).toBe(classC.multicastGroup.dlFreq);
      expect(frame!.payload[10]).toBe(classC.multicastGroup.dlDr);
    }
  });

  it('fills a background uplink with zeros of its payload size on FPort 1', () => {
    const bg = frames.filter(({ i }) => TX_KINDS[t.kind[i]] === 'uplink' && t.phyPayloadBytes[i] === 11 + 13);
    expect(bg.length).toBeGreaterThan(0);
    for (const { frame } of bg) {
      expect(frame!.fPort).toBe(1);
      expect(Array.from(frame!.payload)).toEqual(new Array(11).fill(0));
    }
  });

  it('is byte-identical for the same scenario and seed (ECDSA-signed image included), and differs for another seed', () => {
    expect(Buffer.from(capture(classC).bytes).equals(Buffer.from(c.bytes))).toBe(true);
    expect(Buffer.from(capture({ ...classC, seed: 2 }).bytes).equals(Buffer.from(c.bytes))).toBe(false);
  });

  it('lists every address with its keys for Wireshark, in both table forms', () => {
    const keys = runKeys(c.result);
    const now = [...wiresharkKeyLines(keys, 5, 'session_keys_lorawan')];
    const old = [...wiresharkKeyLines(keys, 5, 'encryption_keys_lorawan')];
    expect(now).toHaveLength(7);
    expect(now[1]).toBe(`"01abcdef","${Buffer.from(keys.multicast.nwkSKey).toString('hex')}","${Buffer.from(keys.multicast.appSKey).toString('hex')}"\n`);
    expect(old[1]).toMatch(/^"efcdab01","[0-9a-f]{32}","[0-9a-f]{32}","0000000000000000"\n$/);
    expect(old[2]).toMatch(/^"01000000",/);
  });
});

describe('frame capture of class B and unicast runs', () => {
  it('writes class B beacons with valid CRCs and the GPS time of their start', () => {
    const s = makeScenario({ devices: { count: 3, ...near }, firmware: { sizeBytes: 600 }, multicastGroup: { dlClass: 'ClassB', pingSlotPeriod: 32 }, traffic: { uplinkIntervalS: 0 } });
    const c = capture(s);
    const gps0 = isoToGpsUs(s.startTime);
    const beacons = decodeAll(c).filter((f) => f.beacon);
    expect(beacons.length).toBeGreaterThan(0);
    for (const { i, beacon, p } of beacons) {
      expect(beacon!.crcOk).toBe(true);
      expect(beacon!.gpsS % 128).toBe(0);
      expect(beacon!.gpsS).toBe(Math.round((gps0 + c.result.transmissions.startUs[i]) / 1e6));
      expect(p.phyPayload.length).toBe(17);
    }
  });

  it('carries unicast fragments to each device under its own keys, FPending while more follow', () => {
    const s = makeScenario({ devices: { count: 3, ...near }, firmware: { sizeBytes: 300 }, fuotaTask: { mode: 'unicast', fragmentSizeBytes: 48, fragIndex: 0 }, setup: { mode: 'classA' }, traffic: { uplinkIntervalS: 300 } });
    const c = capture(s);
    const frags = decodeAll(c).filter(({ frame }) => frame && frame.mtype === MTYPE.unconfirmedDataDown && frame.fPort === FPORTS.fragmentation && frame.payload[0] === 0x08);
    expect(frags.length).toBeGreaterThan(0);
    const mc = runKeys(c.result).mcAddr;
    for (const { frame } of frags) expect(frame!.devAddr).not.toBe(mc);
    const pending = frags.filter(({ frame }) => (frame!.fCtrl & 0x10) !== 0);
    expect(pending.length).toBeGreaterThan(0);
    expect(pending.length).toBeLessThan(frags.length);
  });

  it('carries a TS004 v2 setup with the data block MIC', () => {
    const s = makeScenario({ devices: { count: 2, ...near }, firmware: { sizeBytes: 400 }, fuotaTask: { fec: 'v2' }, setup: { mode: 'classA' }, traffic: { uplinkIntervalS: 300 } });
    const c = capture(s);
    const setups = decodeAll(c).flatMap(({ frame }) => (frame && frame.fPort === FPORTS.fragmentation && frame.mtype === MTYPE.unconfirmedDataDown ? decodeDownlink(frame.payload, 2) : [])).filter((x) => x.name === 'FragSessionSetupReq');
    expect(setups.length).toBeGreaterThan(0);
    for (const x of setups) expect(x.name === 'FragSessionSetupReq' && x.mic?.length).toBe(4);
  });
});

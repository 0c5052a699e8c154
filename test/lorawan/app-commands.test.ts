import { describe, expect, it } from 'vitest';
import { appTimeAns, appTimeReq, devRebootTimeAns, devRebootTimeReq, devVersionAns, devVersionReq, forceDeviceResyncReq, mcGroupSetupAns, mcGroupSetupReq, mcSessionAns, mcSessionReq, versionNumber } from '../../src/lorawan/app-commands.js';
import { TS003_BYTES, TS005_BYTES, TS006_BYTES } from '../../src/lorawan/frames.js';
import { fromHex, toHex } from '../../src/fuota/ts004/hex.js';

// Frames of Lora-net/LoRaMac-node src/apps/LoRaMac/fuota-test-01/readme.md (the FUOTA interop test log).
describe('TS005 / TS003 commands against the LoRaMac-node FUOTA test log', () => {
  it('McGroupSetupReq: group 0, McAddr FFFFFFFE, McKey_encrypted, McFCount 0..255', () => {
    const key = fromHex('015e85f4b99dc0b944066cd07498330b');
    expect(toHex(mcGroupSetupReq(0, 0xfffffffe, key, 0, 255))).toBe('0200feffffff015e85f4b99dc0b944066cd07498330b00000000ff000000');
  });

  it('McClassCSessionReq: SessionTime 0x493E8332, TimeOut 7, 869.525 MHz, DR0', () => {
    const b = mcSessionReq({ classB: false, groupId: 0, sessionTimeGpsS: 0x493e8332, timeOut: 7, periodicity: 0, dlFreqHz: 869_525_000, dr: 0 });
    expect(toHex(b)).toBe('04003283' + '3e4907d2ad8400');
  });

  it('AppTimeReq and AppTimeAns: DeviceTime, token, TimeCorrection', () => {
    expect(toHex(appTimeReq(0x493e6d1e, 0, false))).toBe('011e6d3e4900');
    expect(toHex(appTimeReq(0x493e8297, 1, false))).toBe('0197823e4901');
    expect(toHex(appTimeAns(0x155a, 0))).toBe('015a15000000');
    expect(toHex(appTimeAns(-2, 3))).toBe('01feffffff03');
    expect(appTimeReq(0, 15, true)[5]).toBe(0x1f);
  });
});

describe('command sizes match the airtime tables (lorawan/frames.ts)', () => {
  it('every encoder gives the size the simulator charges airtime for', () => {
    const req = { groupId: 1, sessionTimeGpsS: 1, timeOut: 12, periodicity: 2, dlFreqHz: 869_525_000, dr: 3 };
    expect(mcGroupSetupReq(0, 1, new Uint8Array(16), 0, 1).length).toBe(TS005_BYTES.McGroupSetupReq);
    expect(mcGroupSetupAns(0).length).toBe(TS005_BYTES.McGroupSetupAns);
    expect(mcSessionReq({ ...req, classB: false }).length).toBe(TS005_BYTES.McClassCSessionReq);
    expect(mcSessionReq({ ...req, classB: true }).length).toBe(TS005_BYTES.McClassBSessionReq);
    expect(mcSessionAns(false, 0, 60).length).toBe(TS005_BYTES.McClassCSessionAns);
    expect(appTimeReq(1, 0, true).length).toBe(TS003_BYTES.AppTimeReq);
    expect(appTimeAns(1, 0).length).toBe(TS003_BYTES.AppTimeAns);
    expect(forceDeviceResyncReq(3).length).toBe(TS003_BYTES.ForceDeviceResyncReq);
    expect(devVersionReq().length).toBe(TS006_BYTES.DevVersionReq);
    expect(devVersionAns(1, 2).length).toBe(TS006_BYTES.DevVersionAns);
    expect(devRebootTimeReq(5).length).toBe(TS006_BYTES.DevRebootTimeReq);
    expect(devRebootTimeAns(5).length).toBe(TS006_BYTES.DevRebootTimeAns);
  });

  it('packs class B periodicity and timeout into one byte, and the frequency in 100 Hz steps', () => {
    const b = mcSessionReq({ classB: true, groupId: 2, sessionTimeGpsS: 0, timeOut: 5, periodicity: 2, dlFreqHz: 869_525_000, dr: 3 });
    expect(b[0]).toBe(0x05);
    expect(b[1]).toBe(2);
    expect(b[6]).toBe(0x25);
    expect(b[7] | (b[8] << 8) | (b[9] << 16)).toBe(8_695_250);
    expect(() => mcSessionReq({ classB: false, groupId: 0, sessionTimeGpsS: 0, timeOut: 16, periodicity: 0, dlFreqHz: 869_525_000, dr: 0 })).toThrow(/TimeOut/);
    expect(() => mcSessionReq({ classB: false, groupId: 0, sessionTimeGpsS: 0, timeOut: 1, periodicity: 0, dlFreqHz: 869_525_050, dr: 0 })).toThrow(/100 Hz/);
  });

  it('encodes versions and reboot answers', () => {
    expect(versionNumber('1.4.0')).toBe(0x01040000);
    expect(versionNumber('2.10.300')).toBe(0x020a012c);
    expect(versionNumber('beta')).toBe(0);
    expect(toHex(devRebootTimeAns(-3))).toBe('0200000000');
    expect(toHex(devRebootTimeAns(90.7))).toBe('025a000000');
  });
});

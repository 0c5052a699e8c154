import { describe, expect, it } from 'vitest';
import {
  FPORTS,
  FRAME_OVERHEAD_BYTES,
  TS003_BYTES,
  TS004_BYTES,
  TS005_BYTES,
  TS006_BYTES,
  dataFragmentPayloadBytes,
  dataFragmentPhyBytes,
  dataFramePhyBytes,
  maxFragmentSizeBytes,
} from '../../src/lorawan/frames.js';
import { getRegion } from '../../src/lorawan/regions/index.js';

describe('LoRaWAN frame sizes', () => {
  it('adds 13 bytes of MHDR, FHDR, FPort and MIC to the FRMPayload', () => {
    expect(FRAME_OVERHEAD_BYTES).toBe(13);
    expect(dataFramePhyBytes(0)).toBe(13);
    expect(dataFramePhyBytes(242)).toBe(255);
    expect(() => dataFramePhyBytes(-1)).toThrow(RangeError);
  });

  it('sizes TS004 DataFragments as fragSize + 3 (+ 13 on the air): 239 B fragments make 255 B frames', () => {
    expect(dataFragmentPayloadBytes(239)).toBe(242);
    expect(dataFragmentPhyBytes(239)).toBe(255);
    expect(dataFragmentPhyBytes(48)).toBe(64);
  });

  it('gives the largest fragment N − 3 of the reference examples', () => {
    const eu = getRegion('EU868');
    const us = getRegion('US915');
    expect(maxFragmentSizeBytes(eu.maxFrmPayloadBytes(5))).toBe(239);
    expect(maxFragmentSizeBytes(eu.maxFrmPayloadBytes(5, { repeaterCompatible: true }))).toBe(219);
    expect(maxFragmentSizeBytes(eu.maxFrmPayloadBytes(3))).toBe(112);
    expect(maxFragmentSizeBytes(eu.maxFrmPayloadBytes(0))).toBe(48);
    expect(maxFragmentSizeBytes(us.maxFrmPayloadBytes(8))).toBe(50);
    expect(maxFragmentSizeBytes(us.maxFrmPayloadBytes(13))).toBe(239);
    expect(maxFragmentSizeBytes(0)).toBe(0);
  });

  it('sizes the TS005 commands as the reference: McGroupSetupReq 29 + 1, session requests 10 + 1', () => {
    expect(TS005_BYTES.McGroupSetupReq).toBe(1 + 1 + 4 + 16 + 4 + 4);
    expect(TS005_BYTES.McClassCSessionReq).toBe(1 + 1 + 4 + 1 + 3 + 1);
    expect(TS005_BYTES.McClassBSessionReq).toBe(11);
    expect(TS005_BYTES.McClassCSessionAns).toBe(1 + 1 + 3);
    expect(TS005_BYTES.McGroupSetupAns).toBe(2);
  });

  it('sizes the TS003, TS004 and TS006 commands', () => {
    expect(TS003_BYTES.AppTimeReq).toBe(6);
    expect(TS003_BYTES.AppTimeAns).toBe(6);
    expect(TS004_BYTES.FragSessionSetupReq).toBe(1 + 1 + 2 + 1 + 1 + 1 + 4);
    expect(TS004_BYTES.FragSessionSetupReqV2).toBe(TS004_BYTES.FragSessionSetupReq + 6);
    expect(TS004_BYTES.FragSessionStatusAns).toBe(5);
    expect(TS006_BYTES.DevRebootTimeReq).toBe(5);
    expect(TS006_BYTES.DevVersionAns).toBe(9);
    for (const t of [TS003_BYTES, TS004_BYTES, TS005_BYTES, TS006_BYTES]) expect(t.PackageVersionAns).toBe(3);
  });

  it('uses the AWS default FPorts 200, 201, 202', () => {
    expect([FPORTS.multicastSetup, FPORTS.fragmentation, FPORTS.clockSync]).toEqual([200, 201, 202]);
  });
});

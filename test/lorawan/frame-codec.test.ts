import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cryptFrmPayload, dataFrameLength, dataFrameMic, decodeDataFrame, encodeDataFrame, FCTRL, MTYPE } from '../../src/lorawan/frame-codec.js';
import { fromHex, toHex } from '../../src/fuota/ts004/hex.js';

const ones = new Uint8Array(16).fill(1);

describe('LoRaWAN 1.0.x FRMPayload encryption and MIC against published test vectors', () => {
  // TheThingsNetwork/lorawan-stack pkg/crypto/crypto_test.go, TestUplinkDownlinkEncryption:
  // key 01…01, DevAddr 01020304, FCnt 1, payload 01 02 03 04
  it('encrypts an uplink and a downlink payload as lorawan-stack does', () => {
    const data = Uint8Array.of(1, 2, 3, 4);
    expect(toHex(cryptFrmPayload(ones, true, 0x01020304, 1, data))).toBe('cff30b4e');
    expect(toHex(cryptFrmPayload(ones, false, 0x01020304, 1, data))).toBe('4e75f440');
    // the same XOR decrypts
    expect(Array.from(cryptFrmPayload(ones, false, 0x01020304, 1, fromHex('4e75f440')))).toEqual([1, 2, 3, 4]);
  });

  // lorawan-stack TestUplinkDownlinkMIC: the legacy (1.0) MIC of 40 04030201 00 0100 01 01020304
  it('computes the uplink and downlink MIC of lorawan-stack', () => {
    const msg = fromHex('4004030201000100' + '01' + '01020304');
    expect(toHex(dataFrameMic(ones, true, 0x01020304, 1, msg))).toBe('3b073182');
    expect(toHex(dataFrameMic(ones, false, 0x01020304, 1, msg))).toBe('a5609fa9');
  });

  // chirpstack/chirpstack lrwn/src/phy_payload.rs, "LoRaWAN 1.0.x confirmed uplink example":
  // FOpts DevStatusAns(115, 7), FPort 10, FRMPayload 01 02 03 04, FCnt 0
  it('builds the whole confirmed uplink of ChirpStack lrwn byte for byte, and reads it back', () => {
    const nwkSKey = fromHex('0102030405060708090a0b0c0d0e0f10');
    const appSKey = fromHex('100f0e0d0c0b0a090807060504030201');
    const phy = encodeDataFrame({ mtype: MTYPE.confirmedDataUp, devAddr: 0x01020304, fCtrl: 0, fCnt: 0, fOpts: Uint8Array.of(0x06, 0x73, 0x07), fPort: 10, payload: Uint8Array.of(1, 2, 3, 4), nwkSKey, appSKey });
    expect(toHex(phy)).toBe('800403020103000006730' + '70ae264d4f7e117d2c0');
    const back = decodeDataFrame(phy, { nwkSKey, appSKey }, 0);
    expect(back).toMatchObject({ mtype: MTYPE.confirmedDataUp, devAddr: 0x01020304, fPort: 10, micOk: true });
    expect(Array.from(back.payload)).toEqual([1, 2, 3, 4]);
    expect(Array.from(back.fOpts)).toEqual([0x06, 0x73, 0x07]);
  });
});

describe('data frame codec', () => {
  const key = (seed: number) => Uint8Array.from({ length: 16 }, (_, i) => (seed * 31 + i * 7) & 0xff);

  it('round-trips any frame: header fields, payload and a MIC that checks; one flipped bit breaks the MIC', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(MTYPE.unconfirmedDataUp, MTYPE.unconfirmedDataDown, MTYPE.confirmedDataUp, MTYPE.confirmedDataDown),
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.option(fc.integer({ min: 0, max: 223 }), { nil: null }),
        fc.uint8Array({ maxLength: 64 }),
        fc.integer({ min: 0, max: 255 }),
        (mtype, devAddr, fCnt, fPort, raw, flip) => {
          const payload = fPort === null ? new Uint8Array(0) : raw;
          const keys = { nwkSKey: key(1), appSKey: key(2) };
          const phy = encodeDataFrame({ mtype, devAddr, fCtrl: FCTRL.fPending, fCnt, fPort, payload, ...keys });
          expect(phy.length).toBe(dataFrameLength(0, fPort, payload.length));
          const back = decodeDataFrame(phy, keys, fCnt);
          expect(back.mtype).toBe(mtype);
          expect(back.devAddr).toBe(devAddr);
          expect(back.fCnt16).toBe(fCnt & 0xffff);
          expect(back.fPort).toBe(fPort);
          expect(back.micOk).toBe(true);
          expect(Array.from(back.payload)).toEqual(Array.from(payload));
          const bad = phy.slice();
          bad[flip % bad.length] ^= 1;
          // a flipped FCnt bit no longer matches the counter (refused); any other flip fails the MIC
          const micOk = (() => {
            try {
              return decodeDataFrame(bad, keys, fCnt).micOk;
            } catch {
              return false;
            }
          })();
          expect(micOk).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('encrypts FPort 0 payloads with NwkSKey and the rest with AppSKey', () => {
    const nwkSKey = key(3);
    const appSKey = key(4);
    const body = Uint8Array.of(9, 8, 7);
    const port0 = encodeDataFrame({ mtype: MTYPE.unconfirmedDataDown, devAddr: 5, fCtrl: 0, fCnt: 2, fPort: 0, payload: body, nwkSKey, appSKey });
    const port1 = encodeDataFrame({ mtype: MTYPE.unconfirmedDataDown, devAddr: 5, fCtrl: 0, fCnt: 2, fPort: 1, payload: body, nwkSKey, appSKey });
    expect(toHex(port0.subarray(9, 12))).toBe(toHex(cryptFrmPayload(nwkSKey, false, 5, 2, body)));
    expect(toHex(port1.subarray(9, 12))).toBe(toHex(cryptFrmPayload(appSKey, false, 5, 2, body)));
  });

  it('refuses what LoRaWAN cannot carry', () => {
    const k = { nwkSKey: key(5), appSKey: key(6) };
    expect(() => encodeDataFrame({ mtype: MTYPE.unconfirmedDataUp, devAddr: 1, fCtrl: 0, fCnt: 0, fPort: null, payload: Uint8Array.of(1), ...k })).toThrow(/FPort/);
    expect(() => encodeDataFrame({ mtype: MTYPE.unconfirmedDataUp, devAddr: 1, fCtrl: 0, fCnt: 0, fOpts: new Uint8Array(16), fPort: 1, payload: new Uint8Array(0), ...k })).toThrow(/15 bytes/);
    expect(() => decodeDataFrame(new Uint8Array(11), k, 0)).toThrow(/12 bytes/);
  });
});

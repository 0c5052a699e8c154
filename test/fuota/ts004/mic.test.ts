import { describe, expect, it } from 'vitest';
import { Ts004Error, dataBlockMic, deriveDataBlockIntKey, fromHex, toHex } from '../../../src/fuota/ts004/index.js';
import { describeShared } from '../../helpers/shared.js';
import { fixtureCases, sharedCases, testData, type MicCase } from './cases.js';

function checkMic(m: MicCase): void {
  const key = deriveDataBlockIntKey(fromHex(m.appKeyHex));
  expect(toHex(key)).toBe(m.dataBlockIntKeyHex);
  const mic = dataBlockMic({
    dataBlockIntKey: key,
    sessionCnt: m.sessionCnt,
    fragIndex: m.fragIndex,
    descriptor: fromHex(m.descriptorHex),
    data: testData(m.dataLength),
  });
  expect(toHex(mic)).toBe(m.micHex);
}

describe('v2 data-block MIC on the known-answer cases', () => {
  it.each(fixtureCases().mic.map((m) => [`${m.dataLength} bytes, SessionCnt ${m.sessionCnt}`, m] as const))('%s', (_n, m) => checkMic(m));

  it('changes when one data byte changes (a wrong row generator is caught)', () => {
    const m = fixtureCases().mic[0];
    const data = testData(m.dataLength);
    data[10] ^= 1;
    const mic = dataBlockMic({
      dataBlockIntKey: fromHex(m.dataBlockIntKeyHex),
      sessionCnt: m.sessionCnt,
      fragIndex: m.fragIndex,
      descriptor: fromHex(m.descriptorHex),
      data,
    });
    expect(toHex(mic)).not.toBe(m.micHex);
  });

  it('rejects a SessionCnt beyond 16 bits, a FragIndex beyond 3 and a short descriptor', () => {
    const base = { dataBlockIntKey: new Uint8Array(16), sessionCnt: 0, fragIndex: 0, descriptor: new Uint8Array(4), data: new Uint8Array(1) };
    expect(() => dataBlockMic({ ...base, sessionCnt: 65536 })).toThrow(Ts004Error);
    expect(() => dataBlockMic({ ...base, fragIndex: 4 })).toThrow(Ts004Error);
    expect(() => dataBlockMic({ ...base, descriptor: new Uint8Array(3) })).toThrow(Ts004Error);
  });
});

describeShared('v2 data-block MIC against mic-v2.json', () => {
  it.each((sharedCases()?.mic ?? []).map((m) => [`${m.dataLength} bytes, SessionCnt ${m.sessionCnt}`, m] as const))('%s', (_n, m) =>
    checkMic(m),
  );
});

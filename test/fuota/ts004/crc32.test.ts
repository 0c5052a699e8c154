import { describe, expect, it } from 'vitest';
import { crc32 } from '../../../src/fuota/ts004/index.js';
import { fixtureCases, testData } from './cases.js';

describe('crc32', () => {
  it('gives the IEEE check value cbf43926 for "123456789" and 0 for no data', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it('gives the DataBlockAuth CRC of every encoder case', () => {
    for (const c of fixtureCases().encoder) {
      expect(crc32(testData(c.dataLength)).toString(16).padStart(8, '0')).toBe(c.dataCrc32);
    }
  });
});

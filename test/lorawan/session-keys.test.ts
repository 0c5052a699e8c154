import { describe, expect, it } from 'vitest';
import { aesBlocks, encryptMcKey, mcKEKey, mcSessionKeys, SessionKeys } from '../../src/lorawan/session-keys.js';
import { fromHex, toHex } from '../../src/fuota/ts004/hex.js';

describe('TS005 multicast key derivation against LoRaMac-node test values', () => {
  // Lora-net/LoRaMac-node src/apps/LoRaMac/fuota-test-01/readme.md (TS005 example keys):
  // McKEKey 2C578F79…, McKey_encrypted 015E85F4… → McKey 0102…10; McAddr 0x01FFFFFF.
  const kek = fromHex('2c578f7927a949d3b511ae8fb69145c6');
  const mcKey = fromHex('0102030405060708090a0b0c0d0e0f10');

  it('McKey_encrypted is the block the device turns into McKey with one AES encryption', () => {
    expect(toHex(encryptMcKey(kek, mcKey))).toBe('015e85f4b99dc0b944066cd07498330b');
    expect(toHex(aesBlocks(kek, fromHex('015e85f4b99dc0b944066cd07498330b')))).toBe(toHex(mcKey));
  });

  it('derives McAppSKey and McNwkSKey from McKey and McAddr', () => {
    const k = mcSessionKeys(mcKey, 0x01ffffff);
    expect(toHex(k.appSKey)).toBe('c3f6c39b6b6496c29629f7e7e9b0cd29');
    expect(toHex(k.nwkSKey)).toBe('bb75c362588f5d65fcc61c080b76dba3');
  });

  it('McKEKey is AES(AES(GenAppKey, 0), 0) (McRootKey, then McKEKey)', () => {
    const gen = fromHex('2b7e151628aed2a6abf7158809cf4f3c');
    const zero = new Uint8Array(16);
    expect(toHex(mcKEKey(gen))).toBe(toHex(aesBlocks(aesBlocks(gen, zero), zero)));
    expect(toHex(mcKEKey(gen))).not.toBe(toHex(aesBlocks(gen, zero)));
  });
});

describe('SessionKeys (simulation keys from the seed)', () => {
  it('is the same for the same seed and differs for another seed', () => {
    const a = new SessionKeys(7, 10, 0x01abcdef);
    const b = new SessionKeys(7, 10, 0x01abcdef);
    const c = new SessionKeys(8, 10, 0x01abcdef);
    expect(toHex(a.device(3).appSKey)).toBe(toHex(b.device(3).appSKey));
    expect(toHex(a.multicast.nwkSKey)).toBe(toHex(b.multicast.nwkSKey));
    expect(toHex(a.device(3).appSKey)).not.toBe(toHex(c.device(3).appSKey));
  });

  it('gives every device its own keys and DevAddr, never the group McAddr', () => {
    const k = new SessionKeys(1, 20, 6); // McAddr 6 falls inside the devices' range
    const addrs = Array.from({ length: 20 }, (_, d) => k.devAddr(d));
    expect(new Set(addrs).size).toBe(20);
    expect(addrs).not.toContain(6);
    expect(addrs.slice(0, 6)).toEqual([1, 2, 3, 4, 5, 7]);
    const keys = new Set(Array.from({ length: 20 }, (_, d) => toHex(k.device(d).nwkSKey) + toHex(k.device(d).appSKey) + toHex(k.genAppKey(d))));
    expect(keys.size).toBe(20);
    expect(toHex(k.device(0).nwkSKey)).not.toBe(toHex(k.device(0).appSKey));
  });

  it('McGroupSetupReq key material lets each device recover the group keys', () => {
    const k = new SessionKeys(3, 5, 0x01abcdef);
    for (let d = 0; d < 5; d++) {
      const mcKey = aesBlocks(mcKEKey(k.genAppKey(d)), k.mcKeyEncryptedFor(d)); // what the device computes
      const derived = mcSessionKeys(mcKey, 0x01abcdef);
      expect(toHex(derived.appSKey)).toBe(toHex(k.multicast.appSKey));
      expect(toHex(derived.nwkSKey)).toBe(toHex(k.multicast.nwkSKey));
    }
    expect(toHex(k.mcKeyEncryptedFor(0))).not.toBe(toHex(k.mcKeyEncryptedFor(1)));
  });
});

/**
 * Addresses and AES-128 keys of the simulated devices and of the multicast group, for the frame
 * capture (`--pcap`). Nothing here is secret: every key follows from the scenario seed, so anyone
 * with the scenario can rebuild them (docs/models/pcap.md).
 *
 * Simulation keys (our derivation, documented):
 * - root = the first 16 bytes of SHA-256("fuota-sim pcap keys v1/" + seed);
 * - per device d with DevAddr A: NwkSKey = AES-128(root, 0x01 | A(4 LE) | 0×11),
 *   AppSKey = AES-128(root, 0x02 | A | 0×11), GenAppKey = AES-128(root, 0x03 | A | 0×11);
 * - the group's McKey = AES-128(root, 0x04 | McAddr(4 LE) | 0×11).
 *
 * Derivations of the specifications (LoRaMac-node `LoRaMacCrypto.h`, TS005 §3.3, LoRaWAN 1.0.x):
 * - McRootKey = AES-128(GenAppKey, 0x00 | pad16); McKEKey = AES-128(McRootKey, 0x00 | pad16);
 * - McGroupSetupReq carries McKey_encrypted = AES-128-decrypt(McKEKey, McKey), so that the device
 *   recovers McKey = AES-128(McKEKey, McKey_encrypted);
 * - McAppSKey = AES-128(McKey, 0x01 | McAddr(4 LE) | pad16), McNwkSKey = AES-128(McKey, 0x02 | McAddr | pad16).
 *
 * DevAddr: device d gets d + 1 in the DevAddr range of NetID 0x000000 (type 0, the experimental
 * NetID of the LoRaWAN Backend Interfaces: 0x00000000..0x01FFFFFF), skipping the group's McAddr.
 */
import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';

const BLOCK = 16;
/** Largest DevAddr of NetID 0x000000 (NwkID 0, 25-bit NwkAddr). */
const NETID0_LAST_ADDR = 0x01ffffff;

export interface KeyPair {
  nwkSKey: Uint8Array;
  appSKey: Uint8Array;
}

function ecb(key: Uint8Array, decrypt = false) {
  const c = decrypt ? createDecipheriv('aes-128-ecb', key, null) : createCipheriv('aes-128-ecb', key, null);
  c.setAutoPadding(false);
  return c;
}

/** AES-128 of each 16-byte block of `blocks` under `key` (ECB: blocks are independent). */
export function aesBlocks(key: Uint8Array, blocks: Uint8Array): Uint8Array {
  return new Uint8Array(ecb(key).update(blocks));
}

/** One derivation block: tag | addr (4 LE) | zeros. */
function tagBlock(tag: number, addr: number): Uint8Array {
  const b = new Uint8Array(BLOCK);
  b[0] = tag;
  new DataView(b.buffer).setUint32(1, addr >>> 0, true);
  return b;
}

/** TS005 multicast session keys from McKey (LoRaMac-node `LoRaMacCryptoDeriveMcSessionKeyPair`). */
export function mcSessionKeys(mcKey: Uint8Array, mcAddr: number): KeyPair {
  const out = aesBlocks(mcKey, Uint8Array.from([...tagBlock(0x01, mcAddr), ...tagBlock(0x02, mcAddr)]));
  return { appSKey: out.slice(0, BLOCK), nwkSKey: out.slice(BLOCK) };
}

/** McKEKey of a LoRaWAN 1.0.x device from its GenAppKey (McRootKey, then McKEKey; both with 0x00 | pad16). */
export function mcKEKey(genAppKey: Uint8Array): Uint8Array {
  const zero = new Uint8Array(BLOCK);
  return aesBlocks(aesBlocks(genAppKey, zero), zero);
}

/** McKey_encrypted of McGroupSetupReq: the block the device turns into McKey with one AES encryption. */
export function encryptMcKey(mcKEKeyValue: Uint8Array, mcKey: Uint8Array): Uint8Array {
  return new Uint8Array(ecb(mcKEKeyValue, true).update(mcKey));
}

/** The keys and addresses of one run. */
export class SessionKeys {
  readonly mcAddr: number;
  readonly mcKey: Uint8Array;
  readonly multicast: KeyPair;
  private readonly root: Uint8Array;
  /** per device, 3 × 16 bytes: NwkSKey, AppSKey, GenAppKey */
  private readonly perDevice: Uint8Array;

  constructor(seed: number, devices: number, mcAddr: number) {
    this.mcAddr = mcAddr >>> 0;
    if (devices > NETID0_LAST_ADDR) throw new RangeError(`${devices} devices do not fit the DevAddr range of NetID 0`);
    this.root = createHash('sha256').update(`fuota-sim pcap keys v1/${seed}`).digest().subarray(0, BLOCK);
    const blocks = new Uint8Array(devices * 3 * BLOCK);
    for (let d = 0; d < devices; d++) {
      const a = this.devAddr(d);
      for (let t = 0; t < 3; t++) blocks.set(tagBlock(t + 1, a), (d * 3 + t) * BLOCK);
    }
    this.perDevice = aesBlocks(this.root, blocks);
    this.mcKey = aesBlocks(this.root, tagBlock(0x04, this.mcAddr));
    this.multicast = mcSessionKeys(this.mcKey, this.mcAddr);
  }

  /** DevAddr of device d: d + 1, one more from the McAddr on (never equal to it). */
  devAddr(d: number): number {
    const a = d + 1;
    return a >= this.mcAddr && this.mcAddr !== 0 ? a + 1 : a;
  }

  device(d: number): KeyPair {
    const o = d * 3 * BLOCK;
    return { nwkSKey: this.perDevice.subarray(o, o + BLOCK), appSKey: this.perDevice.subarray(o + BLOCK, o + 2 * BLOCK) };
  }

  genAppKey(d: number): Uint8Array {
    const o = (d * 3 + 2) * BLOCK;
    return this.perDevice.subarray(o, o + BLOCK);
  }

  /** McKey_encrypted that McGroupSetupReq carries to device d. */
  mcKeyEncryptedFor(d: number): Uint8Array {
    return encryptMcKey(mcKEKey(this.genAppKey(d)), this.mcKey);
  }
}

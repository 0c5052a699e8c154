/**
 * Random numbers that do not depend on event order or worker count.
 *
 * - Counter-based draws for the hot loops: `uniform(seed, purpose, a, b)` hashes its four integer
 *   inputs into a uniform in (0, 1). No state, so the draw for (device, frame) is the same whatever
 *   else happened before it, and adding a device changes no other device's draws.
 * - Sequential streams (`stream(seed, purpose, entity)`) for setup-time decisions (placement,
 *   shadowing, clocks), built on seedrandom's alea generator, one stream per (seed, purpose, entity).
 */
import seedrandom from 'seedrandom';

/** Purposes: each random decision has its own, so streams never overlap. */
export const Purpose = {
  placement: 1,
  shadowing: 2,
  fading: 3,
  burstStep: 4,
  burstLoss: 5,
  extraLoss: 6,
  beaconLoss: 7,
  uplinkPhase: 8,
  uplinkChannel: 9,
  clock: 10,
  deviceMix: 11,
  answerDelay: 12,
  firmware: 13,
  payloadSample: 14,
  gatewayPlacement: 15,
  setup: 16,
  status: 17,
  /** wave vectors and phases of the correlated shadowing fields */
  shadowingField: 18,
  /** per-link parameters of time-correlated (Clarke) fading */
  fadingPath: 19,
  /** the PER draw of SINR reception */
  per: 20,
  /** arrivals, powers and spreading factors of external interference */
  external: 21,
  /** listen-before-talk backoff */
  lbt: 22,
  /** confirmed-uplink retransmission delays */
  retransmission: 23,
  /** per-frame fading of uplinks (per uplink and gateway) */
  uplinkFading: 24,
  /** the scrambled storage order of a test (device-order.ts); no model draws it */
  deviceOrder: 25,
} as const;

/** 32-bit finaliser of MurmurHash3 (avalanche mixing). */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hash of four non-negative integers (each taken modulo 2^32) into 32 bits. */
export function hash4(seed: number, purpose: number, a: number, b: number): number {
  return hashB(hashA(hashKey(seed, purpose), a), b);
}

/*
 * hash4 in its rounds, for hot loops that draw many times with the same (seed, purpose), and the same
 * a for many b: hashKey once per run and purpose, hashA once per a, hashB (or uniformB) per draw.
 * hashB(hashA(hashKey(seed, purpose), a), b) is hash4(seed, purpose, a, b) by construction, so a loop
 * using the rounds draws exactly the numbers `uniform` gives (test/engine/rng.test.ts).
 */

/** The (seed, purpose) rounds of hash4. */
export function hashKey(seed: number, purpose: number): number {
  const h = fmix32((seed >>> 0) ^ 0x9e3779b9);
  return fmix32(h ^ Math.imul(purpose >>> 0, 0x27d4eb2d));
}

/** The round of hash4 for its third input `a`, after hashKey. */
export function hashA(key: number, a: number): number {
  return fmix32(key ^ Math.imul((a >>> 0) + 0x165667b1, 0xcc9e2d51));
}

/** The last round of hash4, for its fourth input `b`, after hashA. */
export function hashB(keyA: number, b: number): number {
  return fmix32(keyA ^ Math.imul((b >>> 0) + 0x61c88647, 0x1b873593));
}

const INV_2_32 = 1 / 4294967296;

/** Uniform in the open interval (0, 1), a pure function of its inputs. */
export function uniform(seed: number, purpose: number, a: number, b: number): number {
  return (hash4(seed, purpose, a, b) + 0.5) * INV_2_32;
}

/** uniform(seed, purpose, a, b) from keyA = hashA(hashKey(seed, purpose), a). */
export function uniformB(keyA: number, b: number): number {
  return (hashB(keyA, b) + 0.5) * INV_2_32;
}

/** A sequential generator for one (seed, purpose, entity): returns uniforms in [0, 1). */
export function stream(seed: number, purpose: number, entity = 0): () => number {
  return seedrandom.alea(`${seed}/${purpose}/${entity}`);
}

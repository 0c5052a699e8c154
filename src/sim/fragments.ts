/**
 * The fragment payloads as they go on the air, made on demand: uncoded fragment N is a slice of the
 * padded payload, coded fragment N = M + y the XOR of parity row y (TS004 encoder), cached. Only the
 * payload-sample devices need bytes, so nothing is built for a run without a sample; repair rounds
 * may ask for any N up to 16383. `firmware.tamperBytes` flips bytes of every fragment sent.
 */
import { hash4, Purpose } from '../engine/rng.js';
import { codedFragment, padData } from '../fuota/ts004/encoder.js';
import type { ParityRowCache } from '../fuota/ts004/rows.js';
import type { ResolvedScenario } from '../scenario/types.js';

export class FragmentPayloads {
  private readonly padded: Uint8Array;
  private readonly nbFrag: number;
  private readonly cache = new Map<number, Uint8Array>();

  constructor(
    payload: Uint8Array,
    private readonly s: ResolvedScenario,
    private readonly rows: ParityRowCache,
  ) {
    this.padded = padData(payload, s.fuotaTask.fragmentSizeBytes);
    this.nbFrag = this.padded.length / s.fuotaTask.fragmentSizeBytes;
  }

  /** Fragment N (1-based) as received by a device. */
  get(n: number): Uint8Array {
    let f = this.cache.get(n);
    if (f) return f;
    const size = this.s.fuotaTask.fragmentSizeBytes;
    f = n <= this.nbFrag
      ? this.padded.slice((n - 1) * size, n * size)
      : codedFragment(this.padded, size, n - this.nbFrag, this.s.fuotaTask.fec, this.rows);
    f = tamper(f, this.s, n);
    this.cache.set(n, f);
    return f;
  }
}

/** firmware.tamperBytes: flips that many bytes of every fragment on the air (integrity test). */
export function tamper(data: Uint8Array, s: ResolvedScenario, n: number): Uint8Array {
  const k = Math.min(s.firmware.tamperBytes, data.length);
  if (k === 0) return data;
  const out = data.slice();
  for (let i = 0; i < k; i++) out[hash4(s.seed, Purpose.firmware, n, i + 1) % out.length] ^= 0xff;
  return out;
}

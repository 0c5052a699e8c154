/**
 * Deterministic synthetic firmware bytes for a scenario without an image file: a pure function of
 * (seed, size), so the same scenario always sends the same image.
 */
import { hash4, Purpose } from '../../engine/rng.js';

export function syntheticImage(sizeBytes: number, seed: number): Uint8Array {
  const out = new Uint8Array(sizeBytes);
  const view = new DataView(out.buffer);
  const whole = sizeBytes >>> 2;
  for (let w = 0; w < whole; w++) view.setUint32(w * 4, hash4(seed, Purpose.firmware, w, 0), true);
  const tail = hash4(seed, Purpose.firmware, whole, 0);
  for (let i = whole * 4; i < sizeBytes; i++) out[i] = (tail >>> ((i % 4) * 8)) & 0xff;
  return out;
}

/**
 * The bare reception loop the simulator's multicast phase is compared with (issue 12): for each
 * frame, for each device, one counter-based draw (`uniform`, src/engine/rng.ts) decides reception,
 * and a received bit is set in a per-device bitset. Typed arrays only, frame-major like the
 * simulator (one event per frame, a loop over the devices). It is the upper bound on device-frames
 * per second that any per-device-frame evaluation on this machine can reach.
 */
import { Purpose, uniform } from '../src/engine/rng.js';

export interface BareLoopResult {
  deviceFrames: number;
  received: number;
  /** the received bitsets, `words` 32-bit words per device */
  bits: Uint32Array;
  words: number;
}

/** Runs `frames` frames over `devices` devices, each lost with probability `lossProbability`. */
export function bareReceptionLoop(devices: number, frames: number, lossProbability: number, seed: number): BareLoopResult {
  const words = (frames + 31) >>> 5;
  const bits = new Uint32Array(devices * words);
  let received = 0;
  for (let f = 0; f < frames; f++) {
    const word = f >>> 5;
    const mask = 1 << (f & 31);
    for (let d = 0; d < devices; d++) {
      if (uniform(seed, Purpose.extraLoss, d, f) >= lossProbability) {
        bits[d * words + word] |= mask;
        received++;
      }
    }
  }
  return { deviceFrames: devices * frames, received, bits, words };
}

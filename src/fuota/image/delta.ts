/**
 * Binary deltas in VCDIFF (RFC 3284), so a device can rebuild a new image from the one it runs:
 * `makeDelta(base, target)` and `applyDelta(base, delta)`. The encoder writes plain RFC 3284 (default
 * code table, no secondary compression, no checksum): one window per TARGET_WINDOW_BYTES of target,
 * each against the whole base as its source segment. See docs/models/firmware-image.md.
 */
import { encodeWindow } from './delta-encode.js';
import { indexBase, matchWindow } from './delta-match.js';
import { VCDIFF_MAGIC } from './delta-apply.js';
import { ByteWriter } from './vcdiff-int.js';

export { applyDelta, isVcdiff, VCDIFF_MAGIC, type ApplyOptions } from './delta-apply.js';

/** Target bytes per VCDIFF window (a 1 MB image fits in one; xdelta3 decodes windows up to 16 MiB). */
export const TARGET_WINDOW_BYTES = 4 << 20;

/** A VCDIFF delta that rebuilds `target` from `base`. Pure and deterministic. */
export function makeDelta(base: Uint8Array, target: Uint8Array): Uint8Array {
  const out = new ByteWriter(1024 + (target.length >> 4));
  for (const b of VCDIFF_MAGIC) out.byte(b);
  out.byte(0); // Hdr_Indicator: default code table, no secondary compressor
  const index = indexBase(base);
  for (let start = 0; start < target.length; start += TARGET_WINDOW_BYTES) {
    const end = Math.min(target.length, start + TARGET_WINDOW_BYTES);
    encodeWindow(out, matchWindow(base, index, target, start, end), target, start, end, base.length);
  }
  return out.view().slice();
}

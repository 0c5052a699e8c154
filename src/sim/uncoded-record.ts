/**
 * A device's rows-only decoder in its uncoded phase, as FleetDecoders keeps it (decoders.ts): a record
 * of four Int32 per slot and a column-major bit per slot and uncoded column lost. `takeUncoded` is the
 * step an in-order uncoded fragment makes there (FragDecoder's #uncodedInOrder, Semtech lineage 5.2);
 * the decoders' own thread (decoder-pipe.ts) runs the same function, so the record is the same
 * whichever thread took the fragment.
 */

/** Fields of a slot's record (four per cache line). */
export const PHASE = 0; // TYPED: uncoded phase in the record (or nothing fed yet); CODING: coded rows waiting; OBJECT: a FragDecoder
export const LAST = 1; // typed phase: highest uncoded N accepted
export const LOST = 2; // typed phase: uncoded fragments lost so far
export const RECEIVED = 3; // typed phase: fragments fed (NbFragReceived)
export const STRIDE = 4;
export const TYPED = 0;
export const OBJECT = 1;
export const CODING = 2;

/**
 * Uncoded fragment N (1 ≤ N ≤ NbFrag) fed to slot i in the typed phase: counted, and taken when
 * above the last one taken, the columns skipped on the way marked lost. True when it was taken;
 * whether the device is now rebuilt (N = NbFrag taken with nothing lost) is the caller's question.
 */
export function takeUncoded(rec: Int32Array, lostBits: Uint32Array, count: number, i: number, n: number): boolean {
  const r = i * STRIDE;
  rec[r + RECEIVED]++;
  const last = rec[r + LAST];
  if (n <= last) return false; // at or below the last accepted: ignored, counted
  if (n > last + 1) {
    // columns last .. n - 2 (fragments last + 1 .. n - 1) were lost
    for (let c = last; c < n - 1; c++) lostBits[(c >>> 5) * count + i] |= 1 << (c & 31);
    rec[r + LOST] += n - 1 - last;
  }
  rec[r + LAST] = n;
  return true;
}

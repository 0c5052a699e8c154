/**
 * TS004 sizing: how a data block is cut into fragments (reference ts004-algorithm.md 3.1;
 * lorawan-facts.md 4.4). The largest fragment size per data rate comes from the region tables; here
 * it is a parameter.
 */
import { MAX_FRAGMENT_COUNTER, MAX_FRAG_SIZE_BYTES } from './constants.js';
import { Ts004Error } from './errors.js';

export interface FragmentPlan {
  /** M: uncoded fragments, ceil(dataLength / fragSizeBytes) */
  nbFrag: number;
  /** zero bytes appended to the last uncoded fragment */
  paddingBytes: number;
  /** R: coded fragments, ceil(nbFrag * redundancyPercent / 100) (ChirpStack v4 rule) */
  codedCount: number;
  /** M + R: every fragment the server sends once; at most MAX_FRAGMENT_COUNTER */
  totalCount: number;
}

/** Throws Ts004Error unless 1 <= fragSizeBytes <= 255 (an integer). */
export function checkFragSize(fragSizeBytes: number): void {
  if (!Number.isInteger(fragSizeBytes) || fragSizeBytes < 1 || fragSizeBytes > MAX_FRAG_SIZE_BYTES) {
    throw new Ts004Error(`fragment size ${fragSizeBytes} is not an integer from 1 to ${MAX_FRAG_SIZE_BYTES} bytes`);
  }
}

/** Throws Ts004Error unless nbFrag is an integer from 1 to MAX_FRAGMENT_COUNTER. */
export function checkNbFrag(nbFrag: number): void {
  if (!Number.isInteger(nbFrag) || nbFrag < 1 || nbFrag > MAX_FRAGMENT_COUNTER) {
    throw new Ts004Error(`number of fragments ${nbFrag} is not an integer from 1 to ${MAX_FRAGMENT_COUNTER}`);
  }
}

/** Throws Ts004Error when nbFrag + codedCount fragments cannot be numbered with 14 bits. */
export function checkCodedCount(nbFrag: number, codedCount: number): void {
  if (!Number.isInteger(codedCount) || codedCount < 0) {
    throw new Ts004Error(`coded fragment count ${codedCount} is not a non-negative integer`);
  }
  if (nbFrag + codedCount > MAX_FRAGMENT_COUNTER) {
    throw new Ts004Error(
      `${nbFrag} uncoded + ${codedCount} coded fragments exceed the fragment counter limit of ${MAX_FRAGMENT_COUNTER}`,
    );
  }
}

/** Number of uncoded fragments and padding for a data block; throws Ts004Error on invalid sizes. */
export function splitSizes(dataLength: number, fragSizeBytes: number): { nbFrag: number; paddingBytes: number } {
  checkFragSize(fragSizeBytes);
  if (!Number.isInteger(dataLength) || dataLength < 1) {
    throw new Ts004Error(`data length ${dataLength} is not a positive integer number of bytes`);
  }
  const nbFrag = Math.ceil(dataLength / fragSizeBytes);
  if (nbFrag > MAX_FRAGMENT_COUNTER) {
    throw new Ts004Error(
      `${dataLength} bytes in ${fragSizeBytes}-byte fragments need ${nbFrag} fragments, more than ${MAX_FRAGMENT_COUNTER}`,
    );
  }
  return { nbFrag, paddingBytes: nbFrag * fragSizeBytes - dataLength };
}

/** The full plan: M, padding, R = ceil(M * redundancyPercent / 100) and M + R (at most 16383). */
export function fragmentPlan(dataLength: number, fragSizeBytes: number, redundancyPercent: number): FragmentPlan {
  const { nbFrag, paddingBytes } = splitSizes(dataLength, fragSizeBytes);
  if (!Number.isFinite(redundancyPercent) || redundancyPercent < 0) {
    throw new Ts004Error(`redundancy ${redundancyPercent} % is not a non-negative number`);
  }
  // the small epsilon keeps e.g. 1000 * 33.3 / 100 = 333.00000000000006 from rounding up to 334
  const codedCount = Math.max(0, Math.ceil((nbFrag * redundancyPercent) / 100 - 1e-9));
  checkCodedCount(nbFrag, codedCount);
  return { nbFrag, paddingBytes, codedCount, totalCount: nbFrag + codedCount };
}

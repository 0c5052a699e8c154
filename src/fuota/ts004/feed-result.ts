/** What FragDecoder.feed reports for one fragment. Shared frozen values: feeding allocates nothing. */

export type IgnoreReason =
  /** an uncoded fragment already held (or, Semtech lineage, equal to the last accepted N) */
  | 'duplicate'
  /** an uncoded fragment that is still missing but arrives too late to be accepted (5.3) */
  | 'late-uncoded'
  /** N = 0, N > 16383 or not an integer */
  | 'out-of-range'
  /** a payload whose length is not FragSize (payload mode; rows-only mode when a payload is given) */
  | 'wrong-length'
  /** the decoder already finished (decoded or failed) */
  | 'after-completion';

export type FeedResult =
  | { readonly status: 'ongoing' }
  | { readonly status: 'decoded' }
  | { readonly status: 'failed'; readonly reason: 'too-many-lost' }
  | { readonly status: 'ignored'; readonly reason: IgnoreReason };

export type DecoderStatus = 'ongoing' | 'decoded' | 'failed';

/**
 * The same answers as small integers, for hot loops (`FragDecoder.feedCode`): no object, no string
 * compare. An ignored fragment is CODE_IGNORED whatever the reason.
 */
export const CODE_ONGOING = 0;
export const CODE_DECODED = 1;
export const CODE_FAILED = 2;
export const CODE_IGNORED = 3;
export type FeedCode = typeof CODE_ONGOING | typeof CODE_DECODED | typeof CODE_FAILED | typeof CODE_IGNORED;

export const FEED_ONGOING: FeedResult = Object.freeze({ status: 'ongoing' });
export const FEED_DECODED: FeedResult = Object.freeze({ status: 'decoded' });
export const FEED_FAILED: FeedResult = Object.freeze({ status: 'failed', reason: 'too-many-lost' });

function ignored(reason: IgnoreReason): FeedResult {
  return Object.freeze({ status: 'ignored', reason });
}

export const FEED_IGNORED = Object.freeze({
  duplicate: ignored('duplicate'),
  lateUncoded: ignored('late-uncoded'),
  outOfRange: ignored('out-of-range'),
  wrongLength: ignored('wrong-length'),
  afterCompletion: ignored('after-completion'),
});

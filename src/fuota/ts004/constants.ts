/**
 * Protocol constants of LoRaWAN TS004 (Fragmented Data Block Transport), v1.0.0 and v2.0.0.
 * Sources: TS004-1.0.0 and TS004-2.0.0 section 3 (command tables), shared/reference/ts004-algorithm.md
 * sections 2 and 6.
 */

/** Largest fragment number N: the DataFragment counter is 14 bits (TS004 3.x DataFragment, bits 13:0). */
export const MAX_FRAGMENT_COUNTER = 16383;

/** FragSize is a one-octet field of FragSessionSetupReq. */
export const MAX_FRAG_SIZE_BYTES = 255;

/** PackageIdentifier of the fragmentation package in PackageVersionAns. */
export const TS004_PACKAGE_IDENTIFIER = 3;

/** Recommended FPort of the fragmentation package. */
export const TS004_DEFAULT_FPORT = 201;

/** Number of concurrent fragmentation sessions (FragIndex is 2 bits). */
export const MAX_FRAG_SESSIONS = 4;

/** Command identifiers (TS004 table 2; 0x04 exists in v2.0.0 only). */
export const CID = {
  PackageVersion: 0x00,
  FragSessionStatus: 0x01,
  FragSessionSetup: 0x02,
  FragSessionDelete: 0x03,
  FragDataBlockReceived: 0x04,
  DataFragment: 0x08,
} as const;

/** The parity-row generator: TS004 v1.0.0, or v2.0.0 as deployed (LBM, ChirpStack v4). */
export type FecVariant = 'v1' | 'v2';

export const FEC_VARIANTS: readonly FecVariant[] = ['v1', 'v2'];

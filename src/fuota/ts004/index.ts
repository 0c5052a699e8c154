/** Public API of the TS004 fragmentation codec (LoRaWAN Fragmented Data Block Transport v1.0.0 / v2.0.0). */
export {
  CID,
  FEC_VARIANTS,
  MAX_FRAGMENT_COUNTER,
  MAX_FRAG_SESSIONS,
  MAX_FRAG_SIZE_BYTES,
  TS004_DEFAULT_FPORT,
  TS004_PACKAGE_IDENTIFIER,
  type FecVariant,
} from './constants.js';
export { Ts004Error, Ts004FormatError } from './errors.js';
export { checkCodedCount, checkFragSize, checkNbFrag, fragmentPlan, splitSizes, type FragmentPlan } from './sizing.js';
export { prbs23Seed, prbs23Step } from './prbs.js';
export { ParityRowCache, bitsToColumns, parityRowBits } from './rows.js';
export { codedFragment, encodeFragments, padData, type Fragment } from './encoder.js';
export { FragDecoder, type FragDecoderOptions } from './decoder.js';
export { type DecoderStatus, type FeedResult, type IgnoreReason } from './feed-result.js';
export { decodeDownlink, decodeUplink, encodeCommand, encodeCommands } from './commands.js';
export type * from './command-types.js';
export { aes128EncryptBlock, aesCmac } from './cmac.js';
export { dataBlockMic, deriveDataBlockIntKey, type DataBlockMicInput } from './mic.js';
export { crc32 } from './crc32.js';
export { fromHex, toHex } from './hex.js';
export { fragmentLine, parseFragmentLine, type ParsedFragmentLine } from './fragment-lines.js';

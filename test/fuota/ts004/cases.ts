/**
 * Test cases of the TS004 codec in one compact shape, read either from the shared golden vectors
 * (../shared/vectors/ts004, when present) or from the known-answer fixture test/fixtures/ts004-known-answers.json
 * (always). The fixture holds the same cases, numbers and hashes only; fixtures.test.ts checks that it
 * still agrees with the shared vectors.
 */
import { createHash } from 'node:crypto';
import { listShared, readFixture, readSharedJson, sharedDir } from '../../helpers/shared.js';
import type { FecVariant } from '../../../src/fuota/ts004/index.js';

export interface EncoderVariantCase {
  parityRowWeights: number[];
  allFragmentsSha256: string;
  /** shared vectors only */
  parityRows?: string[];
  codedFragmentsSha256?: string[];
  codedFragmentsHex?: string[];
}

export interface EncoderCase {
  id: string;
  dataLength: number;
  fragSize: number;
  nbFrag: number;
  padding: number;
  redundancy: number;
  dataSha256: string;
  dataCrc32: string;
  paddedSha256: string;
  uncodedFragmentsHex?: string[];
  variants: Record<FecVariant, EncoderVariantCase>;
}

export interface DecoderOutcome {
  outcome: 'decoded' | 'incomplete' | 'failed_too_many_lost';
  completedAtArrival: number | null;
  completingN: number | null;
  lostUncodedCount: number;
  reconstructedSha256: string | null;
}

export interface DecoderCase extends DecoderOutcome {
  id: string;
  variant: FecVariant;
  dataLength: number;
  fragSize: number;
  nbFrag: number;
  padding: number;
  redundancySent: number;
  maxLost: number | null;
  arrivals: number[];
  reconstructedPaddedSha256: string | null;
  droppedArrivalPositions: number[];
  /** LBM's MissingFrag at the end of an incomplete case */
  missingFragAtEnd: number | null;
  /** what the JiapengLi/Zephyr-lineage decoder did (v1 cases; null when it was not run) */
  zephyr: DecoderOutcome | null;
  /** shared vectors only: N -> payload hex */
  fragmentPayloadsHex?: Record<string, string>;
}

export interface WireCase {
  version: 1 | 2;
  name: string;
  direction: 'uplink' | 'downlink';
  fields: Record<string, unknown>;
  hex: string;
}

export interface MicCase {
  appKeyHex: string;
  sessionCnt: number;
  fragIndex: number;
  descriptorHex: string;
  dataLength: number;
  dataBlockIntKeyHex: string;
  micHex: string;
}

export interface Ts004Cases {
  encoder: EncoderCase[];
  decoder: DecoderCase[];
  wire: WireCase[];
  mic: MicCase[];
}

/** The data rule of every vector: byte i = (7 i + 3) mod 256. */
export function testData(length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = (7 * i + 3) & 0xff;
  return out;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/* eslint-disable @typescript-eslint/no-explicit-any -- raw vector JSON */
function encoderCase(v: any): EncoderCase {
  const i = v.input;
  const variant = (x: any): EncoderVariantCase => ({
    parityRowWeights: x.parityRowWeights,
    allFragmentsSha256: x.allFragmentsSha256,
    parityRows: x.parityRows,
    codedFragmentsSha256: x.codedFragmentsSha256,
    codedFragmentsHex: x.codedFragmentsHex,
  });
  return {
    id: v.id,
    dataLength: i.dataLength,
    fragSize: i.fragSize,
    nbFrag: i.M,
    padding: i.padding,
    redundancy: i.redundancy,
    dataSha256: i.dataSha256,
    dataCrc32: i.dataCrc32,
    paddedSha256: i.paddedSha256,
    uncodedFragmentsHex: v.uncodedFragmentsHex,
    variants: { v1: variant(v.variants.v1), v2: variant(v.variants.v2) },
  };
}

function outcome(x: any): DecoderOutcome {
  return {
    outcome: x.outcome,
    completedAtArrival: x.completedAtArrival,
    completingN: x.completingN,
    lostUncodedCount: x.lostUncodedCount,
    reconstructedSha256: x.reconstructedSha256 ?? null,
  };
}

function decoderCase(v: any): DecoderCase {
  const i = v.input;
  const e = v.expected;
  const zephyr = v.crossChecks.find((c: any) => /JiapengLi/.test(c.implementation));
  return {
    id: v.id,
    variant: v.variant,
    dataLength: i.dataLength,
    fragSize: i.fragSize,
    nbFrag: i.M,
    padding: i.padding,
    redundancySent: i.redundancySent,
    maxLost: i.maxLostUncoded,
    arrivals: i.arrivals,
    ...outcome(e),
    reconstructedPaddedSha256: e.reconstructedPaddedSha256 ?? null,
    droppedArrivalPositions: e.droppedArrivalPositions ?? [],
    missingFragAtEnd: e.missingFragAtEnd ?? null,
    zephyr: zephyr ? outcome(zephyr.agrees ? e : zephyr.result) : null,
    fragmentPayloadsHex: i.fragmentPayloadsHex,
  };
}

/** Cases read from ../shared, or null when the folder is absent. */
export function sharedCases(): Ts004Cases | null {
  if (!sharedDir) return null;
  const wire = (file: string, version: 1 | 2): WireCase[] =>
    readSharedJson<any>('vectors', 'ts004', 'wire', file).vectors.map((w: any) => ({ version, ...w }));
  return {
    encoder: listShared('vectors', 'ts004', 'encoder').map((f) => encoderCase(readSharedJson('vectors', 'ts004', 'encoder', f))),
    decoder: listShared('vectors', 'ts004', 'decoder').map((f) => decoderCase(readSharedJson('vectors', 'ts004', 'decoder', f))),
    wire: [...wire('wire-v1.json', 1), ...wire('wire-v2.json', 2)],
    mic: readSharedJson<any>('vectors', 'ts004', 'wire', 'mic-v2.json').vectors.map((m: any) => ({
      appKeyHex: m.appKeyHex,
      sessionCnt: m.sessionCnt,
      fragIndex: m.fragIndex,
      descriptorHex: m.descriptorHex,
      dataLength: m.dataLength,
      dataBlockIntKeyHex: m.dataBlockIntKeyHex,
      micHex: m.micHex,
    })),
  };
}
/* eslint-enable @typescript-eslint/no-explicit-any */

export const FIXTURE_FILE = 'ts004-known-answers.json';

/** The compact known-answer fixture (always present). */
export function fixtureCases(): Ts004Cases {
  return readFixture<Ts004Cases>(FIXTURE_FILE);
}

/** A shared case reduced to what the fixture keeps (numbers and hashes, no large hex). */
export function compactCases(c: Ts004Cases): Ts004Cases {
  return {
    encoder: c.encoder.map(({ uncodedFragmentsHex: _u, variants, ...rest }) => ({
      ...rest,
      variants: {
        v1: { parityRowWeights: variants.v1.parityRowWeights, allFragmentsSha256: variants.v1.allFragmentsSha256 },
        v2: { parityRowWeights: variants.v2.parityRowWeights, allFragmentsSha256: variants.v2.allFragmentsSha256 },
      },
    })),
    decoder: c.decoder.map(({ fragmentPayloadsHex: _p, ...rest }) => rest),
    wire: c.wire,
    mic: c.mic,
  };
}

/**
 * Cross-field rules that produce no value: each broken rule adds one problem line naming the
 * field(s) involved. Rules that settle a value live next to it (resolve-task.ts, resolve-fleet.ts).
 */
import { quote } from '../errors/index.js';
import type { Region } from '../lorawan/regions/index.js';
import { bookedSessionStartS } from './derive.js';
import { minUplinkIntervalS } from './limits.js';
import { knownKeysAt, schemaAt, suggest } from './paths.js';
import { scenarioSchema, type ParsedScenario } from './schema.js';
import { RETIRED_FIELDS } from './schema-world.js';
import { FORBIDDEN_KEYS, forbiddenKeyProblem } from './tree.js';

/** Mix shares whose AWS status exists only in TS004 v2 (lorawan-facts.md 7.2). */
const V2_ONLY_SHARES = ['sessionCntReplay', 'memoryError', 'micError'] as const;

/** Top-level fields a sweep may not vary. */
const NOT_SWEPT = new Set(['sweep', '$schema']);

export function checkMix(p: ParsedScenario, problems: string[]): void {
  if (p.fuotaTask.fec !== 'v1') return;
  for (const key of V2_ONLY_SHARES) {
    const share = p.devices.mix[key];
    if (share > 0) {
      problems.push(`devices.mix.${key}: ${share} needs TS004 v2 status fields, but fuotaTask.fec is "v1"; allowed: 0 with fec "v1", or fuotaTask.fec "v2"`);
    }
  }
}

export function checkTraffic(p: ParsedScenario, region: Region, problems: string[]): void {
  const dr = p.traffic.uplinkDr;
  let drValid = true;
  if (dr !== null) {
    const rate = region.dataRates[dr];
    if (!rate || !rate.uplink || rate.modulation !== 'LoRa') {
      drValid = false;
      const up = region.dataRates.flatMap((r) => (r && r.uplink && r.modulation === 'LoRa' ? [`DR${r.dr}`] : []));
      problems.push(`traffic.uplinkDr: ${dr} is not a LoRa uplink data rate of ${p.region}; allowed: null or ${up.join(', ')}`);
    }
  }
  const interval = p.traffic.uplinkIntervalS;
  if (interval > 0 && drValid) {
    const minS = minUplinkIntervalS(region, p.traffic.payloadBytes, dr);
    if (interval < minS) {
      problems.push(`traffic.uplinkIntervalS: ${interval} is shorter than one class A cycle of a ${p.traffic.payloadBytes}-byte uplink in ${p.region} (${minS} s: its airtime${dr === null ? ' at the fastest uplink data rate' : ` at DR${dr}`}, the 2 s until the RX2 window, and the 1 s period jitter); allowed: 0 (no background traffic) or ${minS}..31536000 s`);
    }
  }
}

export function checkTiming(p: ParsedScenario, fragmentSizeBytes: number | null, problems: string[]): void {
  const maxS = p.simulation.maxDurationS;
  if (p.fuotaTask.startTimeS >= maxS) {
    problems.push(`fuotaTask.startTimeS: ${p.fuotaTask.startTimeS} is not before simulation.maxDurationS (${maxS}); allowed: 0..${maxS} s, not inclusive`);
  }
  const start = p.multicastGroup.sessionStart;
  const campaignS = p.fuotaTask.startTimeS;
  const bookedS = bookedSessionStartS(start, p.startTime, campaignS);
  if (bookedS !== null && bookedS < campaignS) {
    problems.push(`multicastGroup.sessionStart: ${JSON.stringify(start)} is ${campaignS - bookedS} s before the campaign start (${isoAt(p.startTime, campaignS)}); allowed: a time at or after it`);
  } else if (bookedS !== null && bookedS >= maxS) {
    const allowed = typeof start === 'number' ? `seconds below ${maxS - campaignS}` : `a time before ${isoAt(p.startTime, maxS)}`;
    problems.push(`multicastGroup.sessionStart: ${JSON.stringify(start)} is not before simulation.maxDurationS (${maxS} s of simulation); allowed: ${allowed}`);
  }
  if (fragmentSizeBytes !== null && p.firmware.tamperBytes > fragmentSizeBytes) {
    problems.push(`firmware.tamperBytes: ${p.firmware.tamperBytes} is more than the ${fragmentSizeBytes}-byte fragment; allowed: 0..${fragmentSizeBytes}`);
  }
}

/** The wall-clock time `s` seconds after simulation time 0. */
function isoAt(startTime: string, s: number): string {
  return new Date(Date.parse(startTime) + s * 1000).toISOString().replace('.000Z', 'Z');
}

/** A sweep key must name a field of the schema (objects included), other than the sweep itself. */
export function sweepKeyProblem(key: string): string | null {
  const parts = key.split('.');
  const forbidden = parts.find((part) => FORBIDDEN_KEYS.has(part));
  if (forbidden !== undefined) return `sweep[${quote(key)}]: ${forbiddenKeyProblem(forbidden)}`;
  if (NOT_SWEPT.has(parts[0])) return `sweep[${quote(key)}]: cannot be swept; allowed: a dotted path of another scenario field`;
  if (parts.every((s) => s !== '') && schemaAt(scenarioSchema, parts) !== null) return null;
  if (RETIRED_FIELDS[key] !== undefined) return `sweep[${JSON.stringify(key)}]: ${RETIRED_FIELDS[key]}`;
  let known = knownKeysAt(scenarioSchema, []);
  let prefix: string[] = [];
  for (const part of parts.slice(0, -1)) {
    if (schemaAt(scenarioSchema, [...prefix, part]) === null) break;
    prefix = [...prefix, part];
    known = knownKeysAt(scenarioSchema, prefix);
  }
  const last = parts[prefix.length] ?? '';
  const near = suggest(last, known.filter((k) => !NOT_SWEPT.has(k)));
  const hint = near ? `did you mean "${[...prefix, near].join('.')}"?` : 'allowed: a dotted path of a scenario field, e.g. "fuotaTask.redundancyPercent"';
  return `sweep[${quote(key)}]: unknown field; ${hint}`;
}

export function checkSweepKeys(p: ParsedScenario, problems: string[]): void {
  if (p.sweep === null) return;
  for (const key of Object.keys(p.sweep)) {
    const problem = sweepKeyProblem(key);
    if (problem) problems.push(problem);
  }
}

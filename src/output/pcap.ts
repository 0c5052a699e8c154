/**
 * `fuota-sim run … --pcap FILE`: every radio frame of the run as a real LoRaWAN frame in a pcap
 * file (LoRaTap encapsulation), for Wireshark, plus the session keys in the two forms of Wireshark's
 * LoRaWAN key table (FILE.session_keys_lorawan, FILE.encryption_keys_lorawan; docs/models/pcap.md).
 *
 * The run records what each frame carried (TxLog details, `frameCaptureOptions`); when it is over,
 * `captureFromRun` keeps what the frames need from the run's state, and `writeCapture` builds the
 * frames in time order and writes both files atomically. Same scenario and seed ⇒ same bytes:
 * timestamps are the scenario's startTime plus simulation time, and keys follow from the seed.
 */
import { existsSync } from 'node:fs';
import { DeviceClocks } from '../sim/campaign/clock.js';
import type { Campaign } from '../sim/campaign/campaign.js';
import type { RunContext } from '../sim/context.js';
import type { DeviceStatus, RunResult } from '../sim/types.js';
import type { FirmwarePackage } from '../fuota/image/package.js';
import { fragmentPlan } from '../fuota/ts004/sizing.js';
import { toHex } from '../fuota/ts004/hex.js';
import { SessionKeys } from '../lorawan/session-keys.js';
import { FuotaSimError as CliError } from '../errors/index.js';
import { writeFileAtomic } from './atomic.js';
import { FrameBuilder, type LinkInputs } from './pcap-frames.js';
import { pcapGlobalHeader, pcapRecord } from './pcap-format.js';
import { MessagePayloads } from './pcap-payloads.js';

/** What the frames need from the run besides its result; taken when the campaign is over. */
export interface RunCapture {
  link: LinkInputs;
  sessionStartUs: number;
  data: Uint8Array;
  setupFailure: (d: number) => DeviceStatus | null;
}

/** Takes the run's state the frames need (SimulateOptions.onFinish). */
export function captureFromRun(ctx: RunContext, campaign: Campaign, pkg: FirmwarePackage): RunCapture {
  const { world } = ctx;
  const failures = Array.from({ length: world.fleet.count }, (_, d) => campaign.core.setupFailure(d));
  return {
    link: {
      s: world.s,
      region: world.region,
      lossDb: world.links.lossDb,
      gateways: world.links.gateways,
      best: world.links.best,
      members: ctx.members,
      gpsEpochUs: ctx.gpsEpochUs,
    },
    sessionStartUs: ctx.sessionStartUs,
    data: pkg.payload,
    setupFailure: (d) => failures[d],
  };
}

/** Simulate options that make a run recordable, and where its state lands. */
export function frameCaptureOptions(): { options: { frameDetails: true; onFinish: (ctx: RunContext, c: Campaign, pkg: FirmwarePackage) => void }; taken: () => RunCapture } {
  let taken: RunCapture | null = null;
  return {
    options: { frameDetails: true, onFinish: (ctx, c, pkg) => (taken = captureFromRun(ctx, c, pkg)) },
    taken: () => {
      if (!taken) throw new Error('internal: the run ended without its capture state');
      return taken;
    },
  };
}

/** The run's session keys (DevAddr per device, the group's McAddr). */
export function runKeys(result: RunResult): SessionKeys {
  const s = result.scenario;
  return new SessionKeys(s.seed, result.devices.count, Number.parseInt(s.multicastGroup.mcAddr, 16));
}

/** The pcap file's bytes, in chunks: global header, then one record per frame in time order. */
export function* captureChunks(result: RunResult, run: RunCapture, keys: SessionKeys = runKeys(result)): Generator<Uint8Array> {
  const t = result.transmissions;
  if (!t.detail) throw new Error('internal: the run did not record frame details (frameDetails)');
  const s = result.scenario;
  const plan = fragmentPlan(run.data.length, s.fuotaTask.fragmentSizeBytes, s.fuotaTask.redundancyPercent);
  const payloads = new MessagePayloads({
    s,
    plan,
    data: run.data,
    keys,
    gpsEpochUs: run.link.gpsEpochUs,
    sessionStartUs: run.sessionStartUs,
    devices: result.devices,
    setupFailure: run.setupFailure,
    clocks: new DeviceClocks(s, result.devices.count),
  });
  const frames = new FrameBuilder(t, run.link, keys, payloads);
  yield pcapGlobalHeader();
  const batch: Uint8Array[] = [];
  let bytes = 0;
  for (let i = 0; i < t.count; i++) {
    const { meta, phy } = frames.frame(i);
    const rec = pcapRecord(meta, phy);
    batch.push(rec);
    bytes += rec.length;
    if (bytes >= 1 << 16) {
      yield Buffer.concat(batch);
      batch.length = 0;
      bytes = 0;
    }
  }
  if (batch.length > 0) yield Buffer.concat(batch);
}

/**
 * The two forms of Wireshark's LoRaWAN key table (a UAT file of a Wireshark profile):
 * - `session_keys_lorawan` (current Wireshark): `"DevAddr","NwkSKey","AppSKey"`, DevAddr as written
 *   (big-endian hex);
 * - `encryption_keys_lorawan` (Wireshark 4.0): `"DevAddr","NwkSKey","AppSKey","AppEUI"`, DevAddr in
 *   frame byte order (little-endian hex); AppEUI is not used for data frames and is zero here.
 */
export type KeyTableFormat = 'session_keys_lorawan' | 'encryption_keys_lorawan';
export const KEY_TABLE_FORMATS: readonly KeyTableFormat[] = ['session_keys_lorawan', 'encryption_keys_lorawan'];

/** One line per DevAddr, the group's McAddr first. */
export function* wiresharkKeyLines(keys: SessionKeys, devices: number, format: KeyTableFormat): Generator<string> {
  const be = (a: number) => a.toString(16).padStart(8, '0');
  const le = (a: number) => be(a).match(/../g)!.reverse().join('');
  const line = (a: number, k: { nwkSKey: Uint8Array; appSKey: Uint8Array }) =>
    format === 'session_keys_lorawan'
      ? `"${be(a)}","${toHex(k.nwkSKey)}","${toHex(k.appSKey)}"\n`
      : `"${le(a)}","${toHex(k.nwkSKey)}","${toHex(k.appSKey)}","0000000000000000"\n`;
  yield '# LoRaWAN session keys of a fuota-sim capture (simulation keys, derived from the scenario seed)\n';
  yield line(keys.mcAddr, keys.multicast);
  for (let d = 0; d < devices; d++) yield line(keys.devAddr(d), keys.device(d));
}

/** The files a capture at `path` writes: the pcap, then one key table per Wireshark format. */
export function captureFiles(path: string): string[] {
  return [path, ...KEY_TABLE_FORMATS.map((f) => `${path}.${f}`)];
}

/** Refuses an existing capture file unless `force` (as for the results folder). */
export function checkCaptureTarget(path: string, force: boolean): void {
  if (!force && captureFiles(path).some((f) => existsSync(f))) throw new CliError(`--pcap: ${path} already exists; pass --force to replace it`, 2);
}

/** Writes FILE (the capture) and its key tables (FILE.session_keys_lorawan, FILE.encryption_keys_lorawan), each atomically. */
export async function writeCapture(path: string, result: RunResult, run: RunCapture): Promise<{ frames: number }> {
  const keys = runKeys(result);
  await writeFileAtomic(path, captureChunks(result, run, keys));
  for (const f of KEY_TABLE_FORMATS) await writeFileAtomic(`${path}.${f}`, wiresharkKeyLines(keys, result.devices.count, f));
  return { frames: result.transmissions.count };
}

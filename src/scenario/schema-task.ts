/**
 * Scenario schema, part 1: the firmware image, the FUOTA task and the multicast group. Field names
 * follow the AWS IoT Core for LoRaWAN API (CreateFuotaTask, CreateMulticastGroup,
 * StartMulticastGroupSession) in camelCase; ranges are the API's (lorawan-facts.md 7.1) unless noted.
 */
import { z } from 'zod';
import { bool, derivedDoc, derivedInt, filePath, int, ISO_UTC, isUtcTime, num, oneOf, says, section, text } from './fields.js';

import { MAX_IMAGE_BYTES } from '../fuota/image/limits.js';

export { MAX_IMAGE_BYTES };
/** Largest image the schema accepts at all (a delta may stand in for an image over 1 MB). */
export const MAX_FILE_BYTES = 64 * MAX_IMAGE_BYTES;

const VERSION = /^\d{1,5}\.\d{1,5}\.\d{1,5}$/;
const VERSION_ALLOWED = 'MAJOR.MINOR.PATCH, e.g. "1.4.0"';

export { VERSION, VERSION_ALLOWED };

const delta = z
  .strictObject(
    {
      baseFile: z.string({ error: says('a file path') }).min(1, { error: says('a file path') })
        .describe('The image the devices run now (the delta base), relative to the scenario file.'),
      file: z.string({ error: says('a file path') }).min(1, { error: says('a file path') })
        .describe('The new image, relative to the scenario file: fuota-sim computes a VCDIFF (RFC 3284) delta from baseFile to it and sends that. A ready VCDIFF delta file is accepted too.'),
    },
    { error: says('null or { "baseFile": ..., "file": ... }') },
  )
  .nullable()
  .default(null)
  .describe('Send a binary delta instead of the full image; needed for images over 1 MB (1048576 B). Default: null.');

export const firmwareSchema = section(
  {
    sizeBytes: derivedInt(1, MAX_FILE_BYTES, derivedDoc(
      'Size of the new firmware image, bytes. Over 1048576 (1 MB, the AWS limit) only with firmware.delta.',
      '262144, or the size of firmware.file when a file is given',
    )),
    file: filePath('The image file to send, relative to the scenario file; null = synthetic bytes derived from the seed.'),
    version: text(VERSION, VERSION_ALLOWED, 'Version of the new image; devices compare it with devices.firmwareVersion.', '1.4.0'),
    signature: oneOf(['ecdsa-p256', 'ed25519', 'none'] as const,
      'Signature over the image, signed and verified for real on the payload-sample devices.', 'ecdsa-p256'),
    signingKeyFile: filePath('PEM private key for the signature, relative to the scenario file; null = a key derived from the seed.'),
    delta,
    tamperBytes: int(0, 255, 'Bytes flipped on the air in every fragment payload sent; a tampering test (0 = none).', 0),
  },
  'The firmware image sent to the fleet.',
);

export const fuotaTaskSchema = section(
  {
    redundancyPercent: int(0, 100,
      'Coded fragments as a percentage of the uncoded ones, rounded up: ceil(nbFrag × r / 100) (AWS RedundancyPercent).', 10),
    fragmentSizeBytes: derivedInt(1, 255, derivedDoc(
      'Fragment payload size, bytes (AWS FragmentSizeBytes). At most N(dlDr) − 3 of the region.',
      'the largest that fits multicastGroup.dlDr: N − 3 from the non-repeater table (AS923 without dwell time); EU868 DR5 239',
    )),
    fragmentIntervalMs: int(1, 3_600_000,
      'Server-side spacing between fragments, ms (AWS FragmentIntervalMS); the radio may delay them further (duty cycle, ping slots).', 1000),
    startTimeS: num(0, 31_536_000, 'When the campaign starts, seconds after simulation start.', 0),
    mode: oneOf(['multicast', 'unicast'] as const,
      'multicast: one multicast group (class B or C); unicast: individual devices, class A downlinks.', 'multicast'),
    blockAckDelay: int(0, 7, 'TS004 BlockAckDelay: status answers are spread over 2^(x+4) s.', 1),
    fec: oneOf(['v1', 'v2'] as const,
      'TS004 parity rows and status fields: v1 (TS004 v1.0.0, what AWS speaks) or v2 (TS004 v2.0.0 as deployed).', 'v1'),
    fragIndex: derivedInt(0, 3, derivedDoc('TS004 FragIndex of the session.', '1 for multicast, 0 for unicast (as AWS)')),
    descriptor: text(/^[0-9a-fA-F]{8}$/, '8 hex digits, e.g. "00000000"',
      'TS004 Descriptor sent in FragSessionSetupReq, 4 bytes as 8 hex digits.', '00000000'),
  },
  'The FUOTA task (AWS CreateFuotaTask).',
);

const isPowerOfTwo = (v: number): boolean => Number.isInteger(v) && v > 0 && (v & (v - 1)) === 0;
const notPingPeriod = (iss: { input?: unknown }): string => `${JSON.stringify(iss.input)} is not a power of two between 32 and 4096`;

const gatewayIds = z
  .union(
    [
      z.literal('all'),
      z.literal('cover'),
      z.array(z.number({ error: says('a gateway id: integer 0..999') }).int({ error: says('a gateway id: integer 0..999') })
        .min(0, { error: says('a gateway id: integer 0..999') }).max(999, { error: says('a gateway id: integer 0..999') }))
        .min(1, { error: says('"all" or 1..20 gateway ids') }).max(20, { error: says('"all" or 1..20 gateway ids') }),
    ],
    { error: says('"all", "cover" or a list of 1..20 gateway ids (indexes into gateways.positions)') },
  )
  .default('all')
  .describe('Gateways that send the group\'s downlinks: "all"; "cover", the fewest gateways that reach every device any gateway reaches at the session data rate (as ChirpStack selects them; chosen greedily, ties to the lower id); or a list of 1..20 gateway ids, 0-based indexes into gateways.positions (AWS ParticipatingGateways.GatewayList). Default: "all".');

const SESSION_START_ALLOWED =
  '"after-setup", "chirpstack", seconds 0..31536000 after the campaign start, or an ISO-8601 UTC time such as "2026-01-05T02:00:00Z"';
const sessionStart = z
  .union([
    z.enum(['after-setup', 'chirpstack']),
    z.number().min(0).max(31_536_000),
    z.string().regex(ISO_UTC).refine(isUtcTime),
  ], { error: says(SESSION_START_ALLOWED) })
  .default('after-setup')
  .describe(
    'When the multicast session starts (TS005 SessionTime), as booked: seconds after the campaign start (fuotaTask.startTimeS), or an ISO-8601 UTC time ' +
      '(AWS StartFuotaTask LoRaWAN.StartTime / StartMulticastGroupSession SessionStartTime, which AWS takes 30 min to 48 h ahead); setup runs in the lead time and a device not set up by then does not join. ' +
      '"after-setup": the earliest booking that still sets up every device setup can reach — the session starts when the last of them has answered its session request (class B: at the next beacon), found by simulating setup first; ' +
      'a planning answer ("book at least this far ahead", summary leadTimeFor…S), not something a server does by itself. ' +
      '"chirpstack": as ChirpStack v4 fixes it, when its session step runs after the McGroupSetup and FragSessionSetup steps of the whole group: that moment + (setup.maxRetries + 1) × the uplink interval. Default: "after-setup".',
  );

export const multicastGroupSchema = section(
  {
    dlClass: oneOf(['ClassB', 'ClassC'] as const, 'Class of the multicast session (AWS DlClass).', 'ClassC'),
    dlDr: derivedInt(0, 15, derivedDoc('Downlink data rate of the session (AWS DlDr); a downlink LoRa DR of the region.',
      'EU868, AS923-1, IN865: 5; US915, AU915: 13')),
    dlFreq: derivedInt(100_000_000, 1_000_000_000, derivedDoc('Downlink frequency of the session, Hz (AWS DlFreq).',
      'the region\'s RX2 frequency (EU868 869525000, US915/AU915 923300000, AS923-1 923200000, IN865 866550000)')),
    pingSlotPeriod: z
      .number({ error: says('a power of two 32..4096') })
      .int({ error: notPingPeriod }).min(32, { error: notPingPeriod }).max(4096, { error: notPingPeriod })
      .refine(isPowerOfTwo, { error: notPingPeriod })
      .default(128)
      .describe('Class B only: ping period in 30 ms slots, a power of two 32..4096 (AWS PingSlotPeriod; 128 = one slot every 3.84 s). Default: 128.'),
    sessionTimeoutS: derivedInt(60, 172_800, derivedDoc(
      'Multicast session length, s (AWS SessionTimeout, 60..172800). A value that is not a power of two is rounded up to the next one, as AWS does. ' +
        'TS005 carries it as a 4-bit TimeOut: 2^TimeOut s for class C, so at most 32768 s (a longer class C value is refused), and 2^TimeOut beacon periods of 128 s for class B, so at least 128 s. ' +
        'At the timeout the devices return to class A and stop collecting fragments.',
      'derived: 1.5 × the estimated distribution time, rounded the same way (class C at most 32768)',
    )),
    mcAddr: text(/^0x[0-9a-fA-F]{8}$/, '"0x" and 8 hex digits, e.g. "0x01ABCDEF"',
      'Multicast address; class B ping-slot offsets derive from it.', '0x01ABCDEF'),
    gateways: gatewayIds,
    transmissionIntervalMs: int(0, 60_000,
      'Class C only: delay between successive gateways sending the same downlink, ms (AWS ParticipatingGateways.TransmissionInterval). In class B every group gateway sends each frame in the same ping slot, as ChirpStack schedules it (docs/models/class-b.md).', 0),
    sessionStart,
    stopListeningWhenDecoded: bool('Devices stop listening once they have rebuilt the image (TS005 lets a session end early).', true),
  },
  'The multicast group and its session (AWS CreateMulticastGroup, StartMulticastGroupSession).',
);

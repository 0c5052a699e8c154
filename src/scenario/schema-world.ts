/**
 * Scenario schema, part 3: the radio channel, background traffic, the campaign phases, the run
 * limits and the outputs.
 */
import { z } from 'zod';
import { bool, int, num, oneOf, says, section, share, strictObject } from './fields.js';

/**
 * Fields that were removed, with the message that replaces "unknown field": the per-frame
 * Gilbert–Elliott probabilities stepped once per frame, so class B and class C saw different bursts
 * for the same numbers (docs/models/reception.md gives the conversion).
 */
export const RETIRED_FIELDS: Readonly<Record<string, string>> = Object.freeze({
  'channel.burst.pGoodToBad': 'per-frame probabilities are no longer used; give channel.burst.meanGapS (mean time between bursts, s) — from an old scenario: meanGapS = T / pGoodToBad, T the time between the frames a device heard (fuotaTask.fragmentIntervalMs / 1000 with one gateway in class C)',
  'channel.burst.pBadToGood': 'per-frame probabilities are no longer used; give channel.burst.meanBurstS (mean burst length, s) — from an old scenario: meanBurstS = T / pBadToGood, T the time between the frames a device heard (fuotaTask.fragmentIntervalMs / 1000 with one gateway in class C)',
});


// lorawan-facts.md 6.1: log-distance defaults from LoRaSim (d0 = 40 m, PL(d0) = 127.41 dB, γ = 2.08)
const logDistance = strictObject({
  model: z.literal('log-distance').describe('PL(d) = pl0Db + 10 γ log10(d / d0M) dB.'),
  d0M: num(0, 1e5, 'Reference distance, m.', 40, true),
  pl0Db: num(0, 300, 'Path loss at the reference distance, dB.', 127.41),
  gamma: num(0, 10, 'Path-loss exponent.', 2.08, true),
});
const okumuraHata = strictObject({
  model: z.literal('okumura-hata').describe('Okumura-Hata for urban, suburban or rural (open) areas.'),
  frequencyMHz: num(100, 3000, 'Carrier frequency, MHz; null = multicastGroup.dlFreq.').nullable()
    .default(null).describe('Carrier frequency, MHz; null = multicastGroup.dlFreq. Default: null.'),
  gatewayHeightM: num(1, 1000, 'Gateway antenna height, m.', 30),
  deviceHeightM: num(0.1, 100, 'Device antenna height, m.', 1.5),
  environment: oneOf(['urban', 'suburban', 'rural'] as const, 'Area type.', 'urban'),
});

export const channelSchema = section(
  {
    // Default Okumura-Hata urban, as every example scenario: LoRaSim's log-distance set (measured in
    // Lancaster) reaches about 1 km with SF12 uplinks at 14 dBm and 0.6 km with DR5 downlinks, so with
    // the default 3 km disc most devices could never be set up (docs/models/propagation.md).
    pathLoss: z
      .discriminatedUnion('model', [logDistance, okumuraHata], { error: says('"log-distance", "okumura-hata"') })
      .prefault({ model: 'okumura-hata' })
      .describe('Path-loss model: log-distance {d0M, pl0Db, gamma} or okumura-hata {frequencyMHz, gatewayHeightM, deviceHeightM, environment}. Default: {"model":"okumura-hata","frequencyMHz":null,"gatewayHeightM":30,"deviceHeightM":1.5,"environment":"urban"}.'),
    shadowingSigmaDb: num(0, 30, 'Log-normal shadowing, standard deviation in dB, drawn once per device–gateway link.', 3.57),
    shadowingCorrelationM: num(0, 1e5,
      'Decorrelation distance D of spatially correlated shadowing, m: each gateway has a shadowing field over the plane with correlation exp(−Δ/D) between points Δ apart (Gudmundson; ns-3 uses 110 m); 0 = independent per link.',
      0),
    fading: oneOf(['none', 'rayleigh', 'clarke'] as const,
      'Fading: none; rayleigh, independent per frame; clarke, Rayleigh correlated in time per link (Doppler spread channel.dopplerHz).', 'none'),
    dopplerHz: num(0, 1000, 'Doppler spread of clarke fading, Hz: fades last about 0.4 / dopplerHz seconds.', 0.5, true),
    reception: oneOf(['threshold', 'sinr'] as const,
      'threshold: sensitivity and capture thresholds; sinr: packet error rate of the SINR (thermal noise, noise figure, interference energy weighted by the inter-SF isolation), see docs/models/sinr.md.',
      'threshold'),
    demodulator: oneOf(['datasheet', 'ideal'] as const,
      'sinr reception: datasheet, the PER model calibrated to each radio\'s datasheet sensitivity; ideal, the theoretical detector.', 'datasheet'),
    combineCopies: bool(
      'Copies of one downlink frame sent by several gateways that reach a device less than one chip apart combine (power sum) instead of interfering: class B simulcast, where every group gateway sends each frame in the same ping slot (docs/models/sinr.md). false: every copy is judged alone and the others are interferers (the capture rule), to study destructive simulcast.',
      true),
    externalLoad: section(
      {
        airtimeShare: share('Share of each channel\'s airtime taken by other networks\' frames; 0 = none.', 0),
        frameMs: num(0, 10_000, 'Duration of one foreign frame, ms.', 100, true),
        powerDbm: num(-200, 30, 'Mean received power of a foreign frame at any receiver, dBm.', -120),
        powerSigmaDb: num(0, 40, 'Standard deviation of that power, dB.', 6),
        spreadingFactors: z.array(z.number({ error: says('an integer 7..12') }).int({ error: says('an integer 7..12') }).min(7, { error: says('an integer 7..12') }).max(12, { error: says('an integer 7..12') }), { error: says('a list of spreading factors 7..12') })
          .min(1, { error: says('at least one spreading factor 7..12') }).default([7, 8, 9, 10, 11, 12])
          .describe('Spreading factors of the foreign frames, drawn uniformly. Default: [7,8,9,10,11,12].'),
      },
      'Interference from other networks on the same channels: Poisson frames per channel (docs/models/sinr.md).',
    ),
    burst: section(
      {
        model: oneOf(['none', 'gilbert-elliott'] as const,
          'Burst loss per device: none, or a two-state Gilbert-Elliott process in time (bursts and gaps of exponential length, the state read at the end of every frame the device receives), so that class B and class C face the same channel.',
          'none'),
        meanBurstS: num(0, 1e6, 'Mean length of a burst (the bad state), s.', 7, true),
        meanGapS: num(0, 1e7, 'Mean time between bursts (the good state), s.', 140, true),
        lossGood: share('Loss probability of a frame received in the good state.', 0),
        lossBad: share('Loss probability of a frame received in the bad state.', 0.8),
      },
      'Burst loss (e.g. interference from other systems), the same process for multicast and class A downlinks. The defaults give the 1/21 bad share and the ≈ 7 s bursts the default class C scenario had with the former per-frame probabilities.',
    ),
    extraLoss: share('Independent per-frame loss probability on top of everything else.', 0),
    beaconExtraLoss: share('Class B: probability that a device misses a beacon besides link loss.', 0),
  },
  'The radio channel.',
);

export const trafficSchema = section(
  {
    uplinkIntervalS: num(0, 31_536_000, 'Mean interval of every device\'s background class A uplinks, s; 0 = no background traffic.', 900),
    payloadBytes: int(0, 242, 'Background uplink FRMPayload size, bytes.', 20),
    uplinkDr: int(0, 15, 'Uplink data rate.').nullable().default(null)
      .describe('Uplink data rate of every device (an uplink DR of the region); null = chosen per device by its link. Default: null.'),
    confirmed: bool('Background uplinks are confirmed: the network acknowledges each one it receives with a class A downlink (gateway airtime and duty cycle), and the device repeats a frame without ACK up to nbTrans times.', false),
    nbTrans: int(1, 15, 'Transmissions of each background frame at most (LoRaWAN NbTrans): a confirmed frame stops at its ACK, an unconfirmed one at any downlink; repetitions start 1–3 s after RX2.', 1),
  },
  'Background class A uplinks of every device.',
);

export const setupSchema = section(
  {
    mode: oneOf(['classA', 'instant'] as const,
      'classA: simulate every setup message (package version, McGroupSetup, FragSessionSetup, clock sync, session request); instant: the fleet is set up at time 0.',
      'classA'),
    maxRetries: int(0, 10, 'Retries of each unanswered setup request.', 3),
    answerDelayS: num(0, 86_400, 'A device answers a setup request after this delay, s (with its next uplink).', 5),
    clockSyncToleranceS: num(0, 3600, 'Clock sync: a device resyncs until its error is at most this, s.', 1, true),
    packCommands: bool(
      'Requests of one package share a downlink when the pair fits the data rate of both receive windows: PackageVersionReq + FragSessionSetupReq (FPort 201), McGroupSetupReq + McClassC/BSessionReq (FPort 200); the device answers both in one uplink, as LoRaMac-node does. ' +
        'false: one request per downlink, as ChirpStack v4\'s FUOTA flow sends them (AWS does not document it). Not used with sessionStart "chirpstack".',
      false,
    ),
  },
  'The class A setup phase before the session.',
);

export const completionSchema = section(
  {
    statusRequest: bool('Send FragSessionStatusReq after the session and collect the answers.', true),
    repairRounds: int(0, 10, 'Extra rounds of coded fragments for devices still missing fragments.', 0),
    unicastRepair: bool('Send repair fragments to individual devices (class A) instead of the group.', false),
    rebootDelayS: num(0, 86_400, 'Time from a verified image to running it, s.', 60),
  },
  'After the session: status, repair and reboot.',
);

export const simulationSchema = section(
  {
    payloadSampleDevices: int(0, 1_000_000,
      'Devices that also rebuild the bytes and check hash and signature (the others decode on the parity rows only).', 8),
    maxDurationS: num(0, 31_536_000, 'Hard stop, seconds after simulation start.', 604_800, true),
  },
  'Simulation limits.',
);

export const outputsSchema = section(
  {
    transmissions: bool('Write transmissions.csv (one row per radio frame).', false),
    devices: bool('Write devices.csv (one row per device).', true),
    plots: bool('Write the vega-lite plots and their SVG.', true),
    report: bool('Write report.html.', true),
  },
  'Result files to write.',
);

/**
 * Scenario schema, part 2: where the devices and gateways are and what radios they carry.
 */
import { z } from 'zod';
import { VERSION, VERSION_ALLOWED } from './schema-task.js';
import { bool, derivedDoc, derivedInt, int, num, oneOf, positions, says, section, share, strictObject, text, xy } from './fields.js';

/** Most devices one scenario may hold. */
export const MAX_DEVICES = 1_000_000;
/** Most gateways one scenario may hold. */
export const MAX_GATEWAYS = 1000;

const KINDS = ['disc', 'ring', 'grid', 'list', 'csv'] as const;
const center = () => xy('Centre of the layout, [x, y] in metres.', [0, 0]);

const disc = strictObject({
  kind: z.literal('disc').describe('A disc of radius radiusM around centerM.'),
  radiusM: num(0, 1e6, 'Disc radius, m.', 3000, true),
  centerM: center(),
});
const ring = strictObject({
  kind: z.literal('ring').describe('An annulus from minM to maxM around centerM.'),
  minM: num(0, 1e6, 'Inner radius, m.'),
  maxM: num(0, 1e6, 'Outer radius, m (greater than minM).', undefined, true),
  centerM: center(),
});
const grid = strictObject({
  kind: z.literal('grid').describe('A square grid of spacing spacingM, centred on centerM.'),
  spacingM: num(0, 1e6, 'Grid spacing, m.', undefined, true),
  centerM: center(),
});
const list = strictObject({
  kind: z.literal('list').describe('The given positions.'),
  positions: positions('Positions [[x, y], ...] in metres.', MAX_DEVICES),
});
const csv = strictObject({
  kind: z.literal('csv').describe('Positions read from a CSV file with a header and columns x and y (metres).'),
  file: z.string({ error: says('a file path') }).min(1, { error: says('a file path') })
    .describe('CSV file, relative to the scenario file; columns x and y in metres.'),
});

const placementDoc =
  'Where the devices are: uniformly at random (from the seed) in a disc {radiusM, centerM} or a ring {minM, maxM, centerM}; on a grid {spacingM, centerM} filled row by row (+x, then +y) with ceil(sqrt(count)) columns; at a list of positions; or at the positions of a csv {file}. A csv placement is read and becomes a list in the resolved scenario.';

export const devicePlacementSchema = z
  .discriminatedUnion('kind', [disc, ring, grid, list, csv], { error: says(KINDS.map((k) => `"${k}"`).join(', ')) })
  .prefault({ kind: 'disc' })
  .describe(`${placementDoc} Default: {"kind":"disc","radiusM":3000,"centerM":[0,0]}.`);

const gatewayPlacementSchema = z
  .discriminatedUnion('kind', [disc, ring, grid], { error: says('"disc", "ring", "grid"') })
  .describe('With gateways.count: a deterministic layout (no randomness). disc: one gateway at the centre, or count gateways evenly spaced on a circle of radiusM / 2; ring: evenly spaced on a circle of (minM + maxM) / 2; grid: a square grid, row by row, centred. The first gateway is at angle 0 (+x), the others counter-clockwise. Default: {"kind":"disc","radiusM":3000,"centerM":[0,0]}.');

const mcuNum = (max: number, what: string) => num(0, max, `${what} Default: the profile's value.`, undefined, true).optional();

const mcuSchema = z
  .strictObject(
    {
      profile: oneOf(['stm32l072', 'stm32wl55', 'none'] as const,
        'MCU and flash whose per-operation figures cost the image work: stm32l072 (Cortex-M0+, 32 MHz, 128-byte flash pages), stm32wl55 (Cortex-M4, 48 MHz, 2-Kbyte pages), or none (no image work charged).',
        'stm32l072'),
      imageApply: oneOf(['overwrite', 'swap-move', 'bank-switch'] as const,
        'How the bootloader installs the image at the reboot (MCUboot modes): overwrite = erase the running slot and copy the image once; swap-move = exchange the slots (three erase-and-program passes); bank-switch = dual-bank boot, nothing copied.',
        'overwrite'),
      supplyV: mcuNum(12, 'MCU supply voltage, V.'),
      clockHz: mcuNum(1e9, 'Core clock, Hz.'),
      runA: mcuNum(1, 'Current with the CPU running, A.'),
      flashA: num(0, 1, 'Extra current while the flash programs or erases, A. Default: the profile\'s value.').optional(),
      pageBytes: mcuNum(1 << 20, 'Flash erase unit, bytes.'),
      pageEraseMs: mcuNum(1e4, 'Time to erase one page, ms.'),
      programBytes: mcuNum(1 << 16, 'Flash program unit, bytes.'),
      programMs: mcuNum(1e4, 'Time to program one unit, ms.'),
      sha256CyclesPerByte: mcuNum(1e6, 'SHA-256 cost, CPU cycles per byte.'),
      sha512CyclesPerByte: mcuNum(1e6, 'SHA-512 cost (inside Ed25519), CPU cycles per byte.'),
      ecdsaP256VerifyCycles: mcuNum(1e10, 'ECDSA P-256 signature check, CPU cycles.'),
      ed25519VerifyCycles: mcuNum(1e10, 'Ed25519 signature check, CPU cycles.'),
    },
    { error: says('an object of profile, imageApply and the profile\'s figures') },
  )
  .prefault({})
  .describe('The device\'s work on the image, charged as energy (energyStoreJ, energyVerifyJ, energyApplyJ): erase of the download slot and storage of every fragment kept, hash and signature check of the rebuilt image, install at the reboot. Fields other than profile and imageApply override the profile\'s figures (docs/models/energy.md lists them with sources). Default: {"profile":"stm32l072","imageApply":"overwrite"}.');

const positiveA = (what: string) => num(0, 10, `${what}, A. Default: the chip's value.`, undefined, false).optional();

export const devicesSchema = section(
  {
    count: derivedInt(1, MAX_DEVICES, derivedDoc('Number of devices in the fleet.', '100, or the number of positions of a list or csv placement')),
    placement: devicePlacementSchema,
    radio: oneOf(['sx1276', 'sx1262'] as const, 'Radio chip: sets sensitivity and the current profile.', 'sx1276'),
    radioProfile: z
      .strictObject(
        {
          supplyV: num(0, 12, 'Supply voltage, V. Default: the chip\'s value.', undefined, true).optional(),
          sleepA: positiveA('Sleep current'),
          standbyA: positiveA('Standby current'),
          rxA: positiveA('Receive current'),
          txA: num(0, 10, 'Transmit current, A. Default: the chip\'s current table at devices.txPowerDbm (linear between 1 dB points).').optional(),
          wakeupMs: num(0, 1000, 'Radio wake-up before every receive window, ms. Default: the chip\'s value.').optional(),
        },
        { error: says('an object of supplyV, sleepA, standbyA, rxA, txA, wakeupMs') },
      )
      .prefault({})
      .describe('Overrides of the chip\'s current profile; every field given replaces the chip default (sx1276: 3.3 V, 0.2 µA sleep, 1.4 mA standby, 11.5 mA RX, TX from the LoRaSim table, 44 mA at 14 dBm and 125 mA at 20 dBm, 1 ms wake-up; sx1262: 3.3 V, 0.6 µA, 1.6 mA, 4.6 mA, TX from the Semtech LBM table, 89.3 mA at 14 dBm and 117.9 mA at 22 dBm, 3 ms). Default: {}.'),
    mcu: mcuSchema,
    beaconAcquisition: oneOf(['scan', 'by-time'] as const,
      'How a class B device finds its first beacon (LoRaMac-node): scan = receiver on continuously until the first beacon it hears, one beacon interval at most, then one window per beacon (BEACON_STATE_ACQUISITION, the device has no time reference for the beacon); by-time = one beacon window at the expected beacon time (BEACON_STATE_ACQUISITION_BY_TIME, after a MAC DeviceTimeAns; that uplink is not simulated).',
      'scan'),
    txPowerDbm: num(-10, 30, 'Device transmit power, dBm; within the radio\'s current table: sx1276 -2..20, sx1262 -9..22.', 14),
    antennaGainDbi: num(-20, 20, 'Device antenna gain, dBi.', 0),
    firmwareVersion: text(VERSION, VERSION_ALLOWED, 'The firmware version the devices run now.', '1.3.0'),
    memoryFragments: z
      .number({ error: says('null or an integer 0..16383') }).int({ error: says('null or an integer 0..16383') })
      .min(0, { error: says('null or an integer 0..16383') }).max(16_383, { error: says('null or an integer 0..16383') })
      .nullable().default(null)
      .describe('Decoder memory budget: the most lost uncoded fragments a device can hold; a session needing more ends in MemoryError (the FragSessionStatusAns status bit 0: NotEnoughMatrixMemory in TS004 v1, MemoryError in v2; Not_enough_memory is the FragSessionSetupAns refusal, devices.mix.notEnoughMemory). null = unbounded. Default: null.'),
    rxDrOffset1: int(0, 7, 'RX1DROffset (AWS device profile RxDrOffset1): the RX1 data rate is the region\'s table entry for the uplink DR and this offset. Up to the region\'s largest offset: EU868 and AU915 5, US915 3, AS923-1 and IN865 7.', 0),
    rxDataRate2: int(0, 15, 'RX2 data rate (AWS device profile RxDataRate2): a downlink data rate of the region.').nullable().default(null)
      .describe('RX2 data rate (AWS device profile RxDataRate2): a downlink data rate of the region; null = the region default (EU868 DR0, US915/AU915 DR8, AS923-1 DR2, IN865 DR2). Default: null.'),
    rxFreq2: num(100_000_000, 1_000_000_000, 'RX2 frequency, Hz.').nullable().default(null)
      .describe('RX2 frequency in Hz (AWS device profile RxFreq2, which AWS counts in 100 Hz units); null = the region default (EU868 869.525 MHz, US915/AU915 923.3 MHz, AS923-1 923.2 MHz, IN865 866.55 MHz). Default: null.'),
    downlinkDwellTime: int(0, 1, 'AS923 DownlinkDwellTime (TxParamSetupReq): 1 = every downlink, class A and multicast, must fit 400 ms (the payload limits of RP002\'s dwell-time table apply); only AS923-1 has it.', 0),
    clock: section(
      {
        driftPpmSigma: num(0, 1000, 'Standard deviation of the device clock drift, ppm.', 10),
        initialOffsetSigmaS: num(0, 86_400, 'Standard deviation of the device clock offset at start, s.', 5),
      },
      'Device clocks (corrected by TS003 clock sync: each device asks AppTimeReq at the campaign start, the server forces a resync only when needed).',
    ),
    mix: section(
      {
        noPackage: share('Share of devices without the package version the server runs: they answer PackageVersionReq with another one, and end Package_Not_Supported (a device whose answers are lost ends Initial).', 0),
        fragAlgoUnsupported: share('Share refusing the fragmentation algorithm: FragAlgo_unsupported.', 0),
        notEnoughMemory: share('Share without memory for the session: Not_enough_memory.', 0),
        fragIndexUnsupported: share('Share refusing the FragIndex: FragIndex_unsupported.', 0),
        wrongDescriptor: share('Share rejecting the descriptor: Wrong_descriptor.', 0),
        sessionCntReplay: share('Share rejecting the session counter: SessionCnt_replay (fec v2 only).', 0),
        memoryError: share('Share failing to store the image: MemoryError (fec v2 only).', 0),
        micError: share('Share whose rebuilt image fails the MIC: MICError (fec v2 only).', 0),
      },
      'Shares (0..1, sum at most 1) of the fleet that fail in each AWS way; the rest behave.',
    ),
    lbt: section(
      {
        enabled: bool('Listen before talk before every background uplink (required in Japan, ARIB STD-T108, and Korea; none of the region tables here is such a plan, so it is an option).', false),
        thresholdDbm: num(-150, 0, 'Carrier-sense threshold, dBm (ARIB STD-T108: -80).', -80),
        senseMs: num(0, 1000, 'Carrier-sense time per channel, ms (ARIB STD-T108: 5).', 5),
        maxBackoffMs: num(0, 600_000, 'Longest random backoff when every channel is busy, ms.', 1000, true),
        maxAttempts: int(1, 100, 'Rounds of sensing before the frame goes out regardless.', 8),
      },
      'Listen before talk (docs/models/sinr.md).',
    ),
  },
  'The device fleet.',
);

export const gatewaysSchema = section(
  {
    positions: positions('Gateway positions [[x, y], ...] in metres; gateway id = index. Give either positions or count. Default: [[0, 0]] when count is not given either.', MAX_GATEWAYS)
      .optional(),
    count: int(1, MAX_GATEWAYS, 'Number of gateways laid out by gateways.placement (instead of positions). Default: not set.').optional(),
    placement: gatewayPlacementSchema.optional(),
    txPowerDbm: num(-10, 40, derivedDoc('Gateway downlink transmit power (EIRP), dBm.',
      'the region\'s downlink limit at multicastGroup.dlFreq (EU868 869.4–869.65 MHz: 29.15 = 27 dBm ERP + 2.15 dB; elsewhere 16.15)')).optional(),
    antennaGainDbi: num(-20, 30, 'Gateway antenna gain, dBi.', 0),
    subBands: z.array(int(1, 8, 'Sub-band 1..8.'), { error: says('null or a list of 1..8 sub-bands 1..8') })
      .min(1, { error: says('null or a list of 1..8 sub-bands 1..8') }).max(8, { error: says('null or a list of 1..8 sub-bands 1..8') })
      .nullable().default(null)
      .describe('US915/AU915: the uplink sub-bands (1..8, each 8 × 125 kHz channels plus one 500 kHz channel) the gateways listen on and the devices use, as AWS LoRaWANGateway.SubBands; null = [2], the sub-band most networks use (ChirpStack region_us915_1, The Things Network). Other regions: must stay null. Default: null.'),
    dutyCycle: oneOf(['sliding-window', 'off-time'] as const,
      'Duty-cycle ledger: sliding-window (at most dc × 3600 s of airtime in any 3600 s) or off-time (silent for ToA × (1/dc − 1) after each frame).',
      'sliding-window'),
    demodulators: int(0, 64,
      'LoRa demodulation paths per gateway (SX1301/SX1302: 8): an uplink that finds them all busy when it starts is not received by that gateway; 0 = unlimited.',
      8),
  },
  'The gateways. Default: one gateway at [0, 0].',
);

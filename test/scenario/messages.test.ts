import { describe, expect, it } from 'vitest';
import { dotted, valueAt } from '../../src/scenario/messages.js';
import { problemsOf } from './helpers.js';

describe('scenario problems name the field, the value and what is allowed', () => {
  const cases: Array<[string, unknown, string]> = [
    ['a ping-slot period that is not a power of two',
      { multicastGroup: { pingSlotPeriod: 100 } },
      'multicastGroup.pingSlotPeriod: 100 is not a power of two between 32 and 4096'],
    ['a ping-slot period above 4096',
      { multicastGroup: { pingSlotPeriod: 8192 } },
      'multicastGroup.pingSlotPeriod: 8192 is not a power of two between 32 and 4096'],
    ['an unknown FEC variant',
      { fuotaTask: { fec: 'v3' } },
      'fuotaTask.fec: "v3" is not allowed; allowed: "v1", "v2"'],
    ['a misspelt field, with a suggestion',
      { fuotaTask: { redundancy: 20 } },
      'fuotaTask.redundancy: unknown field; did you mean "redundancyPercent"?'],
    ['an unknown top-level field, with a suggestion',
      { seeed: 3 },
      'seeed: unknown field; did you mean "seed"?'],
    ['an unknown field far from every known one',
      { outputs: { zzz: true } },
      'outputs.zzz: unknown field; allowed: transmissions, devices, plots, report'],
    ['redundancy out of range',
      { fuotaTask: { redundancyPercent: 150 } },
      'fuotaTask.redundancyPercent: 150 is out of range; allowed: integer 0..100'],
    ['a fractional block-ack delay',
      { fuotaTask: { blockAckDelay: 1.5 } },
      'fuotaTask.blockAckDelay: 1.5 is not an integer; allowed: integer 0..7'],
    ['a count given as text',
      { devices: { count: 'ten' } },
      'devices.count: "ten" is not a number; allowed: integer 1..1000000'],
    ['an unknown region',
      { region: 'EU433' },
      'region: "EU433" is not allowed; allowed: "EU868", "US915", "AU915", "AS923-1", "IN865"'],
    ['a multicast address without 0x',
      { multicastGroup: { mcAddr: '01ABCDEF' } },
      'multicastGroup.mcAddr: "01ABCDEF" is not valid; allowed: "0x" and 8 hex digits, e.g. "0x01ABCDEF"'],
    ['a name with capitals and spaces',
      { name: 'My Scenario' },
      'name: "My Scenario" does not follow the name rule; allowed: 1..64 characters of a-z 0-9 . _ -, starting with a letter or digit, not ending with ".", not a reserved device name (con, prn, aux, nul, com0..com9, lpt0..lpt9)'],
    ['an unknown placement kind',
      { devices: { placement: { kind: 'square' } } },
      'devices.placement.kind: "square" is not allowed; allowed: "disc", "ring", "grid", "list", "csv"'],
    ['a placement without kind',
      { devices: { placement: { radiusM: 500 } } },
      'devices.placement.kind: is required; allowed: "disc", "ring", "grid", "list", "csv"'],
    ['a gateway id that is not a number',
      { multicastGroup: { gateways: [0, 'gw1'] } },
      'multicastGroup.gateways[1]: "gw1" is not a number; allowed: a gateway id: integer 0..999'],
    ['a share above 1',
      { devices: { mix: { noPackage: 1.5 } } },
      'devices.mix.noPackage: 1.5 is out of range; allowed: number 0..1'],
    ['a session timeout below the AWS minimum',
      { multicastGroup: { sessionTimeoutS: 30 } },
      'multicastGroup.sessionTimeoutS: 30 is out of range; allowed: integer 60..172800'],
    ['a start time that is not UTC ISO-8601',
      { startTime: '5 Jan 2026' },
      'startTime: "5 Jan 2026" is not valid; allowed: an ISO-8601 UTC time after 1980-01-06, e.g. "2026-01-05T00:00:00Z"'],
    ['a position with one coordinate',
      { gateways: { positions: [[0, 0], [5]] } },
      'gateways.positions[1]: [5] has 1 entry; allowed: [x, y] in metres'],
    ['a scenario that is not an object',
      [1, 2],
      'scenario: [1,2] is not an object; allowed: an object'],
    ['a fragment larger than the data rate allows',
      { fuotaTask: { fragmentSizeBytes: 240 } },
      'fuotaTask.fragmentSizeBytes: 240 is larger than the 239 bytes that fit DR5 in EU868 (N − 3); allowed: integer 1..239, or leave it out'],
    ['more than 16383 fragments',
      { region: 'US915', multicastGroup: { dlDr: 8 }, firmware: { sizeBytes: 1048576 } },
      'fuotaTask.fragmentSizeBytes: 50 gives 20974 fragments + 10 % redundancy = 23072, more than the 16383 one TS004 session can number; use larger fragments (a faster multicastGroup.dlDr), less fuotaTask.redundancyPercent, or a delta (firmware.delta)'],
    ['an image over 1 MB without a delta',
      { firmware: { sizeBytes: 2000000 } },
      'firmware.sizeBytes: 2000000 is larger than the 1048576 bytes (1 MB) AWS accepts; send a delta instead (firmware.delta) or a smaller image'],
    ['a frequency outside the region',
      { multicastGroup: { dlFreq: 915000000 } },
      'multicastGroup.dlFreq: 915000000 is outside EU868; allowed: 863000000..870000000 Hz (863 MHz to 870 MHz)'],
    ['a frequency between sub-bands',
      { multicastGroup: { dlFreq: 869300000 } },
      'multicastGroup.dlFreq: 869300000 is outside every sub-band of EU868; allowed: a frequency in K 863 MHz–865 MHz, L 865 MHz–868 MHz, M 868 MHz–868.6 MHz, N 868.7 MHz–869.2 MHz, P 869.4 MHz–869.65 MHz, R 869.7 MHz–870 MHz (upper edges excluded)'],
    ['an uplink-only data rate for the downlink',
      { region: 'US915', multicastGroup: { dlDr: 3 } },
      'multicastGroup.dlDr: 3 is an uplink-only data rate in US915; allowed: DR8, DR9, DR10, DR11, DR12, DR13 (LoRa downlink data rates of US915)'],
    ['a reserved data rate',
      { multicastGroup: { dlDr: 15 } },
      'multicastGroup.dlDr: 15 is reserved (RFU) in EU868; allowed: DR0, DR1, DR2, DR3, DR4, DR5, DR6 (LoRa downlink data rates of EU868)'],
    ['a gateway id beyond the gateway list',
      { gateways: { positions: [[0, 0], [100, 0]] }, multicastGroup: { gateways: [0, 2] } },
      'multicastGroup.gateways[1]: 2 is not a gateway id; allowed: 0..1 (indexes into gateways.positions)'],
    ['mix shares adding up to more than 1',
      { devices: { mix: { noPackage: 0.6, wrongDescriptor: 0.5 } } },
      'devices.mix: the shares add up to 1.1; allowed: a sum of at most 1'],
    ['a TS004 v2 status share with fec v1',
      { devices: { mix: { micError: 0.1 } } },
      'devices.mix.micError: 0.1 needs TS004 v2 status fields, but fuotaTask.fec is "v1"; allowed: 0 with fec "v1", or fuotaTask.fec "v2"'],
    ['a list placement whose length differs from count',
      { devices: { count: 3, placement: { kind: 'list', positions: [[0, 0], [1, 1]] } } },
      'devices.count: 3 differs from the 2 positions of devices.placement; allowed: 2, or leave it out'],
    ['a firmware file that does not exist',
      { firmware: { file: 'missing.bin' } },
      'firmware.file: "missing.bin" is not a readable file (looked for /nonexistent-base/missing.bin)'],
    ['a ring whose inner radius is not below the outer',
      { devices: { placement: { kind: 'ring', minM: 500, maxM: 400 } } },
      'devices.placement.minM: 500 is not below maxM (400); allowed: 0 <= minM < maxM'],
    ['gateway positions and count together',
      { gateways: { positions: [[0, 0]], count: 3 } },
      'gateways.count: given together with gateways.positions; allowed: either positions or count (with placement)'],
    ['an unknown sweep path',
      { sweep: { 'fuotaTask.redundancy': [5, 10] } },
      'sweep["fuotaTask.redundancy"]: unknown field; did you mean "fuotaTask.redundancyPercent"?'],
    ['an uplink data rate the region lacks',
      { region: 'US915', traffic: { uplinkDr: 10 } },
      'traffic.uplinkDr: 10 is not a LoRa uplink data rate of US915; allowed: null or DR0, DR1, DR2, DR3, DR4'],
  ];

  it.each(cases)('reports %s', (_what, raw, expected) => {
    expect(problemsOf(raw)).toEqual([expected]);
  });

  it('lists every schema problem of a file at once, in schema order', () => {
    expect(problemsOf({ seed: -1, fuotaTask: { fec: 'v9', redundancyPercent: 101 }, bogus: 1 })).toEqual([
      'seed: -1 is out of range; allowed: integer 0..4294967295',
      'fuotaTask.redundancyPercent: 101 is out of range; allowed: integer 0..100',
      'fuotaTask.fec: "v9" is not allowed; allowed: "v1", "v2"',
      'bogus: unknown field; allowed: $schema, name, description, seed, replications, region, startTime, firmware, fuotaTask, multicastGroup, devices, gateways, channel, traffic, setup, completion, simulation, outputs, sweep',
    ]);
  });

  it('lists every cross-field problem at once', () => {
    const problems = problemsOf({
      fuotaTask: { fragmentSizeBytes: 250 },
      multicastGroup: { dlFreq: 869300000 },
      devices: { mix: { micError: 0.2, noPackage: 0.9 } },
    });
    expect(problems.map((p) => p.slice(0, p.indexOf(':')))).toEqual([
      'fuotaTask.fragmentSizeBytes', 'multicastGroup.dlFreq', 'devices.mix', 'devices.mix.micError',
    ]);
  });
});

describe('problem paths', () => {
  it('write object keys with dots and list indexes in brackets', () => {
    expect(dotted(['gateways', 'positions', 2, 0])).toBe('gateways.positions[2][0]');
    expect(dotted([])).toBe('scenario');
  });

  it('find the value given at a path and undefined past the end', () => {
    const raw = { a: { b: [10, { c: 'x' }] } };
    expect(valueAt(raw, ['a', 'b', 1, 'c'])).toBe('x');
    expect(valueAt(raw, ['a', 'b', 0, 'c'])).toBeUndefined();
  });
});

import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RADIO_PROFILES } from '../../src/radio/energy.js';
import { ScenarioError } from '../../src/scenario/errors.js';
import { nameFromSource, resolveScenario } from '../../src/scenario/resolve.js';
import type { ResolvedScenario } from '../../src/scenario/types.js';
import { repoRoot } from '../helpers/shared.js';
import { problemsOf, tempDirWith } from './helpers.js';

const resolve = (raw: unknown, baseDir = '/tmp'): ResolvedScenario => resolveScenario(raw, { baseDir });
const fixture = JSON.parse(readFileSync(join(repoRoot, 'test/fixtures/scenario-defaults.json'), 'utf8')) as ResolvedScenario;

describe('resolveScenario defaults', () => {
  it('fills every documented default into an empty scenario', () => {
    expect(JSON.parse(JSON.stringify(resolve({})))).toEqual(fixture);
  });

  it('takes the radio profile from the chip and lets each given field override it', () => {
    expect(resolve({}).devices.radioProfile).toEqual(DEFAULT_RADIO_PROFILES.sx1276);
    const p = resolve({ devices: { radio: 'sx1262', radioProfile: { rxA: 0.005 } } }).devices.radioProfile;
    expect(p).toEqual({ ...DEFAULT_RADIO_PROFILES.sx1262, rxA: 0.005 });
  });

  it('takes the TX current from the chip\'s table at devices.txPowerDbm unless txA is given', () => {
    expect(resolve({ devices: { txPowerDbm: 20 } }).devices.radioProfile.txA).toBe(0.125);
    expect(resolve({ devices: { radio: 'sx1262', txPowerDbm: 22 } }).devices.radioProfile.txA).toBe(0.1179);
    expect(resolve({ devices: { radio: 'sx1262', txPowerDbm: 10.5 } }).devices.radioProfile.txA).toBeCloseTo((70.5e-3 + 74.2e-3) / 2, 12);
    expect(resolve({ devices: { txPowerDbm: 20, radioProfile: { txA: 0.1 } } }).devices.radioProfile.txA).toBe(0.1);
  });

  it('refuses a transmit power outside the radio\'s table, naming the field and the range', () => {
    expect(problemsOf({ devices: { txPowerDbm: 22 } })).toEqual([
      "devices.txPowerDbm: 22 is outside the sx1276's transmit power range; allowed: -2..20 (dBm, the range its current table covers)",
    ]);
    expect(problemsOf({ devices: { radio: 'sx1262', txPowerDbm: -10 } })).toEqual([
      "devices.txPowerDbm: -10 is outside the sx1262's transmit power range; allowed: -9..22 (dBm, the range its current table covers)",
    ]);
    expect(resolve({ devices: { radio: 'sx1262', txPowerDbm: 22 } }).devices.txPowerDbm).toBe(22);
  });

  it('takes the MCU figures from the named profile and lets each given field override them', () => {
    const m = resolve({ devices: { mcu: { profile: 'stm32wl55', pageEraseMs: 25, imageApply: 'swap-move' } } }).devices.mcu;
    expect([m.profile, m.imageApply, m.pageBytes, m.pageEraseMs, m.clockHz]).toEqual(['stm32wl55', 'swap-move', 2048, 25, 48e6]);
    expect(resolve({}).devices.mcu).toMatchObject({ profile: 'stm32l072', imageApply: 'overwrite', pageBytes: 128, programBytes: 64, clockHz: 32e6 });
    expect(problemsOf({ devices: { mcu: { profile: 'esp32' } } })[0]).toMatch(/^devices\.mcu\.profile: "esp32" is not allowed; allowed: "stm32l072", "stm32wl55", "none"/);
    expect(problemsOf({ devices: { mcu: { pageBytes: 0 } } })[0]).toMatch(/^devices\.mcu\.pageBytes: 0 is out of range/);
  });

  it.each([
    ['EU868', 5, 869_525_000, 239, 29.15],
    ['US915', 13, 923_300_000, 239, 30],
    ['AU915', 13, 923_300_000, 239, 30],
    ['AS923-1', 5, 923_200_000, 239, 16],
    ['IN865', 5, 866_550_000, 239, 30],
  ] as const)('derives the %s session: DR%i on %i Hz, %i-byte fragments, %f dBm gateways', (region, dr, freq, frag, power) => {
    const s = resolve({ region });
    expect([s.multicastGroup.dlDr, s.multicastGroup.dlFreq, s.fuotaTask.fragmentSizeBytes, s.gateways.txPowerDbm])
      .toEqual([dr, freq, frag, power]);
  });

  it('sizes fragments for the chosen data rate: N − 3 of the non-repeater table', () => {
    expect(resolve({ multicastGroup: { dlDr: 0 } }).fuotaTask.fragmentSizeBytes).toBe(48);
    expect(resolve({ multicastGroup: { dlDr: 3 } }).fuotaTask.fragmentSizeBytes).toBe(112);
    expect(resolve({ region: 'US915', multicastGroup: { dlDr: 8 }, firmware: { sizeBytes: 65536 } }).fuotaTask.fragmentSizeBytes).toBe(50);
    expect(resolve({ region: 'AS923-1', multicastGroup: { dlDr: 2 } }).fuotaTask.fragmentSizeBytes).toBe(112);
  });

  it('uses FragIndex 1 for multicast and 0 for unicast unless one is given', () => {
    expect(resolve({}).fuotaTask.fragIndex).toBe(1);
    expect(resolve({ fuotaTask: { mode: 'unicast' } }).fuotaTask.fragIndex).toBe(0);
    expect(resolve({ fuotaTask: { mode: 'unicast', fragIndex: 3 } }).fuotaTask.fragIndex).toBe(3);
  });

  it('derives the session timeout from the estimated distribution time', () => {
    // 1207 fragments × 3.945 s (394.5 ms ToA at 10 % duty cycle) × 1.5 = 7142 s → 8192
    expect(resolve({}).multicastGroup.sessionTimeoutS).toBe(8192);
    // US915 has no duty cycle: 1207 × 1 s × 1.5 = 1810 s → 2048
    expect(resolve({ region: 'US915' }).multicastGroup.sessionTimeoutS).toBe(2048);
    // class B, one slot per beacon window: 1207 × 128 s × 1.5 exceeds the AWS maximum: the longest power of two within it
    expect(resolve({ multicastGroup: { dlClass: 'ClassB', pingSlotPeriod: 4096 } }).multicastGroup.sessionTimeoutS).toBe(131_072);
    // class C at DR0 (48 B fragments, 2.8 s each at 10 %): 1.5 × the distribution rounds to 2^17 s; TS005 ends a class C session at 2^15 s
    expect(resolve({ firmware: { sizeBytes: 102_400 }, multicastGroup: { dlDr: 0 } }).multicastGroup.sessionTimeoutS).toBe(32_768);
    // one fragment: the 60 s minimum, as a power of two
    expect(resolve({ firmware: { sizeBytes: 100 } }).multicastGroup.sessionTimeoutS).toBe(64);
  });

  it('rounds a given session timeout up to a power of two, as AWS does (class B: whole beacon periods)', () => {
    const timeout = (s: number, dlClass: 'ClassB' | 'ClassC' = 'ClassC') => resolve({ multicastGroup: { sessionTimeoutS: s, dlClass } }).multicastGroup.sessionTimeoutS;
    expect([timeout(60), timeout(64), timeout(100), timeout(3600), timeout(32_768)]).toEqual([64, 64, 128, 4096, 32_768]);
    expect([timeout(60, 'ClassB'), timeout(131_073, 'ClassB'), timeout(172_800, 'ClassB')]).toEqual([128, 131_072, 131_072]);
  });

  it('refuses a class C timeout longer than TS005 can send (2^15 s), naming the field', () => {
    expect(problemsOf({ multicastGroup: { sessionTimeoutS: 40_000 } })).toEqual([
      'multicastGroup.sessionTimeoutS: 40000 (rounded up to 65536, as AWS rounds to a power of two) is longer than a TS005 class C session can last (SessionTimeOut 2^15 = 32768 s); allowed: 60..32768 for ClassC, or leave it out',
    ]);
    expect(resolve({ multicastGroup: { sessionTimeoutS: 40_000, dlClass: 'ClassB' } }).multicastGroup.sessionTimeoutS).toBe(65_536);
  });

  it('lays out gateways given by count deterministically, and powers them for their frequency', () => {
    const g = resolve({ gateways: { count: 4, placement: { kind: 'grid', spacingM: 100 } }, multicastGroup: { dlFreq: 868_100_000 } }).gateways;
    expect(g.positions).toEqual([[-50, -50], [50, -50], [-50, 50], [50, 50]]);
    expect(g.txPowerDbm).toBe(16.15);
  });

  it('counts the devices of a list placement', () => {
    const d = resolve({ devices: { placement: { kind: 'list', positions: [[1, 2], [3, 4], [5, 6]] } } }).devices;
    expect(d.count).toBe(3);
  });

  it('names a scenario after its file, sanitised', () => {
    expect(nameFromSource('dir/My Scenario (v2).yaml')).toBe('my-scenario-v2');
    expect(nameFromSource('a/eu868.classb.json')).toBe('eu868.classb');
    expect(nameFromSource('###.json')).toBe('scenario');
    expect(resolveScenario({}, { baseDir: '/tmp', sourceName: 'x/Town_A.json' }).name).toBe('town_a');
    expect(resolveScenario({ name: 'given' }, { baseDir: '/tmp', sourceName: 'x/Town_A.json' }).name).toBe('given');
  });

  it('returns a deeply frozen scenario', () => {
    const s = resolve({ gateways: { positions: [[0, 0], [10, 10]] } });
    expect(Object.isFrozen(s.gateways.positions[1])).toBe(true);
    expect(() => {
      (s.fuotaTask as { redundancyPercent: number }).redundancyPercent = 50;
    }).toThrow(TypeError);
  });

  it('drops $schema, whose relative path means nothing beside the results', () => {
    expect('$schema' in resolve({ $schema: './schema.json' })).toBe(false);
  });
});

describe('resolveScenario files', () => {
  it('takes the image size from the file and makes paths absolute', () => {
    const dir = tempDirWith({ 'fw.bin': new Uint8Array(1000), 'key.pem': 'k' });
    const s = resolve({ firmware: { file: 'fw.bin', signingKeyFile: 'key.pem' } }, dir);
    expect(s.firmware).toMatchObject({ sizeBytes: 1000, file: join(dir, 'fw.bin'), signingKeyFile: join(dir, 'key.pem') });
    expect(problemsOf({ firmware: { file: 'fw.bin', sizeBytes: 999 } }, dir)).toEqual([
      'firmware.sizeBytes: 999 differs from the 1000 bytes of firmware.file; allowed: leave it out, or give the file\'s size',
    ]);
  });

  it('accepts an image over 1 MB when a delta is sent, and sizes the session for the delta', () => {
    // the new image differs from the base in 100 bytes: the VCDIFF delta is a few hundred bytes
    const base = Uint8Array.from({ length: 1_100_000 }, (_, i) => (i * 7 + 3) & 255);
    const next = base.slice();
    for (let i = 0; i < 100; i++) next[500_000 + i] ^= 0x5a;
    const dir = tempDirWith({ 'old.bin': base, 'new.bin': next });
    const s = resolve({ firmware: { delta: { baseFile: 'old.bin', file: 'new.bin' } } }, dir);
    expect(s.firmware.delta).toEqual({ baseFile: join(dir, 'old.bin'), file: join(dir, 'new.bin') });
    expect(s.firmware.sizeBytes).toBe(1_100_000);
    // a couple of fragments, 3.945 s each (DR5 at 10 %), × 1.5: under the 60 s minimum → 64
    expect(s.multicastGroup.sessionTimeoutS).toBe(64);
  });

  it('reads a csv placement into a list', () => {
    const dir = tempDirWith({ 'pos.csv': 'id;X;y\n1;10;20\n2;-5.5;3\n\n' });
    const d = resolve({ devices: { placement: { kind: 'csv', file: 'pos.csv' } } }, dir).devices;
    expect(d.placement).toEqual({ kind: 'list', positions: [[10, 20], [-5.5, 3]] });
    expect(d.count).toBe(2);
  });

  it('reports csv rows without numbers by line', () => {
    const dir = tempDirWith({ 'pos.csv': 'x,y\n1,2\nfoo,3\n' });
    const [problem] = problemsOf({ devices: { placement: { kind: 'csv', file: 'pos.csv' } } }, dir);
    expect(problem).toBe(`devices.placement.file: line 3 of ${join(dir, 'pos.csv')}: "foo,3" has no numeric x and y; allowed: numbers in metres`);
  });
});

describe('a resolved scenario', () => {
  const input = fc.record({
    region: fc.constantFrom('EU868', 'US915', 'AU915', 'AS923-1', 'IN865'),
    firmware: fc.record({ sizeBytes: fc.integer({ min: 1, max: 1_048_576 }) }),
    fuotaTask: fc.record({ redundancyPercent: fc.integer({ min: 0, max: 100 }), mode: fc.constantFrom('multicast', 'unicast') }),
    multicastGroup: fc.record({
      dlClass: fc.constantFrom('ClassB', 'ClassC'),
      pingSlotPeriod: fc.constantFrom(32, 64, 128, 256, 512, 1024, 2048, 4096),
      sessionTimeoutS: fc.option(fc.integer({ min: 60, max: 172_800 }), { nil: undefined }),
    }),
    gateways: fc.record({ count: fc.integer({ min: 1, max: 12 }), placement: fc.constantFrom({ kind: 'disc', radiusM: 900 }, { kind: 'grid', spacingM: 250 }) }),
  });

  it('resolves to itself again (scenario.resolved.json reloads unchanged)', () => {
    fc.assert(
      fc.property(input, (raw) => {
        let first: ResolvedScenario;
        try {
          first = resolve(JSON.parse(JSON.stringify(raw)));
        } catch (err) {
          if (err instanceof ScenarioError) return; // e.g. too many fragments: rejected, not resolved
          throw err;
        }
        const again = resolve(JSON.parse(JSON.stringify(first)));
        expect(again).toEqual(first);
        expect(Number.isInteger(Math.log2(first.multicastGroup.sessionTimeoutS))).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});

describe('every problem at once', () => {
  it('reports a rule between fields together with schema problems elsewhere', () => {
    expect(problemsOf({ fooBar: 1, multicastGroup: { dlDr: 7 } })).toEqual([
      'fooBar: unknown field; allowed: $schema, name, description, seed, replications, region, startTime, firmware, fuotaTask, multicastGroup, devices, gateways, channel, traffic, setup, completion, simulation, outputs, sweep',
      expect.stringMatching(/^multicastGroup\.dlDr: 7 is FSK, which the simulator does not model; allowed: DR0, /),
    ]);
  });

  it('leaves out a rule that reads a rejected field (no message rests on a value the user did not write)', () => {
    const problems = problemsOf({
      multicastGroup: { dlDr: 'fast' },
      fuotaTask: { fragmentSizeBytes: 240 }, // too large for DR5, but DR5 is only the default standing in for "fast"
      devices: { mix: { noPackage: 0.7, notEnoughMemory: 0.7 } },
    });
    expect(problems).toEqual([
      'multicastGroup.dlDr: "fast" is not a number; allowed: integer 0..15',
      'devices.mix: the shares add up to 1.4; allowed: a sum of at most 1',
    ]);
  });

  it('checks the rest when the region itself is rejected, without judging frequencies against a region not chosen', () => {
    const problems = problemsOf({
      region: 'EU999',
      multicastGroup: { dlFreq: 923_300_000 },
      devices: { placement: { kind: 'ring', minM: 500, maxM: 100 } },
    });
    expect(problems).toEqual([
      expect.stringMatching(/^region: "EU999" is not allowed/),
      'devices.placement.minM: 500 is not below maxM (100); allowed: 0 <= minM < maxM',
    ]);
  });

  it('goes up from a removed required field to its object', () => {
    const problems = problemsOf({ devices: { placement: { kind: 'ring', maxM: 100 } }, traffic: { uplinkIntervalS: 0.5 } });
    expect(problems).toEqual([
      expect.stringMatching(/^devices\.placement\.minM: is required/),
      expect.stringMatching(/^traffic\.uplinkIntervalS: 0\.5 is shorter than one class A cycle/),
    ]);
  });
});

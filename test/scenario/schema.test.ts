import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import { REGION_NAMES } from '../../src/lorawan/regions/index.js';
import { scenarioJsonSchemaText } from '../../src/scenario/json-schema.js';
import { listPaths } from '../../src/scenario/paths.js';
import { REGIONS, scenarioSchema, type ParsedScenario } from '../../src/scenario/schema.js';
import type { McuSettings, Placement, RadioProfile, ResolvedScenario } from '../../src/scenario/types.js';
import { repoRoot } from '../helpers/shared.js';

/** The parsed scenario with the loader's derived fields filled in. */
type Filled = Omit<ParsedScenario, '$schema' | 'name' | 'firmware' | 'fuotaTask' | 'multicastGroup' | 'devices' | 'gateways'> & {
  name: string;
  firmware: Omit<ParsedScenario['firmware'], 'sizeBytes'> & { sizeBytes: number };
  fuotaTask: Omit<ParsedScenario['fuotaTask'], 'fragmentSizeBytes' | 'fragIndex'> & { fragmentSizeBytes: number; fragIndex: number };
  multicastGroup: Omit<ParsedScenario['multicastGroup'], 'dlDr' | 'dlFreq' | 'sessionTimeoutS'> & { dlDr: number; dlFreq: number; sessionTimeoutS: number };
  devices: Omit<ParsedScenario['devices'], 'count' | 'placement' | 'radioProfile' | 'mcu' | 'rxDataRate2' | 'rxFreq2' | 'downlinkDwellTime'>
    & { count: number; placement: Placement; radioProfile: RadioProfile; mcu: McuSettings; rxDataRate2: number; rxFreq2: number; downlinkDwellTime: 0 | 1 };
  gateways: Omit<ParsedScenario['gateways'], 'positions' | 'count' | 'placement' | 'txPowerDbm'> & { positions: Array<[number, number]>; txPowerDbm: number };
};

describe('the scenario schema', () => {
  it('produces the ResolvedScenario type once the derived fields are filled, and accepts it back as input', () => {
    expectTypeOf<Filled>().toExtend<ResolvedScenario>();
    expectTypeOf<ResolvedScenario>().toExtend<z.input<typeof scenarioSchema>>();
    expectTypeOf<Required<ResolvedScenario['devices']['mix']>>().toEqualTypeOf<ParsedScenario['devices']['mix']>();
    expectTypeOf<ParsedScenario['channel']>().toEqualTypeOf<ResolvedScenario['channel']>();
    expectTypeOf<ParsedScenario['setup']>().toEqualTypeOf<ResolvedScenario['setup']>();
  });

  it('lists the same regions as the region tables', () => {
    expect([...REGIONS]).toEqual([...REGION_NAMES]);
  });

  it('describes every field in the JSON Schema, with its default or "required"', () => {
    const missing: string[] = [];
    const visit = (node: Record<string, any>, prefix: string): void => {
      for (const option of node.anyOf ?? node.oneOf ?? [node]) {
        for (const [key, child] of Object.entries<Record<string, any>>(option.properties ?? {})) {
          const path = prefix ? `${prefix}.${key}` : key;
          const required = (option.required ?? []).includes(key);
          const text: string = child.description ?? '';
          if (!text || (!required && key !== '$schema' && !text.includes(' Default: '))) missing.push(path);
          visit(child, path);
        }
      }
    };
    visit(JSON.parse(scenarioJsonSchemaText()), '');
    expect(listPaths(scenarioSchema).length).toBeGreaterThan(120);
    expect(missing).toEqual([]);
  });

  it('matches the committed scenarios/schema.json (run `fuota-sim schema --write` after changing the schema)', () => {
    const committed = readFileSync(join(repoRoot, 'scenarios/schema.json'), 'utf8');
    expect(committed).toBe(scenarioJsonSchemaText());
  });

  it('generates a JSON Schema that marks fields with defaults optional and forbids unknown keys', () => {
    const js = JSON.parse(scenarioJsonSchemaText());
    expect(js.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(js.required).toBeUndefined();
    expect(js.additionalProperties).toBe(false);
    expect(js.properties.fuotaTask.properties.redundancyPercent).toMatchObject({ type: 'integer', minimum: 0, maximum: 100, default: 10 });
    expect(js.properties.multicastGroup.properties.pingSlotPeriod).toMatchObject({ type: 'integer', minimum: 32, maximum: 4096, default: 128 });
  });
});

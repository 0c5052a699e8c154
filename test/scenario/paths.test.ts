import { describe, expect, it } from 'vitest';
import { knownKeysAt, listPaths, schemaAt, suggest } from '../../src/scenario/paths.js';
import { scenarioSchema } from '../../src/scenario/schema.js';

describe('schema paths', () => {
  it('lists every section and nested field, union options included', () => {
    const paths = listPaths(scenarioSchema);
    expect(paths.slice(0, 4)).toEqual(['$schema', 'name', 'description', 'seed']);
    expect(paths).toContain('devices.placement.radiusM');
    expect(paths).toContain('devices.placement.positions');
    expect(paths).toContain('channel.pathLoss.environment');
    expect(paths).toContain('devices.mix.micError');
    expect(paths).not.toContain('sweep.x');
  });

  it('finds the keys of the objects of a union at a path', () => {
    expect(knownKeysAt(scenarioSchema, ['channel', 'pathLoss'])).toEqual([
      'model', 'd0M', 'pl0Db', 'gamma', 'frequencyMHz', 'gatewayHeightM', 'deviceHeightM', 'environment',
    ]);
    expect(schemaAt(scenarioSchema, ['gateways', 'positions', 3])).not.toBeNull();
    expect(schemaAt(scenarioSchema, ['fuotaTask', 'nope'])).toBeNull();
  });
});

describe('suggest', () => {
  const known = ['redundancyPercent', 'fragmentSizeBytes', 'fragmentIntervalMs', 'seed', 'dlClass'];

  it('proposes the closest name for a typo, a prefix or another case', () => {
    expect(suggest('redundancy', known)).toBe('redundancyPercent');
    expect(suggest('fragmentSizeByte', known)).toBe('fragmentSizeBytes');
    expect(suggest('fragmentIntervalMS', known)).toBe('fragmentIntervalMs');
    expect(suggest('sede', known)).toBe('seed');
    expect(suggest('DlClass', known)).toBe('dlClass');
  });

  it('proposes nothing when no name is close', () => {
    expect(suggest('zzzz', known)).toBeNull();
    expect(suggest('x', known)).toBeNull();
  });
});

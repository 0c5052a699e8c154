import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';

describe('the library API', () => {
  it('exports exactly the documented public surface (a new export is a deliberate change)', () => {
    expect(Object.keys(api).sort()).toEqual(
      [
        'CheckFailedError', 'EXIT', 'FuotaSimError', 'InputError',
        'FragDecoder', 'ParityRowCache', 'SIMULATOR_VERSION', 'ScenarioError', 'compareSummaries', 'encodeFragments',
        'expandSweep', 'fragmentPlan', 'importAws', 'loadScenarioFile', 'loadSummarySet', 'mergeShards', 'planCapacity',
        'readRunResults', 'resolveScenario', 'runSweep', 'scenarioJsonSchema', 'simulate', 'writeRunResults',
      ].sort(),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { metricInfo, parameterTitle, parametersTitle } from '../../../src/output/plots/labels.js';

describe('human names', () => {
  it('name swept paths as people say them, with units', () => {
    expect(parameterTitle('fuotaTask.redundancyPercent')).toBe('Redundancy (%)');
    expect(parameterTitle('multicastGroup.dlClass')).toBe('Class');
    expect(parameterTitle('multicastGroup.dlDr')).toBe('Downlink data rate (DR)');
    // paths without a name of their own: words from the field, the unit from its suffix
    expect(parameterTitle('simulation.maxDurationS')).toBe('Max duration (s)');
    expect(parameterTitle('traffic.payloadBytes')).toBe('Payload (bytes)');
    expect(parameterTitle('devices.antennaGainDbi')).toBe('Antenna gain (dBi)');
    expect(parametersTitle(['multicastGroup.dlClass', 'fuotaTask.redundancyPercent'], 'x')).toBe('Class, Redundancy (%)');
    expect(parametersTitle([], 'Sweep')).toBe('Sweep');
  });

  it('say what each metric measures and what kind of quantity it is', () => {
    expect(metricInfo('timeTo90S')).toEqual({ title: 'Time to 90 % updated, from the campaign start', kind: 'duration' });
    expect(metricInfo('timeTo95FromSessionS')).toEqual({ title: 'Time to 95 % updated, from the session start', kind: 'duration' });
    expect(metricInfo('timeToAllS').title).toBe('Time to all updated, from the campaign start');
    expect(metricInfo('updatedRatio')).toMatchObject({ kind: 'share', countMetric: 'devicesUpdated' });
    expect(metricInfo('energyMeanJ')).toMatchObject({ kind: 'energy' });
    expect(metricInfo('leadTimeFor95S')).toEqual({ title: 'Booking lead to set up 95 %', kind: 'duration' });
    expect(metricInfo('somethingNewS')).toEqual({ title: 'Something new', kind: 'duration' });
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { durationAxis, sortLabels } from '../../../src/output/plots/theme.js';

describe('legend order', () => {
  it('sorts numbers by value, labels part by part, text alphabetically', () => {
    expect(sortLabels(['10', '20', '40', '5'])).toEqual(['5', '10', '20', '40']);
    expect(sortLabels(['ClassC, 5', 'ClassB, 40', 'ClassB, 5', 'ClassC, 10'])).toEqual(['ClassB, 5', 'ClassB, 40', 'ClassC, 5', 'ClassC, 10']);
    expect(sortLabels(['b', 'a', 'a'])).toEqual(['a', 'b']);
    expect(sortLabels(['0.5', '-1', '2e1'])).toEqual(['-1', '0.5', '2e1']);
  });

  it('puts numeric labels in numeric order whatever the input order (property)', () => {
    fc.assert(fc.property(fc.uniqueArray(fc.integer({ min: -1000, max: 1000 })), (xs) => {
      expect(sortLabels(xs.map(String))).toEqual([...xs].sort((a, b) => a - b).map(String));
    }));
  });
});

describe('duration axes', () => {
  it('pick seconds up to 2 min, minutes up to 2 h, hours beyond, and convert', () => {
    expect(durationAxis(120, 'Time since session start')).toMatchObject({ unit: 's', title: 'Time since session start (s)' });
    const min = durationAxis(7200, 'Time');
    expect([min.unit, min.value(90)]).toEqual(['min', 1.5]);
    const h = durationAxis(7201, 'Time');
    expect([h.unit, h.title, h.value(5400)]).toEqual(['h', 'Time (h)', 1.5]);
  });
});

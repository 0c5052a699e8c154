/** The deployment fields a scenario leaves to the defaults (scenario/placeholders.ts). */
import { describe, expect, it } from 'vitest';
import { placeholderNotes } from '../../src/scenario/placeholders.js';
import { resolveScenario } from '../../src/scenario/resolve.js';

const notesOf = (raw: Record<string, unknown>) => placeholderNotes(raw, resolveScenario(raw, { baseDir: '.' }));

describe('placeholderNotes', () => {
  it('names both stand-ins of a scenario with defaults only, with the default values', () => {
    const notes = notesOf({ name: 'minimal' });
    expect(notes).toHaveLength(2);
    expect(notes[0]).toMatch(/^no gateways given: the default, one gateway at \(0, 0\), stands in for yours; set gateways\.positions/);
    expect(notes[1]).toMatch(/^no devices\.placement given: the devices are spread over a disc of radius 3000 m around \(0, 0\)/);
  });

  it('says nothing of fields the scenario gives, directly or by sweeping them', () => {
    expect(notesOf({ name: 'a', gateways: { positions: [[0, 0], [500, 0]] }, devices: { placement: { kind: 'disc', radiusM: 800 } } })).toEqual([]);
    expect(notesOf({ name: 'b', gateways: { count: 4, placement: { kind: 'disc', radiusM: 2000 } } })).toHaveLength(1);
    const swept = notesOf({ name: 'c', devices: { placement: { kind: 'disc', radiusM: 800 } }, sweep: { 'gateways.positions': [[[0, 0]], [[0, 0], [900, 0]]] } });
    expect(swept).toEqual([]);
  });
});

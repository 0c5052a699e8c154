import { describe, expect, it } from 'vitest';
import { importAws } from '../../src/sweep/aws-import.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const sample = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'aws', name), 'utf8')) as Record<string, unknown>;
const task = sample('create-fuota-task.json');
const group = sample('create-multicast-group.json');
const session = sample('start-session.json');
const getGroup = sample('get-multicast-group.json');

describe('AWS import', () => {
  it('maps CreateFuotaTask, CreateMulticastGroup and StartMulticastGroupSession requests to a scenario', () => {
    const out = importAws({ fuotaTask: task, multicastGroup: group, session }, { firmwareSizeBytes: 65536 });
    expect(out.problems).toEqual([]);
    expect(out.scenario).toEqual({
      name: 'water-meters-v1.4',
      description: 'Imported from AWS: FUOTA task Water Meters v1.4, multicast group meters-city-a. Spring rollout',
      region: 'EU868',
      startTime: '2026-04-01T10:00:00Z',
      firmware: { sizeBytes: 65536 },
      fuotaTask: { redundancyPercent: 25, fragmentSizeBytes: 200, fragmentIntervalMs: 2000, mode: 'multicast', descriptor: '01020304' },
      multicastGroup: {
        dlClass: 'ClassB',
        dlDr: 5,
        dlFreq: 869525000,
        pingSlotPeriod: 64,
        sessionTimeoutS: 7200,
        transmissionIntervalMs: 500,
        sessionStart: '2026-04-01T10:30:00Z',
      },
    });
    expect(out.notes).toContain('the session is booked for 2026-04-01T10:30:00Z; the simulation starts 1800 s earlier (the AWS minimum lead), and setup runs in that time');
    expect(out.notes.join('\n')).toMatch(/FragmentIntervalMS: 1500 ms → 2000 ms/);
    expect(out.notes.join('\n')).toMatch(/names 2 gateway\(s\)/);
    expect(out.notes).toContain('multicastGroup.LoRaWAN.ParticipatingGateways.TransmissionInterval: 500 ms applies to class C only; a class B group sends each frame from every gateway in the same ping slot (docs/models/class-b.md)');
    expect(out.notes.at(-1)).toBe(
      'not used by the simulation (AWS bookkeeping): fuotaTask.ClientRequestToken, fuotaTask.FirmwareUpdateRole, session.Id',
    );
  });

  it('takes the group default session parameters and the device count from get-* responses', () => {
    const out = importAws({ fuotaTask: task, multicastGroup: { ...group, LoRaWAN: { ...(group.LoRaWAN as object), DlClass: 'ClassC' } } });
    expect(out.scenario.multicastGroup).toEqual({ dlClass: 'ClassC', dlDr: 3, dlFreq: 869525000, transmissionIntervalMs: 500 });
    const fromGet = importAws({ fuotaTask: task, multicastGroup: getGroup });
    expect(fromGet.problems).toEqual([]);
    expect(fromGet.scenario.devices).toEqual({ count: 240 });
    expect(fromGet.notes.join('\n')).toMatch(/S3 \("s3:\/\/fw-bucket\/meters\/1.4.0.bin"\)/);
  });

  it('reports an unsupported region, bad values and a region conflict as problems', () => {
    const out = importAws({
      fuotaTask: { ...task, LoRaWAN: { RfRegion: 'KR920' }, RedundancyPercent: 150, Descriptor: 'AQID' },
      multicastGroup: group,
      session: { LoRaWAN: { DlDr: 5, PingSlotPeriod: 100, SessionTimeout: 30 } },
    });
    expect(out.problems).toEqual([
      'session.LoRaWAN.PingSlotPeriod: 100 is not a power of two between 32 and 4096',
      'session.LoRaWAN.SessionTimeout: 30 is not an integer in 60..172800',
      'fuotaTask.RedundancyPercent: 150 is not an integer in 0..100',
      'fuotaTask.Descriptor: "AQID" is not base64 of 4 bytes (the TS004 descriptor)',
      'LoRaWAN.RfRegion: the FUOTA task says "KR920", the multicast group "EU868"',
      'LoRaWAN.RfRegion: "KR920" is an AWS region fuota-sim does not simulate (supported: EU868, US915, AU915, AS923-1, IN865)',
    ]);
  });

  it('books the session as AWS has it, with the lead given, and warns when AWS would not have taken that booking', () => {
    const out = importAws({ fuotaTask: task, multicastGroup: group, session }, { leadS: 600 });
    expect(out.scenario).toMatchObject({ startTime: '2026-04-01T10:20:00Z', multicastGroup: { sessionStart: '2026-04-01T10:30:00Z' } });
    expect(out.notes).toContain('warning: --lead-time: the session is booked 600 s ahead; AWS requires at least 1800 s (30 min)');
    const fromTask = importAws({ fuotaTask: { ...task, LoRaWAN: { RfRegion: 'EU868', StartTime: '2026-04-02T08:00:00Z' }, CreatedAt: '2026-04-02T07:50:00Z' }, multicastGroup: group });
    expect(fromTask.scenario).toMatchObject({ startTime: '2026-04-02T07:30:00Z', multicastGroup: { sessionStart: '2026-04-02T08:00:00Z' } });
    expect(fromTask.notes).toContain('warning: fuotaTask.CreatedAt: the session is booked 600 s ahead; AWS requires at least 1800 s (30 min) (the task was created 600 s before the session start)');
    const far = importAws({ fuotaTask: task, multicastGroup: group, session }, { leadS: 200_000 });
    expect(far.notes).toContain('warning: --lead-time: the session is booked 200000 s ahead; AWS accepts at most 172800 s (48 h)');
  });

  it('caps a class C SessionTimeout at the 2^15 s TS005 can send, with a warning (the AWS console allows 18 h)', () => {
    const classC = { ...group, LoRaWAN: { ...(group.LoRaWAN as object), DlClass: 'ClassC' } };
    const out = importAws({ fuotaTask: task, multicastGroup: classC, session: { LoRaWAN: { SessionTimeout: 64_800 } } });
    expect(out.scenario.multicastGroup).toMatchObject({ sessionTimeoutS: 32_768 });
    expect(out.notes).toContain('warning: session.LoRaWAN.SessionTimeout: 64800 s is longer than a TS005 class C session can last; capped at 32768 s (2^15)');
    expect(out.notes.join('\n')).not.toMatch(/TransmissionInterval/);
    const classB = importAws({ fuotaTask: task, multicastGroup: group, session: { LoRaWAN: { SessionTimeout: 64_800 } } });
    expect(classB.scenario.multicastGroup).toMatchObject({ sessionTimeoutS: 64_800 });
  });

  it('lists unknown fields as ignored and refuses inputs that are not objects', () => {
    const out = importAws({ fuotaTask: { ...task, Colour: 'blue' }, multicastGroup: group });
    expect(out.notes).toContain('fuotaTask.Colour: not a field fuota-sim knows; ignored');
    expect(importAws({ fuotaTask: [], multicastGroup: group }).problems[0]).toMatch(/^fuotaTask: expected a JSON object/);
  });
});

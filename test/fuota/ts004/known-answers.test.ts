import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeShared, repoRoot } from '../../helpers/shared.js';
import { FIXTURE_FILE, compactCases, fixtureCases, sharedCases } from './cases.js';

/** One case per line keeps the fixture diffable. */
function serialise(cases: ReturnType<typeof fixtureCases>): string {
  const section = (name: string, items: unknown[]): string =>
    `"${name}": [\n${items.map((x) => '  ' + JSON.stringify(x)).join(',\n')}\n]`;
  return `{\n${section('encoder', cases.encoder)},\n${section('decoder', cases.decoder)},\n${section('wire', cases.wire)},\n${section('mic', cases.mic)}\n}\n`;
}

describeShared('TS004 known-answer fixture', () => {
  it('holds exactly the compact form of every shared TS004 vector', () => {
    const expected = compactCases(sharedCases()!);
    if (process.env.UPDATE_TS004_FIXTURE === '1') {
      writeFileSync(join(repoRoot, 'test', 'fixtures', FIXTURE_FILE), serialise(expected));
    }
    expect(fixtureCases()).toEqual(JSON.parse(JSON.stringify(expected)));
  });
});

describe('TS004 known-answer fixture contents', () => {
  it('covers both FEC variants, every memory-bound outcome and both wire versions', () => {
    const c = fixtureCases();
    expect(c.encoder.length).toBeGreaterThanOrEqual(9);
    expect(new Set(c.decoder.map((d) => d.variant))).toEqual(new Set(['v1', 'v2']));
    expect(new Set(c.decoder.map((d) => d.outcome))).toEqual(new Set(['decoded', 'incomplete', 'failed_too_many_lost']));
    expect(new Set(c.wire.map((w) => w.version))).toEqual(new Set([1, 2]));
    expect(c.mic.length).toBeGreaterThanOrEqual(3);
  });
});

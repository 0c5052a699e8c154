import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VersionError } from '../../../src/fuota/image/errors.js';
import { compareVersions, isNewer, parseVersion } from '../../../src/fuota/image/version.js';

describe('parseVersion', () => {
  it('reads the core numbers, pre-release and build identifiers', () => {
    expect(parseVersion('1.4.0')).toMatchObject({ major: 1, minor: 4, patch: 0, prerelease: [], build: [] });
    expect(parseVersion('10.20.30-rc.1+build.007')).toMatchObject({
      major: 10, minor: 20, patch: 30, prerelease: ['rc', '1'], build: ['build', '007'],
    });
    expect(parseVersion('1.0.0-x-y-z.--').prerelease).toEqual(['x-y-z', '--']);
  });

  it.each([
    ['', 'empty'],
    ['1.2', '2 dot-separated numbers'],
    ['1.2.3.4', '4 dot-separated numbers'],
    ['v1.2.3', "leading 'v'"],
    ['01.2.3', 'leading zero'],
    ['1.2.3-01', 'leading zero'],
    ['1.2.3-', 'empty pre-release identifier'],
    ['1.2.3+', 'empty build identifier'],
    ['1.2.3-a..b', 'empty pre-release identifier'],
    ['1.2.3-a_b', 'characters other than'],
    ['1.2.x', 'is not a number'],
    ['1.2.3+a+b', 'characters other than'],
    ['99999999999999999.0.0', 'larger than'],
  ])('refuses %j with a message that says why (%s)', (text, why) => {
    expect(() => parseVersion(text)).toThrow(VersionError);
    expect(() => parseVersion(text)).toThrow(why);
  });

  it('names the offending input in the error', () => {
    try {
      parseVersion('1.02.3');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(VersionError);
      expect((err as Error).name).toBe('VersionError');
      expect((err as VersionError).input).toBe('1.02.3');
      expect((err as Error).message).toContain('"1.02.3"');
    }
  });
});

describe('compareVersions', () => {
  it('orders the semver 2.0.0 §11 example chain strictly', () => {
    const chain = [
      '1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0-beta.2', '1.0.0-beta.11',
      '1.0.0-rc.1', '1.0.0', '2.0.0', '2.1.0', '2.1.1', '10.0.0',
    ];
    for (let i = 0; i < chain.length; i++) {
      for (let j = 0; j < chain.length; j++) {
        expect(compareVersions(chain[i], chain[j])).toBe(Math.sign(i - j));
      }
    }
  });

  it('ignores build metadata and compares numeric identifiers of any length as numbers', () => {
    expect(compareVersions('1.0.0+a', '1.0.0+b')).toBe(0);
    expect(compareVersions('1.0.0-rc.1+x', '1.0.0-rc.1')).toBe(0);
    expect(compareVersions('1.0.0-123456789012345678901', '1.0.0-99999999999999999999')).toBe(1);
    expect(compareVersions('1.0.0-9', '1.0.0-10')).toBe(-1);
    expect(compareVersions('1.0.0-A', '1.0.0-a')).toBe(-1); // ASCII order
  });

  const versionArb = fc.record({
    core: fc.tuple(fc.nat(3), fc.nat(3), fc.nat(3)),
    pre: fc.array(fc.oneof(fc.nat(12).map(String), fc.constantFrom('alpha', 'beta', 'rc', 'a-b', 'Z')), { maxLength: 3 }),
  }).map(({ core, pre }) => `${core.join('.')}${pre.length ? '-' + pre.join('.') : ''}`);

  it('is a total order: antisymmetric and transitive', () => {
    fc.assert(fc.property(versionArb, versionArb, versionArb, (a, b, c) => {
      expect(compareVersions(a, b)).toBe(-compareVersions(b, a) || 0);
      if (compareVersions(a, b) <= 0 && compareVersions(b, c) <= 0) expect(compareVersions(a, c)).toBeLessThanOrEqual(0);
      expect(compareVersions(a, a)).toBe(0);
    }));
  });
});

describe('isNewer', () => {
  it('accepts only a strictly newer image', () => {
    expect(isNewer('1.4.0', '1.3.0')).toBe(true);
    expect(isNewer('1.4.0', '1.4.0')).toBe(false);
    expect(isNewer('1.3.9', '1.4.0')).toBe(false);
    expect(isNewer('1.4.0', '1.4.0-rc.2')).toBe(true);
    expect(isNewer('1.4.0-rc.2', '1.4.0')).toBe(false);
    expect(isNewer('1.4.0+build.2', '1.4.0+build.1')).toBe(false);
  });
});

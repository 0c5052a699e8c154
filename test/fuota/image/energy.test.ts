import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { APPLY_PASSES, MCU_PROFILES, applyJ, eraseJ, programJ, verifyJ } from '../../../src/fuota/image/energy.js';

const l0 = MCU_PROFILES.stm32l072;
const wl = MCU_PROFILES.stm32wl55;

describe('MCU profiles', () => {
  it('carry the published per-operation figures (docs/models/energy.md)', () => {
    // STM32L072: 32 MHz, 93 µA/MHz, 128-byte pages, 64-byte half-pages, 3.2 ms per erase or program
    expect([l0.clockHz, l0.runA, l0.pageBytes, l0.programBytes, l0.pageEraseMs, l0.programMs]).toEqual([32e6, 93e-6 * 32, 128, 64, 3.2, 3.2]);
    // SEGGER emCrypt: ECDSA P-256 verify 583.85 ms at 48 MHz (Cortex-M0), 82.91 ms at 168 MHz (Cortex-M4)
    expect(l0.ecdsaP256VerifyCycles).toBe(28_024_800);
    expect(wl.ecdsaP256VerifyCycles).toBe(13_928_880);
    expect(wl.ed25519VerifyCycles).toBe(29_482_320);
    expect(wl.sha256CyclesPerByte).toBeCloseTo(168 / 2.11, 9);
    expect(l0.sha256CyclesPerByte).toBe(195);
    // derived: the M4 Ed25519 figure scaled by the M0/M4 ECDSA ratio of the same library
    expect(l0.ed25519VerifyCycles / wl.ed25519VerifyCycles).toBeCloseTo(583.85 * 48 / (82.91 * 168), 6);
    expect(Object.isFrozen(l0)).toBe(true);
  });
});

describe('image work on the STM32L072 (3.3 V)', () => {
  const flashW = 3.3 * (2.976e-3 + 0.5e-3);

  it('erases whole 128-byte pages: a 256 KiB slot is 2048 pages of 3.2 ms', () => {
    expect(eraseJ(l0, 262_144)).toBeCloseTo(flashW * 2048 * 3.2e-3, 12);
    expect(eraseJ(l0, 129)).toBeCloseTo(flashW * 2 * 3.2e-3, 12);
  });

  it('programs 64-byte half-pages, a partial one pro rata: 232 bytes are 3.625 half-pages', () => {
    expect(programJ(l0, 232)).toBeCloseTo(flashW * 3.625 * 3.2e-3, 12);
    expect(programJ(l0, 0)).toBe(0);
  });

  it('hashes at 195 cycles/byte and verifies ECDSA P-256 in 28.0 M cycles at 32 MHz', () => {
    const runW = 3.3 * 2.976e-3;
    expect(verifyJ(l0, 262_144, 'ecdsa-p256')).toBeCloseTo(runW * (262_144 * 195 + 28_024_800) / 32e6, 12);
    expect(verifyJ(l0, 262_144, 'none')).toBeCloseTo(runW * (262_144 * 195) / 32e6, 12);
    expect(verifyJ(l0, 1000, 'ed25519')).toBeCloseTo(runW * (1000 * l0.sha512CyclesPerByte + l0.ed25519VerifyCycles) / 32e6, 12);
  });

  it('installs with one erase-and-program pass (overwrite), three (swap-move) or none (bank-switch)', () => {
    const once = eraseJ(l0, 65_536) + programJ(l0, 65_536);
    expect(applyJ(l0, 65_536, 'overwrite')).toBeCloseTo(once, 12);
    expect(applyJ(l0, 65_536, 'swap-move')).toBeCloseTo(3 * once, 12);
    expect(applyJ(l0, 65_536, 'bank-switch')).toBe(0);
    expect(APPLY_PASSES).toEqual({ overwrite: 1, 'swap-move': 3, 'bank-switch': 0 });
  });

  it('never costs less for more bytes', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1 << 20 }), fc.integer({ min: 0, max: 4096 }), (b, extra) => {
      for (const p of [l0, wl]) {
        expect(eraseJ(p, b + extra)).toBeGreaterThanOrEqual(eraseJ(p, b));
        expect(programJ(p, b + extra)).toBeGreaterThanOrEqual(programJ(p, b));
        expect(verifyJ(p, b + extra, 'ecdsa-p256')).toBeGreaterThanOrEqual(verifyJ(p, b, 'ecdsa-p256'));
      }
    }));
  });
});

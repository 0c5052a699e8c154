/**
 * Energy of the device's work on the image (docs/models/energy.md, "Image work"): erasing the
 * download slot and storing every fragment it keeps, checking the rebuilt image (hash and
 * signature), and installing it at the reboot. Each operation costs the MCU's supply voltage ×
 * current × time, with per-operation times and currents from the MCU profile (`McuProfile`);
 * the profiles' figures and their sources are listed in docs/models/energy.md.
 */
import type { SignatureAlgorithm } from './sign.js';

/** The MCU profiles with figures below; 'none' charges no image work. */
export type McuProfileName = 'stm32l072' | 'stm32wl55' | 'none';
/** How the bootloader installs the new image at the reboot (MCUboot's modes). */
export type ImageApplyMode = 'overwrite' | 'swap-move' | 'bank-switch';

/** Per-operation figures of the device's MCU and flash for the image work (docs/models/energy.md). */
export interface McuProfile {
  /** MCU supply, V */
  supplyV: number;
  /** core clock, Hz */
  clockHz: number;
  /** current with the CPU running at clockHz, A */
  runA: number;
  /** extra current while the flash programs or erases, A */
  flashA: number;
  /** erase unit, bytes, and the time to erase one, ms */
  pageBytes: number;
  pageEraseMs: number;
  /** program unit, bytes, and the time to program one, ms */
  programBytes: number;
  programMs: number;
  sha256CyclesPerByte: number;
  sha512CyclesPerByte: number;
  ecdsaP256VerifyCycles: number;
  ed25519VerifyCycles: number;
}

/**
 * SEGGER emCrypt benchmarks (kb.segger.com, emCrypt 2.34, gcc 8.2.1, code in flash), as CPU cycles
 * (time × clock) so that they carry over to another clock of the same core [D].
 */
const EMCRYPT = {
  /** ECDSA P-256 verify: STM32F072 (Cortex-M0, 48 MHz) 583.85 ms */
  m0EcdsaP256Cycles: Math.round(583.85e-3 * 48e6),
  /** ECDSA P-256 verify: MK66FN2M0 (Cortex-M4, 168 MHz) 82.91 ms */
  m4EcdsaP256Cycles: Math.round(82.91e-3 * 168e6),
  /** Ed25519 verify: MK66FN2M0 175.49 ms */
  m4Ed25519Cycles: Math.round(175.49e-3 * 168e6),
  /** SHA-256 / SHA-512 in software on the MK66FN2M0: 2.11 / 0.72 MB/s */
  m4Sha256CyclesPerByte: 168e6 / 2.11e6,
  m4Sha512CyclesPerByte: 168e6 / 0.72e6,
};

/** SHA-256 on a small core: 195 cycles per byte (Microchip MCC crypto note, "Software ECDSA Verification") [D]. */
const M0_SHA256_CYCLES_PER_BYTE = 195;

/**
 * No Cortex-M0 measurement of Ed25519 or SHA-512 was found: the Cortex-M4 figure scaled by the
 * ratio of the same library's M0 and M4 figures for the nearest operation (ECDSA for Ed25519,
 * SHA-256 for SHA-512) [derived].
 */
const M0_FROM_M4 = {
  ed25519Cycles: Math.round(EMCRYPT.m4Ed25519Cycles * (EMCRYPT.m0EcdsaP256Cycles / EMCRYPT.m4EcdsaP256Cycles)),
  sha512CyclesPerByte: EMCRYPT.m4Sha512CyclesPerByte * (M0_SHA256_CYCLES_PER_BYTE / EMCRYPT.m4Sha256CyclesPerByte),
};

/**
 * STM32L072 (Cortex-M0+ at 32 MHz), the MCU of the B-L072Z-LRWAN1 / Murata CMWX1ZZABZ module that
 * LoRaMac-node targets (its SX126x shields run on the sibling NUCLEO-L073RZ). Sources: DS10689
 * front page (32 MHz max, down to 93 µA/MHz in Run mode) [D]; RM0377 3.3.1 (128-byte pages,
 * programming by word or 64-byte half-page) [D]; page erase and half-page programming about 3.2 ms
 * each (the datasheet value, as quoted in Censtry's STM32L0 flash note) [D]; 0.5 mA average during
 * program/erase [U]; crypto as above.
 */
const STM32L072: McuProfile = {
  supplyV: 3.3,
  clockHz: 32e6,
  runA: 93e-6 * 32,
  flashA: 0.5e-3,
  pageBytes: 128,
  pageEraseMs: 3.2,
  programBytes: 64,
  programMs: 3.2,
  sha256CyclesPerByte: M0_SHA256_CYCLES_PER_BYTE,
  sha512CyclesPerByte: M0_FROM_M4.sha512CyclesPerByte,
  ecdsaP256VerifyCycles: EMCRYPT.m0EcdsaP256Cycles,
  ed25519VerifyCycles: M0_FROM_M4.ed25519Cycles,
};

/**
 * STM32WL55 (Cortex-M4 at 48 MHz with an SX126x-class sub-GHz radio on chip). Sources: RM0461
 * 3.3.1 (STM32WLEx, whose flash the WL55's is taken to match: 2-Kbyte pages, 64-bit double-word
 * programming) [D]; 48 MHz, 72 µA/MHz Run, 22.02 ms page
 * erase, 81.7 µs double-word programming and 3.4 mA during program/erase from DS13293 as recalled,
 * not re-read [U]; crypto: the Cortex-M4 emCrypt figures [D].
 */
const STM32WL55: McuProfile = {
  supplyV: 3.3,
  clockHz: 48e6,
  runA: 72e-6 * 48,
  flashA: 3.4e-3,
  pageBytes: 2048,
  pageEraseMs: 22.02,
  programBytes: 8,
  programMs: 0.0817,
  sha256CyclesPerByte: EMCRYPT.m4Sha256CyclesPerByte,
  sha512CyclesPerByte: EMCRYPT.m4Sha512CyclesPerByte,
  ecdsaP256VerifyCycles: EMCRYPT.m4EcdsaP256Cycles,
  ed25519VerifyCycles: EMCRYPT.m4Ed25519Cycles,
};

export const MCU_PROFILES: Readonly<Record<Exclude<McuProfileName, 'none'>, Readonly<McuProfile>>> = Object.freeze({
  stm32l072: Object.freeze(STM32L072),
  stm32wl55: Object.freeze(STM32WL55),
});

/** Erase-and-program passes over the image per install, by bootloader mode (MCUboot design). */
export const APPLY_PASSES: Readonly<Record<ImageApplyMode, number>> = {
  // overwrite-only: the primary slot is erased and the new image copied into it once
  overwrite: 1,
  // swap using move: every primary sector moves up one sector, then each pair is exchanged
  'swap-move': 3,
  // dual-bank boot: the bootloader flips the boot bank, nothing is copied
  'bank-switch': 0,
};

/** Energy of `ms` of MCU work at `currentA`, J. */
function workJ(p: McuProfile, currentA: number, ms: number): number {
  return p.supplyV * currentA * ms * 1e-3;
}

/** Erasing the pages that hold `bytes`, J (the CPU waits on the flash meanwhile). */
export function eraseJ(p: McuProfile, bytes: number): number {
  return workJ(p, p.runA + p.flashA, Math.ceil(bytes / p.pageBytes) * p.pageEraseMs);
}

/** Programming `bytes` into erased flash, J: program units of programBytes, a partial unit pro rata. */
export function programJ(p: McuProfile, bytes: number): number {
  return workJ(p, p.runA + p.flashA, (bytes / p.programBytes) * p.programMs);
}

/**
 * Checking `bytes` of signed payload, J: one pass of the signature's hash over the bytes (SHA-512
 * inside pure Ed25519, SHA-256 otherwise, the digest check of an unsigned image) plus the
 * signature verification itself.
 */
export function verifyJ(p: McuProfile, bytes: number, signature: SignatureAlgorithm): number {
  const hashCycles = bytes * (signature === 'ed25519' ? p.sha512CyclesPerByte : p.sha256CyclesPerByte);
  const checkCycles = signature === 'ecdsa-p256' ? p.ecdsaP256VerifyCycles : signature === 'ed25519' ? p.ed25519VerifyCycles : 0;
  return workJ(p, p.runA, ((hashCycles + checkCycles) / p.clockHz) * 1e3);
}

/** Installing an image of `bytes` at the reboot, J: the bootloader mode's erase-and-program passes. */
export function applyJ(p: McuProfile, bytes: number, mode: ImageApplyMode): number {
  return APPLY_PASSES[mode] * (eraseJ(p, bytes) + programJ(p, bytes));
}

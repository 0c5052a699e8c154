/**
 * Signing keys: derived deterministically from the scenario seed, or loaded from a PEM file. The
 * same seed always gives the same key pair, so a run's signature checks are reproducible.
 *
 * - ed25519: the 32-byte private seed is SHA-256(domain string + seed), wrapped as PKCS#8 DER
 *   (RFC 8410 §7: SEQUENCE { version 0, AlgorithmIdentifier id-Ed25519, OCTET STRING { key } }).
 * - ecdsa-p256: the private scalar d is SHA-256(domain string + seed) reduced into [1, n − 1]
 *   (n = order of P-256, FIPS 186-4 D.1.2.3); the public point d·G comes from node's ECDH and the
 *   pair is imported as a JWK (RFC 7518 §6.2).
 */
import { createECDH, createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { KeyError } from './errors.js';
import type { SignatureAlgorithm } from './sign.js';

export interface SigningKeys {
  algorithm: Exclude<SignatureAlgorithm, 'none'>;
  privateKey: KeyObject;
  /** what the devices hold to verify the image */
  publicKey: KeyObject;
}

/** Order n of the P-256 base point (FIPS 186-4 D.1.2.3). */
const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
/** DER prefix of an Ed25519 PKCS#8 private key; the 32-byte seed follows (RFC 8410 §10.3). */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

function seedDigest(algorithm: string, seed: number): Buffer {
  return createHash('sha256').update(`fuota-sim signing key v1/${algorithm}/${seed}`).digest();
}

const base64url = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url');

function ecdsaKeys(seed: number): SigningKeys {
  const d = (BigInt('0x' + seedDigest('ecdsa-p256', seed).toString('hex')) % (P256_ORDER - 1n)) + 1n;
  const dBytes = Buffer.from(d.toString(16).padStart(64, '0'), 'hex');
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(dBytes);
  const point = ecdh.getPublicKey(); // uncompressed: 0x04 | X(32) | Y(32)
  const jwk = { kty: 'EC', crv: 'P-256', x: base64url(point.subarray(1, 33)), y: base64url(point.subarray(33, 65)) };
  const privateKey = createPrivateKey({ key: { ...jwk, d: base64url(dBytes) }, format: 'jwk' });
  return { algorithm: 'ecdsa-p256', privateKey, publicKey: createPublicKey({ key: jwk, format: 'jwk' }) };
}

function ed25519Keys(seed: number): SigningKeys {
  const der = Buffer.concat([ED25519_PKCS8_PREFIX, seedDigest('ed25519', seed)]);
  const privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  return { algorithm: 'ed25519', privateKey, publicKey: createPublicKey(privateKey) };
}

/** The key pair for `algorithm` derived from the seed: a pure function of (algorithm, seed). */
export function deriveSigningKeys(algorithm: Exclude<SignatureAlgorithm, 'none'>, seed: number): SigningKeys {
  if (!Number.isFinite(seed)) throw new KeyError(`seed ${seed} is not a finite number`);
  return algorithm === 'ed25519' ? ed25519Keys(seed) : ecdsaKeys(seed);
}

/** The signature algorithm a key is for, or null for a key of any other kind. */
export function keyAlgorithm(key: KeyObject): Exclude<SignatureAlgorithm, 'none'> | null {
  if (key.asymmetricKeyType === 'ed25519') return 'ed25519';
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return 'ecdsa-p256';
  return null;
}

/** Key pair from a PEM private key (PKCS#8, SEC1 "EC PRIVATE KEY"); `source` names it in errors. */
export function signingKeysFromPem(algorithm: Exclude<SignatureAlgorithm, 'none'>, pem: string | Buffer, source = 'PEM'): SigningKeys {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: pem, format: 'pem' });
  } catch (err) {
    throw new KeyError(`${source}: not a PEM private key (${(err as Error).message})`);
  }
  const found = keyAlgorithm(privateKey);
  if (found !== algorithm) {
    const kind = privateKey.asymmetricKeyType === 'ec'
      ? `an EC key on curve ${privateKey.asymmetricKeyDetails?.namedCurve ?? 'unknown'}`
      : `a key of type ${privateKey.asymmetricKeyType ?? 'unknown'}`;
    throw new KeyError(`${source}: ${kind} cannot sign ${algorithm}; allowed: ${algorithm === 'ed25519' ? 'an Ed25519 key' : 'an EC key on P-256 (prime256v1)'}`);
  }
  return { algorithm, privateKey, publicKey: createPublicKey(privateKey) };
}

/** Key pair read from a PEM private key file. */
export function loadSigningKeys(algorithm: Exclude<SignatureAlgorithm, 'none'>, pemFile: string): SigningKeys {
  let pem: Buffer;
  try {
    pem = readFileSync(pemFile);
  } catch (err) {
    throw new KeyError(`${pemFile}: cannot read the signing key (${(err as Error).message})`);
  }
  return signingKeysFromPem(algorithm, pem, pemFile);
}

/** The keys a firmware section asks for: none for 'none', else from the PEM file or the seed. */
export function signingKeysFor(algorithm: SignatureAlgorithm, signingKeyFile: string | null, seed: number): SigningKeys | null {
  if (algorithm === 'none') return null;
  return signingKeyFile === null ? deriveSigningKeys(algorithm, seed) : loadSigningKeys(algorithm, signingKeyFile);
}

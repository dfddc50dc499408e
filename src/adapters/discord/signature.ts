import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/** How far a request's signed timestamp may be from our clock: a replayed request older than this is refused. */
export const maxClockSkewSeconds = 5 * 60;

export type SignatureCheck = 'ok' | 'missing' | 'stale' | 'bad';

/** The application's public key from the Developer Portal (64 hex characters), as a key node:crypto verifies with. */
export function discordPublicKey(hex: string): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(hex, 'hex').toString('base64url') }, format: 'jwk' });
}

/**
 * Discord signs every interaction it POSTs: X-Signature-Ed25519 is the Ed25519 signature of
 * X-Signature-Timestamp followed by the raw body. Anything else is someone else's request.
 */
export function checkSignature(key: KeyObject, signature: string | undefined, timestamp: string | undefined, body: Buffer, nowMs: number): SignatureCheck {
  if (!signature || !timestamp) return 'missing';
  if (!/^[0-9a-f]{128}$/i.test(signature) || !/^\d{1,12}$/.test(timestamp)) return 'bad';
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > maxClockSkewSeconds) return 'stale';
  const signed = Buffer.concat([Buffer.from(timestamp, 'utf8'), body]);
  return verify(null, signed, key, Buffer.from(signature, 'hex')) ? 'ok' : 'bad';
}

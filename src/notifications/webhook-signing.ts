import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signing secrets and signatures.
 *
 * A secret must be read back to sign each delivery, so it cannot be kept only as a hash (as
 * API keys are): it is encrypted with AES-256-GCM under a key derived (HKDF-SHA-256) from the
 * server's WEBHOOK_SECRET_KEY, with a fresh random IV each time. A digest of the server key
 * is stored beside it, so that a changed key is reported as such rather than as a forgery.
 *
 * A delivery is signed as Stripe and GitHub do: `X-HSCN-Signature: sha256=<hex>`, the
 * HMAC-SHA-256 under the secret (its UTF-8 text, `whsec_…`) of `<X-HSCN-Timestamp>.<body>`,
 * the timestamp being Unix seconds. Signing the timestamp lets receivers refuse replays.
 */

const IV_BYTES = 12;
const TAG_BYTES = 16;

export class WebhookKeyError extends Error {}

export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/** The secret's first characters, safe to show: 4 of its 43 random characters. */
export const hintOf = (secret: string) => `${secret.slice(0, 10)}…`;

/** A short digest naming the server key (never the key itself). */
export function keyIdOf(serverKey: string): string {
  return createHash('sha256').update(`hscn-webhook-key:${serverKey}`).digest('hex').slice(0, 16);
}

function aesKey(serverKey: string): Buffer {
  return Buffer.from(hkdfSync('sha256', serverKey, 'hscn-webhook-secrets', 'aes-256-gcm', 32));
}

export function encryptSecret(secret: string, serverKey: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', aesKey(serverKey), iv);
  const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64url');
}

export function decryptSecret(stored: string, serverKey: string, storedKeyId: string): string {
  if (storedKeyId !== keyIdOf(serverKey)) {
    throw new WebhookKeyError('the signing secret was encrypted under another WEBHOOK_SECRET_KEY; rotate the subscription\'s secret');
  }
  const raw = Buffer.from(stored, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', aesKey(serverKey), raw.subarray(0, IV_BYTES));
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    throw new WebhookKeyError('the stored signing secret could not be decrypted; rotate the subscription\'s secret');
  }
}

/** `sha256=<hex>` over `<timestamp>.<body>`. */
export function signatureOf(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver does: recompute, compare in constant time, and refuse stale timestamps. */
export function verifySignature(secret: string, header: string, timestamp: string, body: string, now = Date.now(), toleranceSeconds = 300): boolean {
  const seconds = Number(timestamp);
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(now / 1000 - seconds) > toleranceSeconds) return false;
  const expected = Buffer.from(signatureOf(secret, seconds, body));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** The wait after the `attempt`-th attempt of a round failed: base, then doubling. */
export function retryDelayMs(attempt: number, baseMs: number): number {
  return baseMs * 2 ** Math.max(0, attempt - 1);
}

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { openSecret, sealSecret, SealedSecretError } from '../common/sealed-secret';

/**
 * Webhook signing secrets and signatures.
 *
 * A secret must be read back to sign each delivery: it is kept sealed (common/sealed-secret.ts:
 * AES-256-GCM under a key derived from WEBHOOK_SECRET_KEY), beside a digest of the server key.
 *
 * A delivery is signed as Stripe and GitHub do: `X-HSCN-Signature: sha256=<hex>`, the
 * HMAC-SHA-256 under the secret (its UTF-8 text, `whsec_…`) of `<X-HSCN-Timestamp>.<body>`,
 * the timestamp being Unix seconds. Signing the timestamp lets receivers refuse replays.
 */

export { keyIdOf } from '../common/sealed-secret';

const PURPOSE = 'hscn-webhook-secrets';

export class WebhookKeyError extends Error {}

export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/** The secret's first characters, safe to show: 4 of its 43 random characters. */
export const hintOf = (secret: string) => `${secret.slice(0, 10)}…`;

export const encryptSecret = (secret: string, serverKey: string) => sealSecret(secret, serverKey, PURPOSE);

export function decryptSecret(stored: string, serverKey: string, storedKeyId: string): string {
  try {
    return openSecret(stored, serverKey, storedKeyId, PURPOSE);
  } catch (error) {
    if (!(error instanceof SealedSecretError)) throw error;
    throw new WebhookKeyError(
      error.problem === 'OTHER_KEY'
        ? "the signing secret was encrypted under another WEBHOOK_SECRET_KEY; rotate the subscription's secret"
        : "the stored signing secret could not be decrypted; rotate the subscription's secret",
    );
  }
}

/** `sha256=<hex>` over `<timestamp>.<body>`. */
export function signatureOf(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver does: recompute, compare in constant time, and refuse stale timestamps. */
export function verifySignature(
  secret: string,
  header: string,
  timestamp: string,
  body: string,
  now = Date.now(),
  toleranceSeconds = 300,
): boolean {
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

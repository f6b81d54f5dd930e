import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Secrets the server must read back (a webhook's signing secret, a feed endpoint's
 * credential) cannot be kept only as a hash, as API keys are. They are encrypted with
 * AES-256-GCM under a key derived (HKDF-SHA-256) from the server's key, WEBHOOK_SECRET_KEY,
 * with a fresh random IV each time; the purpose goes into the derivation, so a secret sealed
 * for one use cannot be opened as another. A digest of the server key is stored beside it,
 * so that a changed key is reported as such rather than as a forgery.
 */

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The derivation's info string: one per kind of secret. */
export type SecretPurpose = 'hscn-webhook-secrets' | 'hscn-feed-credentials';

export class SealedSecretError extends Error {
  constructor(readonly problem: 'OTHER_KEY' | 'UNREADABLE') {
    super(problem === 'OTHER_KEY' ? 'sealed under another server key' : 'could not be decrypted');
    this.name = 'SealedSecretError';
  }
}

/** A short digest naming the server key (never the key itself); the prefix predates feed credentials, and stored digests depend on it. */
export function keyIdOf(serverKey: string): string {
  return createHash('sha256').update(`hscn-webhook-key:${serverKey}`).digest('hex').slice(0, 16);
}

function aesKey(serverKey: string, purpose: SecretPurpose): Buffer {
  return Buffer.from(hkdfSync('sha256', serverKey, purpose, 'aes-256-gcm', 32));
}

/** iv, tag and ciphertext, base64url: 4/3 of the secret's UTF-8 bytes plus 38 characters. */
export function sealSecret(secret: string, serverKey: string, purpose: SecretPurpose): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', aesKey(serverKey, purpose), iv);
  const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64url');
}

export function openSecret(stored: string, serverKey: string, storedKeyId: string, purpose: SecretPurpose): string {
  if (storedKeyId !== keyIdOf(serverKey)) throw new SealedSecretError('OTHER_KEY');
  const raw = Buffer.from(stored, 'base64url');
  try {
    // a cut-short value fails here too, on its IV or tag length
    const decipher = createDecipheriv('aes-256-gcm', aesKey(serverKey, purpose), raw.subarray(0, IV_BYTES));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    throw new SealedSecretError('UNREADABLE');
  }
}

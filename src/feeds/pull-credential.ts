import { badInput, unavailable } from '../common/errors';
import { keyIdOf, openSecret, sealSecret, SealedSecretError } from '../common/sealed-secret';
import type { AppConfig } from '../config/config';
import { PullFailure } from './pull-target';
import { ErrorReason } from '../common/error-reasons';

/**
 * A feed endpoint's credential: the whole Authorization header value a pull sends (`Bearer
 * …`, `Basic …`, or a supplier's own scheme). It is written through the API and never read
 * back through it; it is kept sealed with the server key, as webhook signing secrets are.
 */

export const MAX_CREDENTIAL = 4096;
const PURPOSE = 'hscn-feed-credentials';
/** What an HTTP header value may hold, less obs-text: printable ASCII and spaces, nothing that could end the header. */
const HEADER_VALUE = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;

export interface SealedCredential {
  credentialCiphertext: string;
  credentialKeyId: string;
}

/** Refuses what could not be sent as one header value, naming the field. */
export function checkCredential(value: string, field: string): string {
  if (value.length === 0) throw badInput(field, `${field}: empty; give null to remove the credential`, ErrorReason.BLANK);
  if (value.length > MAX_CREDENTIAL) throw badInput(field, `${field}: at most ${MAX_CREDENTIAL} characters`, ErrorReason.TOO_LONG);
  if (!HEADER_VALUE.test(value)) {
    throw badInput(
      field,
      `${field}: printable ASCII only (an Authorization header value such as "Bearer <token>"), with no control characters or leading or trailing spaces`,
      ErrorReason.INVALID_CREDENTIAL,
    );
  }
  return value;
}

export function sealCredential(credential: string, config: AppConfig): SealedCredential {
  const key = serverKeyOf(config);
  return { credentialCiphertext: sealSecret(credential, key, PURPOSE), credentialKeyId: keyIdOf(key) };
}

/** The credential to send, or why it cannot be read (an error whose message is fit to show the ADMIN). */
export function openCredential(sealed: SealedCredential, config: AppConfig): string {
  const key = config.webhooks.secretKey;
  if (key === null) throw new PullFailure('the stored credential cannot be read: WEBHOOK_SECRET_KEY is not set on the server');
  try {
    return openSecret(sealed.credentialCiphertext, key, sealed.credentialKeyId, PURPOSE);
  } catch (error) {
    if (!(error instanceof SealedSecretError)) throw error;
    throw new PullFailure(
      error.problem === 'OTHER_KEY'
        ? 'the stored credential was encrypted under another WEBHOOK_SECRET_KEY; enter it again with configureFeedEndpoint'
        : 'the stored credential could not be decrypted; enter it again with configureFeedEndpoint',
    );
  }
}

/** The server key that seals stored secrets; in production it may be unset, and credentials are then refused. */
function serverKeyOf(config: AppConfig): string {
  const key = config.webhooks.secretKey;
  if (key === null) {
    throw unavailable('Feed credentials cannot be stored on this server (WEBHOOK_SECRET_KEY is not set)', {
      reason: ErrorReason.CREDENTIALS_NOT_CONFIGURED,
    });
  }
  return key;
}

import { badInput } from './errors';
import { ErrorReason } from './error-reasons';

const MAX_URL = 2000;

/**
 * A URL an administrator gives for the server to call (a supplier's feed, a webhook
 * receiver): 1 to 2,000 characters, http or https (https only in production), and no
 * credentials in it (`credentials` says where they go instead). Refusals are BAD_USER_INPUT
 * INVALID_URL naming `field`; what may be called is the caller's rule, after this.
 */
export function parseHttpUrl(url: string, field: string, rules: { production: boolean; credentials: string }): URL {
  const text = url.trim();
  if (text.length === 0 || text.length > MAX_URL)
    throw badInput(field, `${field}: a URL of 1 to ${MAX_URL} characters`, ErrorReason.INVALID_URL);
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    throw badInput(field, `${field}: not a URL`, ErrorReason.INVALID_URL);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    throw badInput(field, `${field}: must be an http or https URL, not ${parsed.protocol.replace(/:$/, '')}`, ErrorReason.INVALID_URL);
  if (rules.production && parsed.protocol !== 'https:')
    throw badInput(field, `${field}: must be https in production`, ErrorReason.INVALID_URL);
  if (parsed.username || parsed.password)
    throw badInput(field, `${field}: must not carry credentials; ${rules.credentials}`, ErrorReason.INVALID_URL);
  return parsed;
}

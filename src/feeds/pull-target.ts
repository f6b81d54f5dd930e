import { badInput } from '../common/errors';
import type { AppConfig } from '../config/config';
import { hostAndPort, isAllowedHost } from '../config/host-list';

const MAX_URL = 2000;

/** A pull that failed for a reason the ADMIN can act on; its message, written by us, is stored and shown. */
export class PullFailure extends Error {}

/**
 * A pull URL as an ADMIN gives it, checked when the endpoint is configured and again before
 * every pull (the list may have changed since): http(s) (https only in production), no
 * credentials in it, and its host and port named in FEED_PULL_ALLOWED_HOSTS unless
 * FEED_PULL_ALLOW_ANY_HOST. Answers it normalised.
 */
export function checkPullUrl(url: string, config: AppConfig, field: string): string {
  const text = url.trim();
  if (text.length === 0 || text.length > MAX_URL) throw badInput(field, `${field}: a URL of 1 to ${MAX_URL} characters`, 'INVALID_URL');
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    throw badInput(field, `${field}: not a URL`, 'INVALID_URL');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw badInput(field, `${field}: must be an http(s) URL`, 'INVALID_URL');
  if (config.env === 'production' && parsed.protocol !== 'https:') throw badInput(field, `${field}: must be https in production`, 'INVALID_URL');
  if (parsed.username || parsed.password) throw badInput(field, `${field}: must not carry credentials; give them as input.credential`, 'INVALID_URL');
  if (!config.feeds.pullAllowAnyHost && !isAllowedHost(parsed, config.feeds.pullAllowedHosts)) {
    throw badInput(field, `${field}: ${hostAndPort(parsed)} is not in FEED_PULL_ALLOWED_HOSTS`, 'HOST_NOT_ALLOWED');
  }
  return parsed.toString();
}

/** Scheme, host and port: a stored credential is sent only where it was given for. */
export const originOf = (url: string): string => new URL(url).origin;

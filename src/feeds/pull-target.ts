import { badInput } from '../common/errors';
import { parseHttpUrl } from '../common/http-url';
import type { AppConfig } from '../config/config';
import { hostAndPort, isAllowedHost } from '../config/host-list';
import { ErrorReason } from '../common/error-reasons';

/** A pull that failed for a reason the ADMIN can act on; its message, written by us, is stored and shown. */
export class PullFailure extends Error {}

/**
 * A pull URL as an ADMIN gives it, checked when the endpoint is configured and again before
 * every pull (the list may have changed since): http(s) (https only in production), no
 * credentials in it, and its host and port named in FEED_PULL_ALLOWED_HOSTS unless
 * FEED_PULL_ALLOW_ANY_HOST. Answers it normalised.
 */
export function checkPullUrl(url: string, config: AppConfig, field: string): string {
  const parsed = parseHttpUrl(url, field, { production: config.env === 'production', credentials: 'give them as input.credential' });
  if (!config.feeds.pullAllowAnyHost && !isAllowedHost(parsed, config.feeds.pullAllowedHosts)) {
    throw badInput(field, `${field}: ${hostAndPort(parsed)} is not in FEED_PULL_ALLOWED_HOSTS`, ErrorReason.HOST_NOT_ALLOWED);
  }
  return parsed.toString();
}

/** Scheme, host and port: a stored credential is sent only where it was given for. */
export const originOf = (url: string): string => new URL(url).origin;

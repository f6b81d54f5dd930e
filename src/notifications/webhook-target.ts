import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { badInput } from '../common/errors';
import { parseHttpUrl } from '../common/http-url';
import type { AppConfig } from '../config/config';
import { ErrorReason } from '../common/error-reasons';

/** Addresses a webhook may not reach unless WEBHOOK_ALLOW_PRIVATE_TARGETS: the server's own network. */
const PRIVATE = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  PRIVATE.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  PRIVATE.addSubnet(network, prefix, 'ipv6');

export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return PRIVATE.check(address, 'ipv4');
  if (family !== 6) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? PRIVATE.check(mapped[1], 'ipv4') : PRIVATE.check(address, 'ipv6');
}

/**
 * A webhook URL as given by an administrator: http(s) (https only in production), no
 * credentials in it, and — unless private targets are allowed — not aimed at a loopback,
 * private or link-local address by name or number.
 */
export function checkWebhookUrl(url: string, config: AppConfig, field: string): string {
  const parsed = parseHttpUrl(url, field, { production: config.env === 'production', credentials: 'deliveries are signed instead' });
  if (parsed.hash) throw badInput(field, `${field}: must not have a #fragment`, ErrorReason.INVALID_URL);
  if (!config.webhooks.allowPrivateTargets) {
    const host = parsed.hostname.replace(/^\[|\]$/g, '').toLowerCase();
    if (host === 'localhost' || host.endsWith('.localhost') || isPrivateAddress(host)) {
      throw badInput(field, `${field}: ${parsed.hostname} is a loopback, private or link-local address`, ErrorReason.PRIVATE_TARGET);
    }
  }
  return parsed.toString();
}

/**
 * Before each attempt, unless private targets are allowed: the name must not resolve to a
 * private address (a public name pointed at the server's own network). The connection makes
 * its own lookup afterwards, so a name that changes its answer in between is not caught; the
 * check stops the plain case.
 */
export async function assertPublicTarget(url: string, config: AppConfig): Promise<void> {
  if (config.webhooks.allowPrivateTargets) return;
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [{ address: host }] : await lookup(host, { all: true, verbatim: true });
  const inside = addresses.find((entry) => isPrivateAddress(entry.address));
  if (inside) throw new Error(`${host} resolves to ${inside.address}, a private address; webhooks are not sent there`);
}

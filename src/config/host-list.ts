/** One host a server may reach: a name or address as a URL spells it, and a port, or none for the scheme's default. */
export interface AllowedHost {
  readonly host: string;
  readonly port: number | null;
}

const ENTRY = /^(\[[0-9a-f:.]+\]|[^\s:/?#@[\]]+)(?::(\d{1,5}))?$/i;

/**
 * Reads a comma-separated list of `host` or `host:port` (`[::1]:8443` for IPv6). Hosts are
 * normalised as the WHATWG URL parser normalises a request's (lower case, punycode, IPv4
 * in dotted decimal), so an entry and a URL naming the same host compare equal. Answers the
 * entries, or the first that is not one.
 */
export function parseHostList(value: string): { hosts: AllowedHost[] } | { invalid: string } {
  const hosts: AllowedHost[] = [];
  for (const entry of value
    .split(',')
    .map((text) => text.trim())
    .filter(Boolean)) {
    const match = ENTRY.exec(entry);
    const port = match?.[2] === undefined ? null : Number(match[2]);
    const host = match ? hostnameOf(match[1]) : null;
    if (!host || (port !== null && (port < 1 || port > 65_535))) return { invalid: entry };
    hosts.push({ host, port });
  }
  return { hosts };
}

function hostnameOf(text: string): string | null {
  try {
    return new URL(`http://${text}/`).hostname || null;
  } catch {
    return null;
  }
}

/** The port a URL reaches: its own, or its scheme's default. */
const portOf = (url: URL): number => (url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80);

/** Whether the list names the URL's host and port; an entry without a port stands for the scheme's default only. */
export function isAllowedHost(url: URL, hosts: readonly AllowedHost[]): boolean {
  const port = portOf(url);
  const defaultPort = url.protocol === 'https:' ? 443 : 80;
  return hosts.some((entry) => entry.host === url.hostname && (entry.port ?? defaultPort) === port);
}

/** `host` or `host:port`, as an operator writes it in the list. */
export const hostAndPort = (url: URL): string => `${url.hostname}:${portOf(url)}`;

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

/**
 * Names a process so that another process on the same machine can tell, at once, whether it
 * is still running: `<machine>.<pid>.<start>`. A pid alone is not enough (pids are reused),
 * so the kernel's start time of the process is part of the name; the machine part (host
 * name and boot) keeps a name written on another host, in another container or before a
 * reboot from being judged by a pid that means something else here.
 */
export type ProcessToken = string;

export type Liveness = 'alive' | 'dead' | 'unknown';

const TOKEN = /^([0-9a-f]{10})\.(\d{1,10})\.(\d{1,20})$/;

let own: ProcessToken | undefined;

/** This process's token. */
export function thisProcess(): ProcessToken {
  own ??= tokenOf(process.pid) ?? `${machine()}.${process.pid}.0`;
  return own;
}

/** The token of a running process on this machine, or null when it is not running. */
export function tokenOf(pid: number): ProcessToken | null {
  if (!exists(pid)) return null;
  return `${machine()}.${pid}.${startTime(pid) ?? 0}`;
}

/** Whether the process a token names is still running; `unknown` when this machine cannot tell. */
export function livenessOf(token: string): Liveness {
  const match = TOKEN.exec(token);
  if (!match || match[1] !== machine()) return 'unknown';
  const pid = Number(match[2]);
  if (!exists(pid)) return 'dead';
  const recorded = match[3];
  // without /proc (not Linux) a running pid is all there is to go on
  const current = startTime(pid);
  if (recorded === '0' || current === null) return 'alive';
  return current === recorded ? 'alive' : 'dead';
}

/** Whether a token is well formed (for names read back from disk or the database). */
export const isProcessToken = (value: string): boolean => TOKEN.test(value);

function exists(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, under another user
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Field 22 of /proc/<pid>/stat: when the process started, in clock ticks since boot. */
function startTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name (field 2) may hold spaces and parentheses: count from the last ')'
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const start = fields[19];
    return start && /^\d+$/.test(start) ? start : null;
  } catch {
    return null;
  }
}

let machineId: string | undefined;

function machine(): string {
  machineId ??= createHash('sha256')
    .update(`${hostname()}\n${readOr('/proc/sys/kernel/random/boot_id')}`)
    .digest('hex')
    .slice(0, 10);
  return machineId;
}

function readOr(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return '';
  }
}

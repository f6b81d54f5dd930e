import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { lstat, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { isProcessToken, livenessOf, thisProcess } from '../common/process-identity';

const PREFIX = 'hscn-feed-';
/** `hscn-feed-<process token>-<uuid>`: the writer's token tells a dead process's file from a live one's */
const NAME = /^hscn-feed-(.+)-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
/** `hscn-feed-<uuid>`, written before files named their process */
const UNOWNED = /^hscn-feed-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** an unowned file this old cannot belong to a document still being read */
const UNOWNED_AFTER_MS = 24 * 3_600_000;
import { documentTooLarge } from './limits';
import { FeedFormatError, type DocumentCheck } from './feed-adapter';

export interface SpooledDocument {
  readonly path: string;
  readonly checksum: string;
  readonly bytes: number;
  /** rows counted by the check as the document arrived */
  readonly rows: number;
  /** why the document cannot be read, when the check found it on arrival: the run fails without reading a row */
  readonly unreadable: FeedFormatError | null;
  /** reads the document again, counting bytes as they go by */
  open(onBytes?: (bytesSoFar: number) => void): AsyncIterable<Buffer>;
  discard(): Promise<void>;
}

/**
 * Writes a document to a temporary file while hashing and checking it. The whole document
 * is in hand before any row is stored — an upload cut short never becomes half a run — and
 * its checksum is known up front, so a re-sent document is recognised. The check sees
 * every byte as it arrives: past a limit, the upload is refused at once (a FeedLimitError,
 * nothing kept); a document that cannot be read is still spooled whole, so that its run
 * records the reason with the document's checksum.
 */
export async function spool(
  input: AsyncIterable<Buffer | string> | NodeJS.ReadableStream,
  directory: string,
  size: { maxBytes: number; setting: string },
  check?: DocumentCheck,
): Promise<SpooledDocument> {
  const path = join(directory, `${PREFIX}${thisProcess()}-${randomUUID()}`);
  const hash = createHash('sha256');
  let bytes = 0;
  let unreadable: FeedFormatError | null = null;
  const inspect = (look: () => void) => {
    if (!check || unreadable) return;
    try {
      look();
    } catch (error) {
      if (!(error instanceof FeedFormatError)) throw error;
      unreadable = error;
    }
  };
  const meter = new Transform({
    transform(chunk: Buffer | string, _encoding, callback) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      bytes += buffer.length;
      if (bytes > size.maxBytes) return callback(documentTooLarge(size.maxBytes, size.setting));
      try {
        inspect(() => check!.write(buffer));
      } catch (error) {
        return callback(error as Error);
      }
      hash.update(buffer);
      callback(null, buffer);
    },
    flush(callback) {
      try {
        inspect(() => check!.end());
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
  });
  try {
    // supplier data, in a directory other users may list (/tmp by default): readable by this user only,
    // and never written through a file or link someone placed at the name first
    await pipeline(input as AsyncIterable<Buffer>, meter, createWriteStream(path, { mode: 0o600, flags: 'wx' }));
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  }
  return {
    path,
    checksum: hash.digest('hex'),
    bytes,
    rows: check?.rows ?? 0,
    unreadable,
    open: (onBytes) => countBytes(createReadStream(path, { highWaterMark: 256 * 1024 }), onBytes),
    discard: () => rm(path, { force: true }),
  };
}

async function* countBytes(stream: AsyncIterable<Buffer>, onBytes?: (bytesSoFar: number) => void): AsyncGenerator<Buffer> {
  let read = 0;
  for await (const chunk of stream) {
    read += chunk.length;
    onBytes?.(read);
    yield chunk;
  }
}

/**
 * Removes the spooled documents (supplier data) that processes killed before they could tidy
 * up left in `directory`: files of this server's naming only, and only those whose process
 * is certainly gone. Several servers may share the directory; a live one's files, and files
 * written on another machine or container, stay. Answers how many were removed.
 */
export async function removeOrphanedSpoolFiles(directory: string, now = Date.now()): Promise<number> {
  let removed = 0;
  for (const name of await readdir(directory).catch(() => [] as string[])) {
    if (!name.startsWith(PREFIX) || !(await isOrphan(join(directory, name), name, now))) continue;
    await rm(join(directory, name), { force: true });
    removed += 1;
  }
  return removed;
}

/** Removes this process's own spooled documents: on shutdown, those of runs cut off. */
export async function removeOwnSpoolFiles(directory: string): Promise<number> {
  const own = `${PREFIX}${thisProcess()}-`;
  const names = (await readdir(directory).catch(() => [] as string[])).filter((name) => name.startsWith(own));
  await Promise.all(names.map((name) => rm(join(directory, name), { force: true })));
  return names.length;
}

async function isOrphan(path: string, name: string, now: number): Promise<boolean> {
  const stats = await lstat(path).catch(() => null);
  if (!stats?.isFile()) return false;
  const owned = NAME.exec(name);
  if (owned && isProcessToken(owned[1])) return livenessOf(owned[1]) === 'dead';
  return UNOWNED.test(name) && now - stats.mtimeMs > UNOWNED_AFTER_MS;
}

import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { documentTooLarge } from './limits';
import { FeedFormatError, type DocumentCheck } from './records';

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
  const path = join(directory, `hscn-feed-${randomUUID()}`);
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
    await pipeline(input as AsyncIterable<Buffer>, meter, createWriteStream(path));
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

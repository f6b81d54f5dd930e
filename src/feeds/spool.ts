import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export class DocumentTooLargeError extends Error {}

export interface SpooledDocument {
  readonly path: string;
  readonly checksum: string;
  readonly bytes: number;
  /** reads the document again, counting bytes as they go by */
  open(onBytes?: (bytesSoFar: number) => void): AsyncIterable<Buffer>;
  discard(): Promise<void>;
}

/**
 * Writes a document to a temporary file while hashing it. The whole document is in hand
 * before any row is stored — an upload cut short never becomes half a run — and its
 * checksum is known up front, so a re-sent document is recognised.
 */
export async function spool(input: AsyncIterable<Buffer | string> | NodeJS.ReadableStream, directory: string, maxBytes: number): Promise<SpooledDocument> {
  const path = join(directory, `hscn-feed-${randomUUID()}`);
  const hash = createHash('sha256');
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer | string, _encoding, callback) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      bytes += buffer.length;
      if (bytes > maxBytes) return callback(new DocumentTooLargeError(`The document is larger than the ${maxBytes}-byte limit`));
      hash.update(buffer);
      callback(null, buffer);
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

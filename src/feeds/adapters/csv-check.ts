import { recordTooLarge, tooManyRows, type FeedLimits } from '../limits';
import type { DocumentCheck } from '../feed-adapter';

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;

/**
 * Checks a CSV document as it arrives: no record longer than FEED_MAX_RECORD_BYTES and no
 * more data rows than FEED_MAX_ROWS. It only finds where records end (a line break outside
 * quotes, with csv-parse's quoting: a quote opens a field, `""` is a quote within it), so
 * it costs a pass over the bytes and holds nothing. Byte-level, because csv-parse's own
 * max_record_size counts the characters of the fields only: a line of ten million commas
 * passes it and grows a ten-million-cell array. A document csv-parse cannot read is left
 * to the reader to name.
 */
export function csvCheck(limits: FeedLimits): DocumentCheck {
  let inQuotes = false;
  // a quote inside a quoted field: the next byte tells an escaped quote from the closing one
  let quoteInQuotes = false;
  // only blanks since the field began, so a quote here opens a quoted field
  let atFieldStart = true;
  let recordBytes = 0;
  let recordHasContent = false;
  let recordLine = 1;
  let line = 1;
  let afterCr = false;
  let records = 0;

  const endRecord = () => {
    if (recordHasContent) {
      records += 1;
      // the header is a record, not a row
      if (records - 1 > limits.maxRows) throw tooManyRows(limits, `line ${recordLine}`);
    }
    recordBytes = 0;
    recordHasContent = false;
    atFieldStart = true;
  };

  return {
    write(chunk: Buffer) {
      for (let at = 0; at < chunk.length; at++) {
        const byte = chunk[at]!;
        if (recordBytes === 0 && !recordHasContent) recordLine = line;
        recordBytes += 1;
        if (recordBytes > limits.maxRecordBytes) throw recordTooLarge(limits, `the record from line ${recordLine}`);
        if (byte === LF) {
          if (!afterCr) line += 1;
        } else if (byte === CR) {
          line += 1;
        }
        const wasAfterCr = afterCr;
        afterCr = byte === CR;
        if (quoteInQuotes) {
          quoteInQuotes = false;
          if (byte === QUOTE) continue;
          inQuotes = false;
        }
        if (inQuotes) {
          if (byte === QUOTE) quoteInQuotes = true;
          continue;
        }
        if (byte === LF || byte === CR) {
          // \r\n ends one record, not two
          if (!(byte === LF && wasAfterCr)) endRecord();
          else recordBytes = 0;
          continue;
        }
        recordHasContent = true;
        if (byte === QUOTE) {
          if (atFieldStart) inQuotes = true;
          atFieldStart = false;
        } else if (byte === COMMA) {
          atFieldStart = true;
        } else if (byte !== SPACE && byte !== TAB) {
          atFieldStart = false;
        }
      }
    },
    end() {
      if (!inQuotes || quoteInQuotes) endRecord();
    },
    get rows() {
      return Math.max(0, records - 1);
    },
  };
}

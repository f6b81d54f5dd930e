import { createHash } from 'node:crypto';

/**
 * The hashes frozen documents are checked by: a review's evidence, a closed SLA month's
 * snapshot, a dispute's evidence pack. Hex SHA-256 of the text's UTF-8 bytes.
 */
export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** One hash over the items' hashes in order: changes if any item, or their order, does. */
export const combinedHash = (hashes: readonly string[]) => sha256(hashes.join('\n'));

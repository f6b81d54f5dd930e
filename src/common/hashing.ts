import { createHash } from 'node:crypto';

/**
 * Hex SHA-256 of the text's UTF-8 bytes: what frozen documents are checked by (a review's
 * evidence, a closed SLA month's snapshot, a dispute's evidence pack), and the stable keys
 * built from text (an API key's stored hash, a notification's fingerprint, a supplier's name key).
 */
export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** One hash over the items' hashes in order: changes if any item, or their order, does. */
export const combinedHash = (hashes: readonly string[]) => sha256(hashes.join('\n'));

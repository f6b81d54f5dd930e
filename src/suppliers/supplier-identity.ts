import { sha256 } from '../common/hashing';

/** Characters that show nothing: a name with one inside looks exactly like the name without. */
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g;

/**
 * What a supplier's name is compared by: compatibility-normalised (full-width letters are
 * letters), invisible characters dropped, spacing collapsed, case folded (ß as ss). Hashed,
 * so that the key has one length however far normalisation stretches a name.
 */
export function supplierNameKey(name: string): string {
  const folded = name.normalize('NFKC').replace(INVISIBLE, '').trim().replace(/\s+/g, ' ').toUpperCase().toLowerCase();
  return sha256(folded);
}

/** A CN-SP ID as stored: upper case, no surrounding spaces. */
export const canonicalCnspId = (value: string) => value.trim().toUpperCase();

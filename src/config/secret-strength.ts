/**
 * The secret the test suite signs its tokens with. It lives here, not in test/, so that
 * production can refuse it: anyone who has read this repository can sign with it.
 */
export const TEST_JWT_SECRET = 'test-only-secret-that-is-long-enough-for-hs256';

/** Bits a production HS256 secret must carry, by the estimate below. */
const MIN_SECRET_BITS = 128;
/** Letter runs shorter than this are too common in random text to count as words. */
const MIN_WORD_LENGTH = 4;
/** A secret at least this much made of words is a phrase, not a random string. */
const MAX_WORD_SHARE = 0.6;

/**
 * Why a shared signing secret is too weak for production, or null when it is not. The rule,
 * on top of the 32 characters every mode requires:
 * - at least 128 bits by `length × log2(distinct characters)`: refuses repetition and tiny
 *   alphabets (`x` × 32 scores 0, `abab…` 32, 40 decimal digits 133);
 * - not a phrase: letter runs of four or more in one case (or Capitalised) must cover less
 *   than three fifths of it. Random base64 or hex of 32 bytes or more passes (in 200,000
 *   draws of each, none failed; of 24-byte base64, one did);
 * - none of `known`: secrets published or kept on disk (the test suite's, the development
 *   secret in DATA_DIR), which anyone with the repository or the host can sign with.
 * A passphrase in CamelCase is not caught: the rule is a floor, not a proof of randomness.
 */
export function secretWeakness(secret: string, known: readonly { readonly value: string; readonly name: string }[]): string | null {
  const match = known.find((candidate) => candidate.value === secret);
  if (match) return `is ${match.name}; generate a secret of its own, e.g. \`openssl rand -base64 48\``;
  const characters = [...secret];
  const bits = characters.length * Math.log2(new Set(characters).size);
  if (bits < MIN_SECRET_BITS) {
    return `has too little variety (about ${Math.floor(bits)} bits, at least ${MIN_SECRET_BITS} needed); generate one, e.g. \`openssl rand -base64 48\``;
  }
  if (wordShare(secret) >= MAX_WORD_SHARE)
    return 'looks like words rather than random characters; generate one, e.g. `openssl rand -base64 48`';
  return null;
}

function wordShare(secret: string): number {
  let inWords = 0;
  for (const [run] of secret.matchAll(/[A-Za-z]+/g)) {
    if (run.length >= MIN_WORD_LENGTH && /^(?:[a-z]+|[A-Z]+|[A-Z][a-z]+)$/.test(run)) inWords += run.length;
  }
  return inWords / secret.length;
}

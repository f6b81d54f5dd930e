import { badInput } from './errors';
import { ErrorReason } from './error-reasons';

/**
 * Ids already encoded, by "Type:id": a dashboard answer holds hundreds, the same ones request
 * after request, and a lookup costs less than encoding. Bounded: when full it starts again.
 */
const issued = new Map<string, string>();
const ISSUED_KEPT = 50_000;

/** Opaque global ids: base64url of "Type:id", so a client never builds or parses them. */
export function toGlobalId(typename: string, id: number): string {
  const plain = `${typename}:${id}`;
  let globalId = issued.get(plain);
  if (globalId === undefined) {
    globalId = Buffer.from(plain, 'utf8').toString('base64url');
    if (issued.size >= ISSUED_KEPT) issued.clear();
    issued.set(plain, globalId);
  }
  return globalId;
}

export function parseGlobalId(globalId: string): { typename: string; id: number } | null {
  if (globalId.length === 0 || globalId.length > 100 || !/^[A-Za-z0-9_-]+$/.test(globalId)) return null;
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  const match = /^([A-Za-z]+):([1-9]\d{0,9})$/.exec(decoded);
  if (!match) return null;
  const id = Number(match[2]);
  if (!Number.isSafeInteger(id) || id > 2_147_483_647) return null;
  // base64 tolerates stray trailing bits; only the one spelling we issue is an id
  return toGlobalId(match[1], id) === globalId ? { typename: match[1], id } : null;
}

/** The database id behind a global id of the expected type, or BAD_USER_INPUT naming the field. */
export function idOf(globalId: string, typename: string, field = 'id'): number {
  const parsed = parseGlobalId(globalId);
  if (!parsed || parsed.typename !== typename) {
    throw badInput(field, `${field}: "${truncate(globalId)}" is not a ${typename} id`, ErrorReason.INVALID_ID);
  }
  return parsed.id;
}

export const optionalIdOf = (globalId: string | null | undefined, typename: string, field: string) =>
  globalId === null || globalId === undefined ? undefined : idOf(globalId, typename, field);

const truncate = (text: string) => (text.length > 40 ? `${text.slice(0, 40)}…` : text);

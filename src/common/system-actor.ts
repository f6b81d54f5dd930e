/**
 * Who the record names when the system, not a person, made a move: a credit matched to a
 * dispute, an approval withdrawn because its reconciliation went stale, a month closed. A
 * person is never held to have done it, so segregation of duties never counts it against them.
 */
export const SYSTEM_ACTOR = 'system';

import { ErrorReason } from './error-reasons';
import { conflict } from './errors';

/**
 * How a refused move names the record. Without a name the refusal reads
 * "A DRAFT order cannot become COMPLETED; it can become SUBMITTED, CANCELLED"; with one,
 * "Contract C-1 cannot move from DRAFT to IN_NOTICE; it can move to ACTIVE, TERMINATED".
 */
export interface MoveSubject {
  /** the record by its own name, e.g. "Contract C-1" */
  name?: string;
  /** said right after the current status, e.g. "(paid on 2026-11-03, reference AP-100)" */
  detail?: string;
  /** advice after the moves allowed, e.g. "reconcile it first" */
  hint?: string;
  /** the input field the refusal names */
  field?: string;
}

/** One record type's statuses and the moves each allows: the only place those moves are written. */
export interface Lifecycle<S extends string> {
  /** what the record is called in a refusal without a name: "contract", "order", "request" */
  readonly noun: string;
  readonly statuses: readonly S[];
  allowed(from: S): readonly S[];
  canMove(from: S, to: S): boolean;
  /** no move leaves it */
  isFinal(status: S): boolean;
  /** CONFLICT (INVALID_STATUS_TRANSITION) naming the moves allowed, unless the table allows `from` → `to` */
  assertMove(from: S, to: S, subject?: MoveSubject): void;
}

/** The one wording of a refused move (see MoveSubject for its two forms). */
export function refusedMove<S extends string>(lifecycle: Lifecycle<S>, from: S, to: S, subject: MoveSubject = {}): string {
  const allowed = lifecycle.allowed(from);
  const state = subject.detail ? `${from} ${subject.detail}` : from;
  const verb = subject.name === undefined ? 'become' : 'move to';
  const opening =
    subject.name === undefined ? `A ${state} ${lifecycle.noun} cannot become ${to}` : `${subject.name} cannot move from ${state} to ${to}`;
  const rest = allowed.length ? `it can ${verb} ${allowed.join(', ')}` : 'it is final';
  return `${opening}; ${rest}${subject.hint ? `; ${subject.hint}` : ''}`;
}

/**
 * Declares a lifecycle: for each status, the statuses it may move to (in the order a refusal
 * lists them). A status with no moves is final.
 */
export function defineLifecycle<S extends string>(noun: string, moves: Readonly<Record<S, readonly NoInfer<S>[]>>): Lifecycle<S> {
  const statuses = Object.keys(moves) as S[];
  for (const from of statuses) {
    for (const to of moves[from]) {
      if (!(to in moves)) throw new Error(`The ${noun} lifecycle moves ${from} to ${to}, which is not one of its statuses`);
    }
  }
  const lifecycle: Lifecycle<S> = {
    noun,
    statuses,
    allowed: (from) => moves[from],
    canMove: (from, to) => moves[from].includes(to),
    isFinal: (status) => moves[status].length === 0,
    assertMove(from, to, subject = {}) {
      if (lifecycle.canMove(from, to)) return;
      throw conflict(refusedMove(lifecycle, from, to, subject), { field: subject.field, reason: ErrorReason.INVALID_STATUS_TRANSITION });
    },
  };
  return lifecycle;
}

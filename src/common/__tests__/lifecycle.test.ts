import fc from 'fast-check';
import { ErrorReason } from '../error-reasons';
import { DomainError, ErrorCode } from '../errors';
import { defineLifecycle, refusedMove, type MoveSubject } from '../lifecycle';

/** A random lifecycle: up to 8 statuses, each allowed to move to some of them (itself excluded). */
const tableArb = fc
  .integer({ min: 1, max: 8 })
  .chain((n) => {
    const statuses = Array.from({ length: n }, (_, i) => `S${i}`);
    return fc.tuple(fc.constant(statuses), fc.tuple(...statuses.map((from) => fc.subarray(statuses.filter((to) => to !== from)))));
  })
  .map(([statuses, targets]) => Object.fromEntries(statuses.map((status, i) => [status, targets[i]])) as Record<string, string[]>);

const subjectArb: fc.Arbitrary<MoveSubject> = fc.record(
  {
    name: fc.constantFrom('Contract C-1', 'Invoice INV-9'),
    detail: fc.constantFrom('(paid on 2026-11-03, reference AP-100)'),
    hint: fc.constantFrom('reconcile it first'),
    field: fc.constantFrom('input.status'),
  },
  { requiredKeys: [] },
);

function refusal(run: () => void): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('the move was allowed');
}

describe('defineLifecycle', () => {
  it("allows exactly the moves in its table, in the table's order, and a status with none is final", () => {
    fc.assert(
      fc.property(tableArb, (table) => {
        const lifecycle = defineLifecycle('thing', table);
        expect(lifecycle.statuses).toEqual(Object.keys(table));
        for (const from of lifecycle.statuses) {
          expect(lifecycle.allowed(from)).toEqual(table[from]);
          expect(lifecycle.isFinal(from)).toBe(table[from].length === 0);
          for (const to of lifecycle.statuses) expect(lifecycle.canMove(from, to)).toBe(table[from].includes(to));
        }
      }),
    );
  });

  it('refuses any other move with one CONFLICT, reason INVALID_STATUS_TRANSITION, naming the moves allowed', () => {
    fc.assert(
      fc.property(tableArb, subjectArb, (table, subject) => {
        const lifecycle = defineLifecycle('thing', table);
        for (const from of lifecycle.statuses) {
          for (const to of lifecycle.statuses) {
            if (table[from].includes(to)) {
              expect(() => lifecycle.assertMove(from, to, subject)).not.toThrow();
              continue;
            }
            const error = refusal(() => lifecycle.assertMove(from, to, subject));
            expect(error.code).toBe(ErrorCode.CONFLICT);
            expect(error.details).toEqual({ field: subject.field, reason: ErrorReason.INVALID_STATUS_TRANSITION });
            expect(error.message).toBe(refusedMove(lifecycle, from, to, subject));
            const allowed = table[from].join(', ');
            const verb = subject.name === undefined ? 'become' : 'move to';
            expect(error.message).toContain(table[from].length ? `; it can ${verb} ${allowed}` : '; it is final');
            if (subject.hint) expect(error.message.endsWith(`; ${subject.hint}`)).toBe(true);
          }
        }
      }),
    );
  });

  it("words a refusal by the record's state, or by its name when given one", () => {
    const lifecycle = defineLifecycle('contract', { DRAFT: ['ACTIVE', 'TERMINATED'], ACTIVE: ['TERMINATED'], TERMINATED: [] });
    expect(refusedMove(lifecycle, 'DRAFT', 'DRAFT')).toBe('A DRAFT contract cannot become DRAFT; it can become ACTIVE, TERMINATED');
    expect(refusedMove(lifecycle, 'TERMINATED', 'ACTIVE')).toBe('A TERMINATED contract cannot become ACTIVE; it is final');
    expect(refusedMove(lifecycle, 'ACTIVE', 'DRAFT', { name: 'Contract C-1' })).toBe(
      'Contract C-1 cannot move from ACTIVE to DRAFT; it can move to TERMINATED',
    );
    expect(
      refusedMove(lifecycle, 'TERMINATED', 'TERMINATED', { name: 'Contract C-1', detail: '(on 2026-01-31)', hint: 'raise a new one' }),
    ).toBe('Contract C-1 cannot move from TERMINATED (on 2026-01-31) to TERMINATED; it is final; raise a new one');
  });

  it('refuses a table that moves to a status it does not declare', () => {
    expect(() => defineLifecycle('thing', { A: ['B'] } as Record<string, string[]>)).toThrow(
      'The thing lifecycle moves A to B, which is not one of its statuses',
    );
  });
});

import fc from 'fast-check';
import { disputeLifecycle } from '../src/billing/dispute-lifecycle';
import { DisputeState } from '../src/billing/dispute.entity';
import { invoiceLifecycle } from '../src/billing/invoice-lifecycle';
import { InvoiceStatus } from '../src/billing/invoice.entity';
import { ErrorReason } from '../src/common/error-reasons';
import { DomainError, ErrorCode } from '../src/common/errors';
import type { Lifecycle } from '../src/common/lifecycle';
import { accessRequestLifecycle } from '../src/compliance/access-request-lifecycle';
import { AccessRequestStatus } from '../src/compliance/application-access.entity';
import { contractLifecycle } from '../src/contracts/contract-lifecycle';
import { ContractStatus } from '../src/contracts/contract.entity';
import { orderLifecycle } from '../src/orders/order-lifecycle';
import { OrderStatus } from '../src/orders/order.entity';
import { reviewActionLifecycle } from '../src/reviews/review-action-lifecycle';
import { ReviewActionStatus } from '../src/reviews/review.entity';
import { serviceLifecycle } from '../src/services/service-lifecycle';
import { ServiceStatus } from '../src/services/network-service.entity';

interface Case {
  lifecycle: Lifecycle<string>;
  /** every value of the status enum: the table declares each */
  statuses: readonly string[];
  /** the moves each status allows, written out again so that a change to a table is seen here */
  moves: Record<string, readonly string[]>;
  final: readonly string[];
}

const C = ContractStatus;
const S = ServiceStatus;
const O = OrderStatus;
const D = DisputeState;
const R = ReviewActionStatus;
const A = AccessRequestStatus;
const I = InvoiceStatus;

const cases: Record<string, Case> = {
  contracts: {
    lifecycle: contractLifecycle,
    statuses: Object.values(C),
    moves: {
      [C.DRAFT]: [C.ACTIVE, C.TERMINATED],
      [C.ACTIVE]: [C.IN_NOTICE, C.EXPIRED, C.TERMINATED],
      [C.IN_NOTICE]: [C.ACTIVE, C.EXPIRED, C.TERMINATED],
    },
    final: [C.EXPIRED, C.TERMINATED],
  },
  services: {
    lifecycle: serviceLifecycle,
    statuses: Object.values(S),
    moves: { [S.ORDERED]: [S.ACTIVE, S.CEASED], [S.ACTIVE]: [S.CEASE_REQUESTED, S.CEASED], [S.CEASE_REQUESTED]: [S.ACTIVE, S.CEASED] },
    final: [S.CEASED],
  },
  orders: {
    lifecycle: orderLifecycle,
    statuses: Object.values(O),
    moves: {
      [O.DRAFT]: [O.SUBMITTED, O.CANCELLED],
      [O.SUBMITTED]: [O.ACKNOWLEDGED, O.IN_PROGRESS, O.REJECTED, O.CANCELLED],
      [O.ACKNOWLEDGED]: [O.IN_PROGRESS, O.HELD, O.REJECTED, O.CANCELLED, O.COMPLETED],
      [O.IN_PROGRESS]: [O.HELD, O.CANCELLED, O.COMPLETED],
      [O.HELD]: [O.IN_PROGRESS, O.CANCELLED],
    },
    final: [O.COMPLETED, O.REJECTED, O.CANCELLED],
  },
  disputes: {
    lifecycle: disputeLifecycle,
    statuses: Object.values(D),
    moves: {
      [D.DRAFT]: [D.SUBMITTED, D.WITHDRAWN],
      [D.SUBMITTED]: [D.ACKNOWLEDGED, D.UPHELD, D.REJECTED, D.WITHDRAWN],
      [D.ACKNOWLEDGED]: [D.UPHELD, D.REJECTED, D.WITHDRAWN],
      [D.UPHELD]: [D.CREDITED],
    },
    final: [D.REJECTED, D.WITHDRAWN, D.CREDITED],
  },
  'review actions': {
    lifecycle: reviewActionLifecycle,
    statuses: Object.values(R),
    moves: { [R.OPEN]: [R.DONE, R.CANCELLED] },
    final: [R.DONE, R.CANCELLED],
  },
  'access requests': {
    lifecycle: accessRequestLifecycle,
    statuses: Object.values(A),
    moves: { [A.REQUESTED]: [A.APPROVED, A.REJECTED, A.WITHDRAWN] },
    final: [A.APPROVED, A.REJECTED, A.WITHDRAWN],
  },
  invoices: {
    lifecycle: invoiceLifecycle,
    statuses: Object.values(I),
    moves: {
      [I.RECEIVED]: [I.RECONCILED, I.ON_HOLD],
      [I.RECONCILED]: [I.APPROVED, I.ON_HOLD],
      [I.APPROVED]: [I.PAID, I.ON_HOLD],
      [I.ON_HOLD]: [I.RECEIVED, I.RECONCILED],
    },
    final: [I.PAID],
  },
};

const allowedOf = (c: Case, from: string) => c.moves[from] ?? [];

describe.each(Object.entries(cases))('the %s lifecycle', (_, c) => {
  it('declares every status, and the final ones allow nothing', () => {
    expect([...c.lifecycle.statuses].sort()).toEqual([...c.statuses].sort());
    for (const status of c.statuses) {
      expect(c.lifecycle.isFinal(status)).toBe(c.final.includes(status));
      expect(c.lifecycle.allowed(status)).toEqual(allowedOf(c, status));
    }
  });

  it('lets each allowed move pass and refuses every other, listing the moves allowed', () => {
    const status = fc.constantFrom(...c.statuses);
    fc.assert(
      fc.property(status, status, fc.boolean(), (from, to, named) => {
        const subject = named ? { name: 'The record' } : undefined;
        const allowed = allowedOf(c, from);
        expect(c.lifecycle.canMove(from, to)).toBe(allowed.includes(to));
        if (allowed.includes(to)) {
          expect(() => c.lifecycle.assertMove(from, to, subject)).not.toThrow();
          return;
        }
        let refused: unknown;
        try {
          c.lifecycle.assertMove(from, to, subject);
        } catch (error) {
          refused = error;
        }
        expect(refused).toBeInstanceOf(DomainError);
        const error = refused as DomainError;
        expect(error.code).toBe(ErrorCode.CONFLICT);
        expect(error.details.reason).toBe(ErrorReason.INVALID_STATUS_TRANSITION);
        const verb = named ? 'move to' : 'become';
        expect(error.message).toContain(allowed.length ? `; it can ${verb} ${allowed.join(', ')}` : '; it is final');
      }),
      { numRuns: 200 },
    );
  });
});

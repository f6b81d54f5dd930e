import DataLoader from 'dataloader';
import Decimal from 'decimal.js';
import { In, IsNull } from 'typeorm';
import { assertInScope, withinScope } from '../auth/tenancy';
import { applyChanges, ifGiven } from '../common/changes';
import { asUtcDate, isLocalDate } from '../common/dates';
import { todayInLondon } from '../common/calendar';
import { badInput, conflict, forbidden } from '../common/errors';
import { formatMoney, type Pence } from '../common/money';
import { requiredIdentifier, requiredText } from '../common/text';
import type { RequestContext } from '../request/context';
import { Organisation } from '../organisations/organisation.entity';
import { Dispute, DisputeFinding, DisputeState, DisputeTransition } from './dispute.entity';
import { BillingPolicy, InvoiceApproval, InvoiceStatusChange } from './invoice-approval.entity';
import { Invoice, InvoiceKind, InvoiceStatus } from './invoice.entity';
import { invoiceLifecycle } from './invoice-lifecycle';
import { InvoiceService } from './invoice.service';
import { InvoiceReconciliation, ReconciliationFinding } from './reconciliation.entity';
import { ErrorReason } from '../common/error-reasons';

/** Disputes whose amount is withheld from payment: still open, or upheld and not yet credited. */
const WITHHELD_DISPUTE_STATES: readonly DisputeState[] = [
  DisputeState.DRAFT,
  DisputeState.SUBMITTED,
  DisputeState.ACKNOWLEDGED,
  DisputeState.UPHELD,
];

export interface ApproveInput {
  note?: string | null;
  /** the approver has read the overcharge findings that nobody disputed and pays them anyway */
  acceptUndisputedFindings?: boolean;
}

export interface PaymentInput {
  paidOn: string;
  amount: Pence;
  reference: string;
}

export interface AwaitingApproval {
  invoice: Invoice;
  /** gross, for disputes not yet settled */
  withheld: Pence;
  /** the approval already given, when the invoice is over its threshold and needs a second */
  firstApproval: InvoiceApproval | null;
  secondApprovalAbove: Pence;
}

export interface EffectivePolicy {
  organisationId: number;
  secondApprovalAbove: Pence;
  costCentre: string | null;
  /** false when the organisation has not set one and the configured default applies */
  custom: boolean;
}

/**
 * Approval for payment: RECONCILED → APPROVED for the undisputed amount → PAID, or ON_HOLD.
 * Every move is recorded on the invoice's status history.
 *
 * Who may approve a payment (all of these, checked in this order by `approve`):
 * 1. A person holding FINANCE_APPROVER (`APPROVE_INVOICES` in auth/roles.ts, on the mutation);
 *    no other role, and never an API key (API_KEY_ROLES holds no approval power). The same role
 *    records the payment (`recordPayment`); a contract manager, finance approver or admin may hold
 *    an invoice or release it (`RECONCILE_INVOICES`).
 * 2. Of the invoice's own organisation or one it acts for (`invoices.get`: outside, NOT_FOUND).
 * 3. Not the person who reconciled it, nor anyone who raised or moved one of its disputes
 *    (`assertSegregated`: FORBIDDEN, SEGREGATION_OF_DUTIES).
 * 4. For an invoice whose reconciliation is current (stale: CONFLICT, STALE_RECONCILIATION), and,
 *    when findings of overcharge are undisputed, only with `acceptUndisputedFindings: true`.
 * 5. Above the organisation's threshold (`policyFor`: its own billing policy, else
 *    INVOICE_SECOND_APPROVAL_ABOVE) a second approval by a different finance approver is needed
 *    (SECOND_APPROVER_REQUIRED); the first leaves the invoice RECONCILED.
 * The amount approved is the gross total less what live disputes withhold; if that changes
 * between the two approvals, the first is voided and approval starts again.
 */
export class InvoiceApprovalService {
  constructor(private readonly invoices: InvoiceService) {}

  async approve(ctx: RequestContext, id: number, input: ApproveInput): Promise<Invoice> {
    const note = ifGiven(input.note, (text) => requiredText(text, 'input.note')) ?? null;
    return ctx.transaction(async (tx) => {
      const invoice = await this.lockFor(tx, id);
      invoiceLifecycle.assertMove(invoice.status, InvoiceStatus.APPROVED, {
        name: `Invoice ${invoice.invoiceNumber}`,
        hint: invoice.status === InvoiceStatus.RECEIVED ? 'reconcile it first' : undefined,
      });
      if (invoice.kind === InvoiceKind.CREDIT_NOTE) {
        throw conflict(
          `${invoice.invoiceNumber} is a credit note: nothing is paid on it; its credits are matched to what the supplier owes (creditLedger)`,
          { reason: ErrorReason.CREDIT_NOTE_NOT_PAYABLE },
        );
      }
      const reconciliation = await tx.repository(InvoiceReconciliation).findOneBy({ invoiceId: invoice.id });
      if (reconciliation?.staleSince) {
        throw conflict(
          `Invoice ${invoice.invoiceNumber}'s reconciliation is stale (${reconciliation.staleReason ?? 'a later document changed it'}); ` +
            `reconcile it again before approving`,
          { reason: ErrorReason.STALE_RECONCILIATION },
        );
      }
      const me = tx.requireViewer.subject;
      await this.assertSegregated(tx, invoice, me);

      const undisputed = await this.undisputedOvercharges(tx, invoice);
      if (undisputed.length && !input.acceptUndisputedFindings) {
        const total = undisputed.reduce((sum, f) => sum + f.difference, 0n);
        throw conflict(
          `Invoice ${invoice.invoiceNumber} has ${undisputed.length} overcharge finding${undisputed.length === 1 ? '' : 's'} ` +
            `(£${formatMoney(total)}: ${[...new Set(undisputed.map((f) => f.type))].join(', ')}) that nobody has disputed; dispute them, or ` +
            `approve with acceptUndisputedFindings: true`,
          { reason: ErrorReason.UNDISPUTED_FINDINGS },
        );
      }

      const amount = invoice.grossTotal - (await this.withheld(tx, [invoice.id])).get(invoice.id)!;
      const policy = await this.policyFor(tx, invoice.organisationId);
      const approvals = tx.repository(InvoiceApproval);
      let pending = await approvals.findOneBy({ invoiceId: invoice.id, voidReason: IsNull() });
      if (pending && pending.amount !== amount) {
        await approvals.update(pending.id, {
          voidReason: `The approvable amount changed from £${formatMoney(pending.amount)} to £${formatMoney(amount)}`,
          updatedAt: new Date(),
        });
        pending = null;
      }
      const needsTwo = amount > policy.secondApprovalAbove;
      if (pending && pending.approvedBy === me) {
        throw forbidden(
          `You gave this invoice its first approval; above £${formatMoney(policy.secondApprovalAbove)} a different finance approver must give the second`,
          { reason: ErrorReason.SECOND_APPROVER_REQUIRED },
        );
      }
      const stage = pending ? 2 : 1;
      await approvals.save(
        approvals.create({ invoiceId: invoice.id, organisationId: invoice.organisationId, stage, amount, approvedBy: me, note }),
      );

      // a first approval leaves the invoice RECONCILED; the approval itself is the record
      if (needsTwo && stage === 1) return invoice;
      return this.invoices.recordStatus(
        tx,
        invoice,
        InvoiceStatus.APPROVED,
        `Approved for payment: £${formatMoney(amount)} of £${formatMoney(invoice.grossTotal)}${note ? `. ${note}` : ''}`,
        {
          approvedAmount: amount,
          approvedVat: vatWithin(invoice, amount),
          approvedAt: new Date(),
        },
      );
    });
  }

  async hold(ctx: RequestContext, id: number, reason: string): Promise<Invoice> {
    const why = requiredText(reason, 'reason');
    return ctx.transaction(async (tx) => {
      const invoice = await this.lockFor(tx, id);
      invoiceLifecycle.assertMove(invoice.status, InvoiceStatus.ON_HOLD, { name: `Invoice ${invoice.invoiceNumber}` });
      await this.voidApprovals(tx, invoice, `The invoice was put on hold: ${why}`);
      return this.invoices.recordStatus(tx, invoice, InvoiceStatus.ON_HOLD, why, {
        heldFrom: invoice.status,
        approvedAmount: null,
        approvedVat: null,
        approvedAt: null,
      });
    });
  }

  /** Back to RECONCILED (or RECEIVED if never reconciled): an approval voided by the hold is needed again. */
  async release(ctx: RequestContext, id: number, reason: string): Promise<Invoice> {
    const why = requiredText(reason, 'reason');
    return ctx.transaction(async (tx) => {
      const invoice = await this.lockFor(tx, id);
      const reconciled = await tx.repository(InvoiceReconciliation).existsBy({ invoiceId: invoice.id });
      const to = reconciled ? InvoiceStatus.RECONCILED : InvoiceStatus.RECEIVED;
      // only ON_HOLD moves to RECEIVED, and to RECONCILED once reconciled (a RECEIVED invoice never has been)
      invoiceLifecycle.assertMove(invoice.status, to, { name: `Invoice ${invoice.invoiceNumber}` });
      return this.invoices.recordStatus(tx, invoice, to, why, { heldFrom: null });
    });
  }

  async recordPayment(ctx: RequestContext, id: number, input: PaymentInput): Promise<Invoice> {
    if (!isLocalDate(input.paidOn)) throw badInput('input.paidOn', 'input.paidOn must be a date, "YYYY-MM-DD"', ErrorReason.INVALID_DATE);
    if (input.paidOn > todayInLondon())
      throw badInput('input.paidOn', `input.paidOn: ${input.paidOn} is in the future`, ErrorReason.IN_FUTURE);
    const reference = requiredIdentifier(input.reference, 'input.reference', 64);
    return ctx.transaction(async (tx) => {
      const invoice = await this.lockFor(tx, id);
      invoiceLifecycle.assertMove(invoice.status, InvoiceStatus.PAID, {
        name: `Invoice ${invoice.invoiceNumber}`,
        detail: invoice.status === InvoiceStatus.PAID ? `(paid on ${invoice.paidOn}, reference ${invoice.paymentReference})` : undefined,
      });
      if (input.amount !== invoice.approvedAmount) {
        throw badInput(
          'input.amount',
          `input.amount: £${formatMoney(input.amount)} is not the approved £${formatMoney(invoice.approvedAmount!)}`,
          ErrorReason.AMOUNT_MISMATCH,
        );
      }
      const approvedOn = todayInLondon(asUtcDate(invoice.approvedAt!));
      if (input.paidOn < approvedOn)
        throw badInput(
          'input.paidOn',
          `input.paidOn: ${input.paidOn} is before the approval on ${approvedOn}`,
          ErrorReason.BEFORE_APPROVAL,
        );
      return this.invoices.recordStatus(
        tx,
        invoice,
        InvoiceStatus.PAID,
        `Paid £${formatMoney(input.amount)} on ${input.paidOn}, reference ${reference}`,
        {
          paidOn: input.paidOn,
          paidAmount: input.amount,
          paymentReference: reference,
        },
      );
    });
  }

  async policyFor(ctx: RequestContext, organisationId: number): Promise<EffectivePolicy> {
    const policy = await ctx.repository(BillingPolicy).findOneBy({ organisationId });
    return policy
      ? { organisationId, secondApprovalAbove: policy.secondApprovalAbove, costCentre: policy.costCentre, custom: true }
      : { organisationId, secondApprovalAbove: ctx.config.billing.secondApprovalAbove, costCentre: null, custom: false };
  }

  /** The organisation's policy as the API shows it, with the organisation; in the viewer's scope only. */
  async effectivePolicy(ctx: RequestContext, organisationId: number) {
    assertInScope(ctx, organisationId);
    return { ...(await this.policyFor(ctx, organisationId)), organisation: await ctx.loaders.byId(Organisation).load(organisationId) };
  }

  /** setPolicy, answered as the API shows the policy: with the organisation. */
  async setEffectivePolicy(ctx: RequestContext, organisationId: number, input: { secondApprovalAbove: Pence; costCentre?: string | null }) {
    const policy = await this.setPolicy(ctx, organisationId, input);
    return { ...policy, organisation: await ctx.loaders.byId(Organisation).load(organisationId) };
  }

  /** Sets the threshold; the cost centre changes only when given (null clears it). */
  async setPolicy(
    ctx: RequestContext,
    organisationId: number,
    input: { secondApprovalAbove: Pence; costCentre?: string | null },
  ): Promise<EffectivePolicy> {
    assertInScope(ctx, organisationId);
    if (input.secondApprovalAbove < 0n)
      throw badInput('input.secondApprovalAbove', 'input.secondApprovalAbove cannot be negative', ErrorReason.OUT_OF_RANGE);
    const costCentre = ifGiven(input.costCentre, (text) => requiredText(text, 'input.costCentre'));
    if (typeof costCentre === 'string' && !/^[A-Za-z0-9][A-Za-z0-9 ._/-]{0,39}$/.test(costCentre)) {
      throw badInput('input.costCentre', 'input.costCentre: up to 40 letters, digits, spaces and . _ / -', ErrorReason.INVALID_FORMAT);
    }
    return ctx.transaction(async (tx) => {
      const repository = tx.repository(BillingPolicy);
      const existing = await repository.findOneBy({ organisationId });
      const policy = existing ?? repository.create({ organisationId, costCentre: null });
      await repository.save(applyChanges(policy, { secondApprovalAbove: input.secondApprovalAbove, costCentre }));
      return this.policyFor(tx, organisationId);
    });
  }

  /**
   * RECONCILED invoices of the viewer's organisations waiting for a finance approver, oldest
   * first: each with what is withheld for disputes, its first approval when it has one (and so
   * needs a second), and the threshold that applies. Four statements, however many invoices.
   */
  async awaitingApproval(ctx: RequestContext, limit: number): Promise<AwaitingApproval[]> {
    const invoices = await withinScope(ctx, ctx.repository(Invoice).createQueryBuilder('invoice'))
      .andWhere('invoice.status = :reconciled AND invoice.kind = :invoiceKind', {
        reconciled: InvoiceStatus.RECONCILED,
        invoiceKind: InvoiceKind.INVOICE,
      })
      .orderBy('invoice.invoiceDate', 'ASC')
      .addOrderBy('invoice.id', 'ASC')
      .take(limit)
      .getMany();
    if (invoices.length === 0) return [];
    const ids = invoices.map((invoice) => invoice.id);
    const [withheld, pending, policies] = await Promise.all([
      this.withheld(ctx, ids),
      ctx.repository(InvoiceApproval).find({ where: { invoiceId: In(ids), voidReason: IsNull() }, order: { id: 'ASC' } }),
      ctx.repository(BillingPolicy).findBy({ organisationId: In([...new Set(invoices.map((invoice) => invoice.organisationId))]) }),
    ]);
    const thresholdOf = new Map(policies.map((policy) => [policy.organisationId, policy.secondApprovalAbove]));
    return invoices.map((invoice) => ({
      invoice,
      withheld: withheld.get(invoice.id)!,
      firstApproval: pending.find((approval) => approval.invoiceId === invoice.id) ?? null,
      secondApprovalAbove: thresholdOf.get(invoice.organisationId) ?? ctx.config.billing.secondApprovalAbove,
    }));
  }

  /** What is withheld from one invoice: the invoices one request asks about are read together (`withheld`). */
  withheldFrom(ctx: RequestContext, invoiceId: number): Promise<Pence> {
    return ctx.loaders
      .custom(
        'invoice-withheld',
        () =>
          new DataLoader<number, Pence>(async (ids) => {
            const withheld = await this.withheld(ctx, [...ids]);
            return ids.map((id) => withheld.get(id) ?? 0n);
          }),
      )
      .load(invoiceId);
  }

  /** Gross amounts withheld from each invoice for disputes not yet settled. */
  async withheld(ctx: RequestContext, invoiceIds: number[]): Promise<Map<number, Pence>> {
    const withheld = new Map<number, Pence>(invoiceIds.map((id) => [id, 0n]));
    if (invoiceIds.length === 0) return withheld;
    const disputes = await ctx.repository(Dispute).findBy({ invoiceId: In(invoiceIds), state: In([...WITHHELD_DISPUTE_STATES]) });
    for (const dispute of disputes)
      withheld.set(dispute.invoiceId, withheld.get(dispute.invoiceId)! + dispute.disputedAmount - dispute.creditedAmount);
    return withheld;
  }

  /**
   * Takes the invoice's row for this transaction (an UPDATE holds the row lock on MySQL;
   * SQLite has one writer), so two approvers acting at once are put in order.
   */
  private async lockFor(ctx: RequestContext, id: number): Promise<Invoice> {
    const visible = await this.invoices.get(ctx, id);
    await ctx.repository(Invoice).update(visible.id, { updatedAt: new Date() });
    return ctx.repository(Invoice).findOneByOrFail({ id: visible.id });
  }

  private async assertSegregated(ctx: RequestContext, invoice: Invoice, subject: string): Promise<void> {
    const reconciledBy = await ctx.repository(InvoiceStatusChange).existsBy({
      invoiceId: invoice.id,
      toStatus: InvoiceStatus.RECONCILED,
      fromStatus: In([InvoiceStatus.RECEIVED, InvoiceStatus.RECONCILED]),
      changedBy: subject,
    });
    const lastRun = await ctx.repository(InvoiceReconciliation).existsBy({ invoiceId: invoice.id, reconciledBy: subject });
    if (reconciledBy || lastRun) {
      throw forbidden(`You reconciled invoice ${invoice.invoiceNumber}; a different finance approver must approve it`, {
        reason: ErrorReason.SEGREGATION_OF_DUTIES,
      });
    }
    const disputes = await ctx.repository(Dispute).find({ select: { id: true }, where: { invoiceId: invoice.id } });
    if (
      disputes.length &&
      (await ctx.repository(DisputeTransition).existsBy({ disputeId: In(disputes.map((d) => d.id)), changedBy: subject }))
    ) {
      throw forbidden(`You raised or moved a dispute on invoice ${invoice.invoiceNumber}; a different finance approver must approve it`, {
        reason: ErrorReason.SEGREGATION_OF_DUTIES,
      });
    }
  }

  /** Overcharges no live dispute covers. */
  private async undisputedOvercharges(ctx: RequestContext, invoice: Invoice): Promise<ReconciliationFinding[]> {
    const overcharges = (await ctx.repository(ReconciliationFinding).findBy({ invoiceId: invoice.id, disputable: true })).filter(
      (f) => f.difference > 0n,
    );
    if (overcharges.length === 0) return [];
    const links = await ctx.repository(DisputeFinding).findBy({ findingId: In(overcharges.map((f) => f.id)) });
    const live = links.length
      ? new Set(
          (
            await ctx.repository(Dispute).findBy({
              id: In(links.map((l) => l.disputeId)),
              state: In([...WITHHELD_DISPUTE_STATES, DisputeState.CREDITED, DisputeState.REJECTED]),
            })
          ).map((d) => d.id),
        )
      : new Set<number>();
    const covered = new Set(links.filter((l) => live.has(l.disputeId)).map((l) => l.findingId));
    return overcharges.filter((f) => !covered.has(f.id));
  }

  private async voidApprovals(ctx: RequestContext, invoice: Invoice, reason: string): Promise<void> {
    await ctx
      .repository(InvoiceApproval)
      .update({ invoiceId: invoice.id, voidReason: IsNull() }, { voidReason: reason, updatedAt: new Date() });
  }
}

/** The VAT within a gross amount approved from the invoice, in proportion, to the penny (half up). */
export function vatWithin(invoice: Pick<Invoice, 'grossTotal' | 'vatTotal'>, approved: Pence): Pence {
  if (approved === invoice.grossTotal || invoice.grossTotal === 0n) return approved === invoice.grossTotal ? invoice.vatTotal : 0n;
  return BigInt(
    new Decimal(invoice.vatTotal.toString())
      .times(approved.toString())
      .dividedBy(invoice.grossTotal.toString())
      .toDecimalPlaces(0, Decimal.ROUND_HALF_UP)
      .toFixed(0),
  );
}

import { In, LessThanOrEqual, MoreThanOrEqual } from 'typeorm';
import { findVisible, withinScope } from '../auth/tenancy';
import { Invoice } from '../billing/invoice.entity';
import { InvoiceReconciliation, ReconciliationFinding } from '../billing/reconciliation.entity';
import { isLocalDate, type LocalDate } from '../common/dates';
import { firstDayOf, requirePeriod, lastDayOf, periodOfDate, periodsBetween, todayInLondon } from '../common/calendar';
import { badInput, notFound } from '../common/errors';
import { optionalText, requiredText } from '../common/text';
import { Contact } from '../contacts/contact.entity';
import { ContractService } from '../contracts/contract.service';
import type { RequestContext } from '../request/context';
import { NetworkService } from '../services/network-service.entity';
import { SlaReportService } from '../sla/sla-report.service';
import { SlaMonthSnapshot } from '../billing/ledger/credit-ledger.entity';
import type { CreditLedgerService } from '../billing/ledger/credit-ledger.service';
import { combinedHash, sha256 } from '../common/hashing';
import { invoiceSnapshot, serialise, slaSnapshot, type EvidenceDocument } from './review-evidence';
import { reviewActionLifecycle } from './review-action-lifecycle';
import { ReviewAction, ReviewActionStatus, ReviewEvidence, ReviewEvidenceKind, ServiceReview } from './review.entity';
import { ErrorReason } from '../common/error-reasons';
import { ReviewInvoiceSnapshot, ReviewSlaSnapshot } from './review.types';
import { parseMoney } from '../common/money';

const MAX_MONTHS = 12;
const MAX_OVERDUE = 500;

export interface RecordReview {
  contractId: number;
  heldOn: LocalDate;
  periodFrom: string;
  periodTo: string;
  attendees: string[];
  notes?: string | null;
  actions?: NewReviewAction[];
}

export interface NewReviewAction {
  description: string;
  ownerContactId?: number;
  ownerUser?: string | null;
  dueDate: LocalDate;
}

/** Whole days an open action is past its due date (0 when not overdue). */
export function daysOverdue(action: Pick<ReviewAction, 'status' | 'dueDate'>, today: LocalDate = todayInLondon()): number {
  if (action.status !== ReviewActionStatus.OPEN || action.dueDate >= today) return 0;
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${action.dueDate}T00:00:00Z`)) / 86_400_000);
}

/**
 * Service management reviews: the meeting, the figures it looked at frozen as they were
 * (each month's SLA report and the reconciliation of each of the contract's invoices for
 * the period, as JSON with a SHA-256), and the actions agreed.
 */
export class ReviewService {
  constructor(
    private readonly contracts: ContractService,
    private readonly slaReports: SlaReportService,
    private readonly ledger: CreditLedgerService,
  ) {}

  async forContract(ctx: RequestContext, contractId: number): Promise<ServiceReview[]> {
    const contract = await this.contracts.get(ctx, contractId);
    return withinScope(ctx, ctx.repository(ServiceReview).createQueryBuilder('review'))
      .andWhere('review.contractId = :contractId', { contractId: contract.id })
      .orderBy('review.heldOn', 'DESC')
      .addOrderBy('review.id', 'DESC')
      .getMany();
  }

  get(ctx: RequestContext, id: number): Promise<ServiceReview> {
    return findVisible(ctx, ServiceReview, id, ServiceReview.typename);
  }

  /** Open actions past their due date, most overdue first. */
  overdueActions(ctx: RequestContext, today: LocalDate = todayInLondon()): Promise<ReviewAction[]> {
    return withinScope(ctx, ctx.repository(ReviewAction).createQueryBuilder('action'))
      .andWhere('action.status = :open AND action.dueDate < :today', { open: ReviewActionStatus.OPEN, today })
      .orderBy('action.dueDate', 'ASC')
      .addOrderBy('action.id', 'ASC')
      .take(MAX_OVERDUE)
      .getMany();
  }

  async record(ctx: RequestContext, input: RecordReview, now = new Date()): Promise<ServiceReview> {
    const today = todayInLondon(now);
    if (!isLocalDate(input.heldOn)) throw badInput('input.heldOn', 'input.heldOn: a date, "YYYY-MM-DD"', ErrorReason.INVALID_DATE);
    if (input.heldOn > today) throw badInput('input.heldOn', 'input.heldOn: record a review once it has been held', ErrorReason.IN_FUTURE);
    requirePeriod(input.periodFrom, 'input.periodFrom');
    requirePeriod(input.periodTo, 'input.periodTo');
    if (input.periodTo < input.periodFrom)
      throw badInput('input.periodTo', 'input.periodTo: must not be before periodFrom', ErrorReason.END_BEFORE_START);
    if (input.periodTo > periodOfDate(input.heldOn))
      throw badInput(
        'input.periodTo',
        "input.periodTo: a review looks back; the period cannot run past the meeting's month",
        ErrorReason.AFTER_MEETING,
      );
    const months = periodsBetween(input.periodFrom, input.periodTo);
    if (months.length > MAX_MONTHS)
      throw badInput('input.periodTo', `input.periodTo: a review covers at most ${MAX_MONTHS} months`, ErrorReason.PERIOD_TOO_LONG);
    const attendees = input.attendees.map((name, i) => requiredText(name, `input.attendees.${i}`));
    if (attendees.length === 0) throw badInput('input.attendees', 'input.attendees: name at least one attendee', ErrorReason.REQUIRED);

    return ctx.transaction(async (tx) => {
      const contract = await this.contracts.get(tx, input.contractId);
      const services = await tx.repository(NetworkService).find({ where: { contractId: contract.id } });
      const references = new Map(services.map((service) => [service.id, service.reference]));
      const documents: { kind: ReviewEvidenceKind; label: string; document: string }[] = [];
      // months past their grace period are closed first, so the review cites the frozen figures disputes cite
      await this.ledger.refresh(tx, { contractId: contract.id }, now);
      const frozen = await tx
        .repository(SlaMonthSnapshot)
        .find({ where: { contractId: contract.id, period: In(months) }, order: { revision: 'DESC' } });
      for (const month of months) {
        const report = await this.slaReports.report(tx, contract.id, month, now);
        const closed = frozen.find((snapshot) => snapshot.period === month);
        const snapshot = {
          ...slaSnapshot(report, contract.reference, references),
          monthSnapshot: closed ? { revision: closed.revision, sha256: closed.sha256 } : null,
        };
        documents.push({ kind: ReviewEvidenceKind.SLA_REPORT, label: month, document: serialise(snapshot) });
      }
      const periodStart = firstDayOf(input.periodFrom);
      const periodEnd = lastDayOf(input.periodTo);
      const invoices = await tx.repository(Invoice).find({
        where: {
          organisationId: contract.organisationId,
          supplierId: contract.supplierId,
          periodStart: LessThanOrEqual(periodEnd),
          periodEnd: MoreThanOrEqual(periodStart),
        },
        order: { invoiceDate: 'ASC', id: 'ASC' },
      });
      const reconciliations = invoices.length
        ? await tx.repository(InvoiceReconciliation).findBy({ invoiceId: In(invoices.map((invoice) => invoice.id)) })
        : [];
      const findings = invoices.length
        ? await tx
            .repository(ReconciliationFinding)
            .find({ where: { invoiceId: In(invoices.map((invoice) => invoice.id)) }, order: { id: 'ASC' } })
        : [];
      for (const invoice of invoices) {
        const reconciliation = reconciliations.find((r) => r.invoiceId === invoice.id) ?? null;
        documents.push({
          kind: ReviewEvidenceKind.INVOICE_RECONCILIATION,
          label: invoice.invoiceNumber,
          document: serialise(
            invoiceSnapshot(
              invoice,
              reconciliation,
              findings.filter((f) => f.invoiceId === invoice.id),
            ),
          ),
        });
      }
      const hashes = documents.map((item) => sha256(item.document));

      const review = await tx.repository(ServiceReview).save(
        tx.repository(ServiceReview).create({
          organisationId: contract.organisationId,
          contractId: contract.id,
          heldOn: input.heldOn,
          periodFrom: input.periodFrom,
          periodTo: input.periodTo,
          attendees,
          notes: optionalText(input.notes) ?? null,
          recordedBy: tx.requireViewer.subject,
          evidenceCapturedAt: now,
          evidenceSha256: combinedHash(hashes),
        }),
      );
      await tx.repository(ReviewEvidence).save(
        documents.map((item, position) =>
          tx.repository(ReviewEvidence).create({
            reviewId: review.id,
            organisationId: review.organisationId,
            position,
            kind: item.kind,
            label: item.label,
            document: item.document,
            sha256: hashes[position],
          }),
        ),
      );
      for (const [index, action] of (input.actions ?? []).entries()) await this.createAction(tx, review, action, `input.actions.${index}`);
      return review;
    });
  }

  async addAction(ctx: RequestContext, reviewId: number, input: NewReviewAction): Promise<ReviewAction> {
    return ctx.transaction(async (tx) => this.createAction(tx, await this.get(tx, reviewId), input, 'input'));
  }

  async setActionStatus(
    ctx: RequestContext,
    id: number,
    status: ReviewActionStatus,
    note: string | null | undefined,
    now = new Date(),
  ): Promise<ReviewAction> {
    const why = optionalText(note) ?? null;
    if (status === ReviewActionStatus.CANCELLED && why === null)
      throw badInput('input.note', 'input.note: say why the action is cancelled', ErrorReason.REQUIRED);
    return ctx.transaction(async (tx) => {
      const action = await findVisible(tx, ReviewAction, id, ReviewAction.typename);
      reviewActionLifecycle.assertMove(action.status, status);
      action.status = status;
      action.statusChangedAt = now;
      action.statusChangedBy = tx.requireViewer.subject;
      action.statusNote = why === null ? null : why.slice(0, 1000);
      return tx.repository(ReviewAction).save(action);
    });
  }

  /** Whether every evidence item still hashes to what was recorded, and the review's hash covers them. */
  async evidenceIntact(ctx: RequestContext, review: ServiceReview): Promise<boolean> {
    const items = await ctx.loaders.manyBy(ReviewEvidence, 'reviewId', {}, { position: 'ASC' }).load(review.id);
    return (
      items.every((item) => sha256(item.document) === item.sha256) &&
      combinedHash(items.map((item) => item.sha256)) === review.evidenceSha256
    );
  }

  /** An SLA_REPORT evidence item's report, as captured (null for other items). */
  slaReportOf(item: ReviewEvidence): ReviewSlaSnapshot | null {
    const document = JSON.parse(item.document) as EvidenceDocument;
    if (document.kind !== 'SLA_REPORT') return null;
    return Object.assign(new ReviewSlaSnapshot(), {
      period: document.period,
      generatedAt: new Date(document.generatedAt),
      met: document.totals.met,
      breached: document.totals.breached,
      insufficientData: document.totals.insufficientData,
      notApplicable: document.totals.notApplicable,
      creditsOwed: parseMoney(document.totals.creditsOwed),
      terms: document.terms.map((term) => ({ ...term })),
      credits: document.credits.map((credit) => ({ ...credit, amount: parseMoney(credit.amount) })),
      monthSnapshotRevision: document.monthSnapshot?.revision ?? null,
      monthSnapshotSha256: document.monthSnapshot?.sha256 ?? null,
    });
  }

  /** An INVOICE_RECONCILIATION evidence item's invoice and reconciliation, as captured (null for other items). */
  invoiceOf(item: ReviewEvidence): ReviewInvoiceSnapshot | null {
    const document = JSON.parse(item.document) as EvidenceDocument;
    if (document.kind !== 'INVOICE_RECONCILIATION') return null;
    const reconciliation = document.reconciliation;
    return Object.assign(new ReviewInvoiceSnapshot(), {
      invoiceNumber: document.invoiceNumber,
      invoiceDate: document.invoiceDate,
      periodStart: document.periodStart,
      periodEnd: document.periodEnd,
      status: document.status,
      grossTotal: parseMoney(document.grossTotal),
      reconciled: reconciliation !== null,
      agreedAmount: reconciliation ? parseMoney(reconciliation.agreedAmount) : null,
      differenceTotal: reconciliation ? parseMoney(reconciliation.differenceTotal) : null,
      findingCount: reconciliation?.findingCount ?? null,
      findings: (reconciliation?.findings ?? []).map((finding) => ({ ...finding, difference: parseMoney(finding.difference) })),
    });
  }

  private async createAction(ctx: RequestContext, review: ServiceReview, input: NewReviewAction, prefix: string): Promise<ReviewAction> {
    const description = requiredText(input.description, `${prefix}.description`);
    if (!isLocalDate(input.dueDate))
      throw badInput(`${prefix}.dueDate`, `${prefix}.dueDate: a date, "YYYY-MM-DD"`, ErrorReason.INVALID_DATE);
    const ownerUser = optionalText(input.ownerUser) ?? null;
    if ((input.ownerContactId === undefined) === (ownerUser === null)) {
      throw badInput(
        `${prefix}.ownerContactId`,
        `${prefix}.ownerContactId: give the owner as a contact or as a user (ownerUser), one of them`,
        ErrorReason.OWNER_REQUIRED,
      );
    }
    if (input.ownerContactId !== undefined) {
      const contact = await withinScope(ctx, ctx.repository(Contact).createQueryBuilder('contact'))
        .andWhere('contact.id = :id', { id: input.ownerContactId })
        .getOne();
      if (!contact) throw notFound(Contact.typename);
      if (contact.organisationId !== review.organisationId) {
        throw badInput(
          `${prefix}.ownerContactId`,
          `${prefix}.ownerContactId: the contact must be one the contract's organisation keeps`,
          ErrorReason.OTHER_ORGANISATION,
        );
      }
    }
    return ctx.repository(ReviewAction).save(
      ctx.repository(ReviewAction).create({
        reviewId: review.id,
        organisationId: review.organisationId,
        description: description.slice(0, 2000),
        ownerContactId: input.ownerContactId ?? null,
        ownerUser,
        dueDate: input.dueDate,
        status: ReviewActionStatus.OPEN,
        statusChangedAt: null,
        statusChangedBy: null,
        statusNote: null,
      }),
    );
  }
}

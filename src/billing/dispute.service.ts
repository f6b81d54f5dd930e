import { In } from 'typeorm';
import { addDays } from '../common/dates';
import { todayInLondon } from '../common/calendar';
import { badInput, conflict, notFound } from '../common/errors';
import { formatMoney, type Pence } from '../common/money';
import { requiredText } from '../common/text';
import { findVisible, withinScope } from '../auth/tenancy';
import { Contract, DEFAULT_DISPUTE_WINDOW_DAYS } from '../contracts/contract.entity';
import { recordTransition } from '../db/transitions';
import { paginate, type Connection, type PageArgs } from '../request/paging';
import type { RequestContext } from '../request/context';
import { NetworkService } from '../services/network-service.entity';
import { disputeLifecycle } from './dispute-lifecycle';
import { DisputeEvidencePackType } from './dispute.types';
import { evidencePack } from './evidence-pack';
import { Dispute, DisputeFinding, DisputeState, DisputeTransition } from './dispute.entity';
import { Invoice } from './invoice.entity';
import { ReconciliationFinding } from './reconciliation.entity';
import { FindingType } from './reconciliation-rules';
import type { CreditLedgerService } from './ledger/credit-ledger.service';
import { ErrorReason } from '../common/error-reasons';

/**
 * Disputes raised from reconciliation findings: a state machine whose every move is
 * recorded, a deadline from the contract's dispute window, and credits on later invoices
 * matched to upheld disputes automatically, wholly or in part.
 */
export class DisputeService {
  constructor(private readonly ledger: CreditLedgerService) {}

  list(ctx: RequestContext, filter: { state?: DisputeState[]; supplierId?: number }, page: PageArgs): Promise<Connection<Dispute>> {
    const query = withinScope(ctx, ctx.repository(Dispute).createQueryBuilder('dispute'));
    if (filter.state?.length) query.andWhere('dispute.state IN (:...states)', { states: filter.state });
    if (filter.supplierId !== undefined) query.andWhere('dispute.supplierId = :supplier', { supplier: filter.supplierId });
    return paginate(query, page, { maxPageSize: ctx.config.graphql.maxPageSize, direction: 'DESC' });
  }

  get(ctx: RequestContext, id: number): Promise<Dispute> {
    return findVisible(ctx, Dispute, id, Dispute.typename);
  }

  /** Drafts not yet sent whose deadline falls within `withinDays` days (or has passed), soonest first. */
  nearingDeadline(ctx: RequestContext, withinDays: number): Promise<Dispute[]> {
    return this.nearingDeadlineQuery(ctx, withinDays).orderBy('dispute.deadline', 'ASC').addOrderBy('dispute.id', 'ASC').getMany();
  }

  /** The same drafts, a page at a time. */
  nearingDeadlinePage(ctx: RequestContext, withinDays: number, page: PageArgs): Promise<Connection<Dispute>> {
    return paginate(this.nearingDeadlineQuery(ctx, withinDays), page, {
      maxPageSize: ctx.config.graphql.maxPageSize,
      sort: { column: 'dispute.deadline', valueOf: (dispute) => dispute.deadline },
    });
  }

  private nearingDeadlineQuery(ctx: RequestContext, withinDays: number) {
    if (!Number.isInteger(withinDays) || withinDays < 0 || withinDays > 365)
      throw badInput('withinDays', 'withinDays: from 0 to 365', ErrorReason.OUT_OF_RANGE);
    return withinScope(ctx, ctx.repository(Dispute).createQueryBuilder('dispute')).andWhere(
      'dispute.state = :draft AND dispute.deadline <= :horizon',
      {
        draft: DisputeState.DRAFT,
        horizon: addDays(todayInLondon(), withinDays),
      },
    );
  }

  /** The findings a dispute was raised from, read through the request's loaders. */
  async findingsOf(ctx: RequestContext, disputeId: number): Promise<ReconciliationFinding[]> {
    const links = await ctx.loaders.manyBy(DisputeFinding, 'disputeId').load(disputeId);
    const rows = await ctx.loaders.byId(ReconciliationFinding).loadMany(links.map((link) => link.findingId));
    return rows.filter((row) => row instanceof ReconciliationFinding);
  }

  /** A dispute's evidence pack (evidence-pack.ts), as the API shows it. */
  async evidencePack(ctx: RequestContext, disputeId: number): Promise<DisputeEvidencePackType> {
    return Object.assign(new DisputeEvidencePackType(), await evidencePack(ctx, disputeId));
  }

  async raise(ctx: RequestContext, findingIds: number[], evidence: string, amount?: Pence): Promise<Dispute> {
    if (findingIds.length === 0)
      throw badInput('input.findingIds', 'input.findingIds: name at least one finding', ErrorReason.FINDINGS_REQUIRED);
    return ctx.transaction(async (tx) => {
      const findings = await withinScope(tx, tx.repository(ReconciliationFinding).createQueryBuilder('finding'))
        .andWhere('finding.id IN (:...ids)', { ids: findingIds })
        .getMany();
      if (findings.length !== new Set(findingIds).size) throw notFound(ReconciliationFinding.typename);
      if (new Set(findings.map((f) => f.invoiceId)).size > 1)
        throw badInput('input.findingIds', 'input.findingIds: a dispute covers findings of one invoice', ErrorReason.MIXED_INVOICES);
      const notDisputable = findings.find((f) => !f.disputable || f.difference <= 0n);
      if (notDisputable)
        throw badInput(
          'input.findingIds',
          `input.findingIds: the ${notDisputable.type} finding is not an overcharge to dispute`,
          ErrorReason.NOT_DISPUTABLE,
        );
      const taken = await tx.repository(DisputeFinding).findBy({ findingId: In(findingIds) });
      if (taken.length) {
        const existing = await tx.repository(Dispute).findOneByOrFail({ id: taken[0]!.disputeId });
        throw conflict(`A finding is already in dispute ${existing.globalId} (${existing.state})`, {
          reason: ErrorReason.ALREADY_DISPUTED,
        });
      }
      const total = findings.reduce((sum, f) => sum + f.difference, 0n);
      const disputed = amount ?? total;
      if (disputed <= 0n || disputed > total)
        throw badInput(
          'input.disputedAmount',
          `input.disputedAmount: from £0.01 to the findings' £${formatMoney(total)}`,
          ErrorReason.OUT_OF_RANGE,
        );

      const invoice = await tx.repository(Invoice).findOneByOrFail({ id: findings[0].invoiceId });
      const window = await this.windowFor(tx, invoice, findings);
      const dispute = await tx.repository(Dispute).save(
        tx.repository(Dispute).create({
          organisationId: invoice.organisationId,
          supplierId: invoice.supplierId,
          invoiceId: invoice.id,
          state: DisputeState.DRAFT,
          disputedAmount: disputed,
          creditedAmount: 0n,
          evidence: requiredText(evidence, 'input.evidence'),
          deadline: addDays(invoice.invoiceDate, window),
        }),
      );
      await tx.repository(DisputeFinding).insert(findings.map((finding) => ({ disputeId: dispute.id, findingId: finding.id })));
      // credits owed are claimed from the supplier once: a second claim names the first
      const credits = findings.filter((f) => f.type === FindingType.MISSING_SERVICE_CREDIT).map((f) => f.id);
      if (credits.length) await this.ledger.claimInDispute(tx, dispute, credits);
      await this.record(tx, dispute, null, `Raised on invoice ${invoice.invoiceNumber} for £${formatMoney(disputed)}`);
      return dispute;
    });
  }

  async move(ctx: RequestContext, id: number, to: DisputeState, reason: string): Promise<Dispute> {
    const why = requiredText(reason, 'input.reason');
    return ctx.transaction(async (tx) => {
      const dispute = await this.get(tx, id);
      disputeLifecycle.assertMove(dispute.state, to);
      if (to === DisputeState.SUBMITTED && todayInLondon() > dispute.deadline) {
        throw conflict(`The dispute window closed on ${dispute.deadline}`, { reason: ErrorReason.PAST_DEADLINE });
      }
      const from = dispute.state;
      dispute.state = to;
      const saved = await tx.repository(Dispute).save(dispute);
      await this.record(tx, saved, from, why);
      if (to === DisputeState.WITHDRAWN) await this.ledger.releaseDispute(tx, saved);
      if (to === DisputeState.UPHELD) {
        // credits that came before the supplier agreed are matched now
        await this.ledger.match(tx, saved.supplierId, tx.organisationIds);
        return tx.repository(Dispute).findOneByOrFail({ id: saved.id });
      }
      return saved;
    });
  }

  /** The dispute window of the contract behind the findings' services, else 90 days. */
  private async windowFor(ctx: RequestContext, invoice: Invoice, findings: ReconciliationFinding[]): Promise<number> {
    const serviceIds = findings.map((f) => f.serviceId).filter((id): id is number => id !== null);
    const service = serviceIds.length ? await ctx.repository(NetworkService).findOneBy({ id: In(serviceIds) }) : null;
    const contract = service
      ? await ctx.repository(Contract).findOneBy({ id: service.contractId })
      : await ctx.repository(Contract).findOneBy({ supplierId: invoice.supplierId, organisationId: invoice.organisationId });
    return contract?.disputeWindowDays ?? DEFAULT_DISPUTE_WINDOW_DAYS;
  }

  private record(ctx: RequestContext, dispute: Dispute, from: DisputeState | null, reason: string, to = dispute.state) {
    return recordTransition(ctx, DisputeTransition, { subject: dispute, from, to, reason });
  }
}

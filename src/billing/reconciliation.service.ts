import { tenancy } from '../auth/tenancy';
import Decimal from 'decimal.js';
import { In, LessThanOrEqual, Not, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { conflict } from '../common/errors';
import { groupBy } from '../common/collections';
import { formatMoney, type Pence } from '../common/money';
import { Contract } from '../contracts/contract.entity';
import { ChargeType } from './charge-type';
import type { RequestContext } from '../request/context';
import { NetworkService, ServiceStatus } from '../services/network-service.entity';
import { chargeHistories } from '../charging/charge-history';
import { InvoiceLine } from './invoice-line.entity';
import { Invoice, InvoiceKind, InvoiceStatus } from './invoice.entity';
import { InvoiceService } from './invoice.service';
import { CreditLedgerService } from './ledger/credit-ledger.service';
import { CreditReceipt } from './ledger/credit-ledger.entity';
import { DisputeCredit } from './dispute.entity';
import { OrderStatus, ServiceOrder } from '../orders/order.entity';
import { ServiceTermsPeriod } from '../orders/service-history.entity';
import { expectedRental, type ServiceFacts } from '../charging/pricing';
import {
  FindingType,
  oneOffLineFindings,
  ordersBilledBefore,
  recurringLineFindings,
  vatFindings,
  STANDARD_VAT_RATE,
  vatOn,
  type CompletedOrderFacts,
  type EarlierOneOff,
  type EarlierCharge,
  type Finding,
  type LineFacts,
} from './reconciliation-rules';
import { InvoiceReconciliation, ReconciliationFinding } from './reconciliation.entity';
import { ErrorReason } from '../common/error-reasons';

/**
 * Checks an invoice line by line against our records: the contracted rate, pro rata for
 * part months, charges outside a service's dates, phantom services, duplicates, VAT, live
 * services not billed, credits the SLA engine says are owed, and unexplained variance.
 * Re-running it gives the same findings: each has a fingerprint, so findings are updated in
 * place, and disputes raised on them stay attached.
 */
export class ReconciliationService {
  constructor(
    private readonly invoices: InvoiceService,
    private readonly ledger: CreditLedgerService,
  ) {}

  async reconcile(ctx: RequestContext, invoiceId: number): Promise<InvoiceReconciliation> {
    return ctx.transaction(async (tx) => {
      const invoice = await this.invoices.get(tx, invoiceId);
      if (invoice.status !== InvoiceStatus.RECEIVED && invoice.status !== InvoiceStatus.RECONCILED) {
        throw conflict(`Invoice ${invoice.invoiceNumber} is ${invoice.status}; only a RECEIVED or RECONCILED invoice is reconciled`, {
          reason: ErrorReason.INVOICE_CLOSED,
        });
      }
      // months past their grace period close, and credits received are matched to what is owed, before anything is found
      await this.ledger.refresh(tx, { supplierId: invoice.supplierId });
      const claims = new Map<string, number[]>();
      const findings = await this.findings(tx, invoice, claims);
      const reconciliation = await this.save(tx, invoice, findings);
      if (claims.size) {
        const saved = await tx
          .repository(ReconciliationFinding)
          .find({ select: { id: true, fingerprint: true }, where: { invoiceId: invoice.id, type: FindingType.MISSING_SERVICE_CREDIT } });
        await this.ledger.claimOnInvoice(
          tx,
          invoice,
          saved.filter((f) => claims.has(f.fingerprint)).map((f) => ({ findingId: f.id, entryIds: claims.get(f.fingerprint)! })),
        );
      }
      return reconciliation;
    });
  }

  private async findings(ctx: RequestContext, invoice: Invoice, claims: Map<string, number[]>): Promise<Finding[]> {
    const lines = await ctx.repository(InvoiceLine).find({ where: { invoiceId: invoice.id }, order: { lineNumber: 'ASC' } });
    if (invoice.kind === InvoiceKind.CREDIT_NOTE) return this.creditNoteFindings(ctx, invoice, lines);
    const services = await ctx.repository(NetworkService).find({ where: { supplierId: invoice.supplierId, ...tenancy.where(ctx) } });
    const byId = await this.serviceFacts(ctx, invoice, services);
    const earlier = services.length ? await this.earlierCharges(ctx, invoice) : [];
    const orders = lines.some((line) => line.chargeType === ChargeType.ONE_OFF) ? await this.completedOrders(ctx, invoice) : [];
    const billedBefore = orders.length
      ? ordersBilledBefore(await this.earlierOneOffs(ctx, invoice), orders)
      : new Map<number, EarlierOneOff>();
    const ordersMatched = new Set<number>();
    const findings: Finding[] = [];
    // each service's charges so far (earlier invoices first, then this one's lines), so a line is checked against its own service's only
    const chargesByService = groupBy(earlier, (charge) => charge.serviceId);

    for (const line of lines) {
      // a line that names no period of its own covers the invoice's billing period
      const facts: LineFacts = {
        ...line,
        lineId: line.id,
        periodStart: line.periodStart ?? invoice.periodStart,
        periodEnd: line.periodEnd ?? invoice.periodEnd,
      };
      if (line.chargeType === ChargeType.ONE_OFF) {
        findings.push(...oneOffLineFindings(facts, orders, ordersMatched, invoice.invoiceNumber, billedBefore).findings);
        continue;
      }
      if (line.chargeType !== ChargeType.RECURRING) {
        findings.push(...vatFindings(facts, invoice.invoiceNumber, line.serviceId));
        continue;
      }
      const service = line.serviceId === null ? undefined : byId.get(line.serviceId);
      const charged = service ? (chargesByService.get(service.id) ?? []) : [];
      findings.push(...recurringLineFindings(facts, service, charged, invoice.invoiceNumber));
      if (service) {
        charged.push({
          invoiceNumber: invoice.invoiceNumber,
          lineNumber: line.lineNumber,
          serviceId: service.id,
          periodStart: facts.periodStart!,
          periodEnd: facts.periodEnd!,
        });
        chargesByService.set(service.id, charged);
      }
    }

    findings.push(
      ...this.notBilled(invoice, services, byId, lines, services.length ? await this.billedElsewhere(ctx, invoice) : new Set()),
    );
    findings.push(...(await this.missingCredits(ctx, invoice, services, claims)));
    findings.push(...(await this.unmatchedCredits(ctx, lines)));
    const variance = await this.variance(ctx, invoice, findings);
    if (variance) findings.push(variance);
    return findings;
  }

  /** The services as the rules see them, each with its charge history (one query for all). */
  private async serviceFacts(ctx: RequestContext, invoice: Invoice, services: NetworkService[]): Promise<Map<number, ServiceFacts>> {
    const periods = services.length
      ? await ctx
          .repository(ServiceTermsPeriod)
          .createQueryBuilder('period')
          .where((query) => `period.serviceId IN ${this.suppliedServices(query, invoice, ctx.organisationIds)}`)
          .orderBy('period.serviceId', 'ASC')
          .addOrderBy('period.effectiveFrom', 'ASC')
          .getMany()
      : [];
    const histories = chargeHistories(periods);
    const facts = new Map<number, ServiceFacts>();
    for (const service of services) {
      facts.set(service.id, {
        id: service.id,
        reference: service.reference,
        monthlyCharge: service.monthlyCharge,
        installDate: service.installDate,
        ceaseDate: service.ceaseDate,
        chargePeriods: histories.get(service.id) ?? [],
      });
    }
    return facts;
  }

  /**
   * The invoice's supplier's services in the viewer's organisations, as a subquery: the same
   * services `findings` loads, named without binding thousands of ids.
   */
  private suppliedServices(query: SelectQueryBuilder<ObjectLiteral>, invoice: Invoice, organisationIds: readonly number[]): string {
    return query
      .subQuery()
      .select('supplied.id')
      .from(NetworkService, 'supplied')
      .where('supplied.supplierId = :suppliedBy AND supplied.organisationId IN (:...suppliedTo)', {
        suppliedBy: invoice.supplierId,
        suppliedTo: [...organisationIds],
      })
      .getQuery();
  }

  /** The supplier's completed orders for the invoice's organisation: what one-off charges stand on. */
  private async completedOrders(ctx: RequestContext, invoice: Invoice): Promise<CompletedOrderFacts[]> {
    const orders = await ctx.repository(ServiceOrder).find({
      where: { supplierId: invoice.supplierId, organisationId: invoice.organisationId, status: OrderStatus.COMPLETED },
      order: { completedOn: 'ASC', id: 'ASC' },
    });
    return orders.map((order) => ({
      id: order.id,
      type: order.type,
      supplierOrderReference: order.supplierOrderReference,
      serviceId: order.serviceId,
      completedOn: order.completedOn!,
      oneOffCharge: order.oneOffCharge,
    }));
  }

  /** One-off lines on this supplier's earlier invoices to the organisation, oldest first. */
  private async earlierOneOffs(ctx: RequestContext, invoice: Invoice): Promise<(LineFacts & { invoiceNumber: string })[]> {
    const rows = await ctx
      .repository(InvoiceLine)
      .createQueryBuilder('line')
      .innerJoinAndSelect('line.invoice', 'invoice')
      .where('invoice.supplierId = :supplier AND invoice.organisationId = :organisation AND invoice.id <> :id', {
        supplier: invoice.supplierId,
        organisation: invoice.organisationId,
        id: invoice.id,
      })
      .andWhere('(invoice.invoiceDate < :date OR (invoice.invoiceDate = :date AND invoice.id < :id))', { date: invoice.invoiceDate })
      .andWhere('line.chargeType = :oneOff', { oneOff: ChargeType.ONE_OFF })
      .orderBy('invoice.invoiceDate', 'ASC')
      .addOrderBy('invoice.id', 'ASC')
      .addOrderBy('line.lineNumber', 'ASC')
      .getMany();
    return rows.map((line) => ({
      ...line,
      lineId: line.id,
      invoiceNumber: line.invoice!.invoiceNumber,
      periodStart: line.periodStart ?? line.invoice!.periodStart,
      periodEnd: line.periodEnd ?? line.invoice!.periodEnd,
    }));
  }

  /** Recurring charges for the same services on this supplier's earlier invoices, overlapping this one's period. */
  private async earlierCharges(ctx: RequestContext, invoice: Invoice): Promise<EarlierCharge[]> {
    const rows: { invoiceNumber: string; lineNumber: number; serviceId: number; periodStart: string; periodEnd: string }[] =
      await ctx.manager
        .getRepository(InvoiceLine)
        .createQueryBuilder('line')
        .innerJoin(Invoice, 'invoice', 'invoice.id = line.invoiceId')
        .select([
          'invoice.invoiceNumber AS invoiceNumber',
          'line.lineNumber AS lineNumber',
          'line.serviceId AS serviceId',
          'COALESCE(line.periodStart, invoice.periodStart) AS periodStart',
          'COALESCE(line.periodEnd, invoice.periodEnd) AS periodEnd',
        ])
        .where('invoice.supplierId = :supplier AND invoice.id <> :id', { supplier: invoice.supplierId, id: invoice.id })
        .andWhere('(invoice.invoiceDate < :date OR (invoice.invoiceDate = :date AND invoice.id < :id))', { date: invoice.invoiceDate })
        .andWhere('line.chargeType = :recurring', { recurring: ChargeType.RECURRING })
        .andWhere((query) => `line.serviceId IN ${this.suppliedServices(query, invoice, ctx.organisationIds)}`)
        .andWhere('COALESCE(line.periodStart, invoice.periodStart) <= :end AND COALESCE(line.periodEnd, invoice.periodEnd) >= :start', {
          start: invoice.periodStart,
          end: invoice.periodEnd,
        })
        .getRawMany();
    return rows.map((row) => ({
      ...row,
      lineNumber: Number(row.lineNumber),
      serviceId: Number(row.serviceId),
      periodStart: String(row.periodStart).slice(0, 10),
      periodEnd: String(row.periodEnd).slice(0, 10),
    }));
  }

  /**
   * Services with rental for this invoice's period on the supplier's other invoices, whatever their date
   * (a supplementary invoice bills some, the regular one the rest).
   */
  private async billedElsewhere(ctx: RequestContext, invoice: Invoice): Promise<Set<number>> {
    const rows: { serviceId: number | string }[] = await ctx
      .repository(InvoiceLine)
      .createQueryBuilder('line')
      .innerJoin(Invoice, 'invoice', 'invoice.id = line.invoiceId')
      .select('DISTINCT line.serviceId', 'serviceId')
      .where('invoice.supplierId = :supplier AND invoice.id <> :id AND line.chargeType = :recurring', {
        supplier: invoice.supplierId,
        id: invoice.id,
        recurring: ChargeType.RECURRING,
      })
      .andWhere((query) => `line.serviceId IN ${this.suppliedServices(query, invoice, ctx.organisationIds)}`)
      .andWhere('COALESCE(line.periodStart, invoice.periodStart) <= :end AND COALESCE(line.periodEnd, invoice.periodEnd) >= :start', {
        start: invoice.periodStart,
        end: invoice.periodEnd,
      })
      .getRawMany();
    return new Set(rows.map((row) => Number(row.serviceId)));
  }

  /** Live services with no rental on the invoice, nor on another of the supplier's for its period: reported, not disputed (it is the supplier's loss). */
  private notBilled(
    invoice: Invoice,
    services: NetworkService[],
    facts: Map<number, ServiceFacts>,
    lines: InvoiceLine[],
    elsewhere: ReadonlySet<number>,
  ): Finding[] {
    const billed = new Set(
      lines.filter((line) => line.chargeType === ChargeType.RECURRING && line.serviceId !== null).map((line) => line.serviceId),
    );
    for (const id of elsewhere) billed.add(id);
    const oneMonth = invoice.periodStart.slice(0, 7) === invoice.periodEnd.slice(0, 7);
    return services
      .filter(
        (service) =>
          invoice.organisationId === service.organisationId && service.status !== ServiceStatus.ORDERED && !billed.has(service.id),
      )
      .filter(
        (service) =>
          service.installDate !== null &&
          service.installDate <= invoice.periodEnd &&
          (service.ceaseDate === null || service.ceaseDate > invoice.periodStart),
      )
      .map((service) => {
        const expectedNet = oneMonth ? expectedRental(facts.get(service.id)!, invoice.periodStart, invoice.periodEnd).amount : null;
        return {
          type: FindingType.NOT_BILLED,
          fingerprint: `${FindingType.NOT_BILLED}|${invoice.invoiceNumber}|${service.id}`,
          lineId: null,
          lineNumber: null,
          serviceId: service.id,
          serviceReference: service.reference,
          expected: expectedNet === null ? null : expectedNet + vatOn(expectedNet, STANDARD_VAT_RATE),
          invoiced: 0n,
          difference: 0n,
          explanation:
            `${service.reference} was live from ${service.installDate} but has no rental on this invoice, nor on another of the supplier's ` +
            `for the period${expectedNet === null ? '' : ` (about £${formatMoney(expectedNet)} net)`}. Reported only: it may come on a later ` +
            `invoice.`,
          disputable: false,
        };
      });
  }

  /**
   * Credits the ledger holds as owed for months before this invoice's period, final (their
   * month closed), with something outstanding, and claimed on no other invoice: one finding
   * per contract and month, and the entries it claims.
   */
  private async missingCredits(
    ctx: RequestContext,
    invoice: Invoice,
    services: NetworkService[],
    claims: Map<string, number[]>,
  ): Promise<Finding[]> {
    const contractIds = [...new Set(services.filter((s) => s.organisationId === invoice.organisationId).map((s) => s.contractId))];
    const entries = await this.ledger.claimable(ctx, invoice, contractIds);
    if (entries.length === 0) return [];
    const contracts = new Map((await ctx.repository(Contract).findBy({ id: In(contractIds) })).map((c) => [c.id, c]));
    const referenceOf = new Map(services.map((s) => [s.id, s.reference]));
    const findings: Finding[] = [];
    for (const month of groupBy(entries, (entry) => `${entry.contractId}|${entry.period}`).values()) {
      const { contractId, period } = month[0]!;
      const contract = contracts.get(contractId)!;
      const owed = month.reduce((sum, entry) => sum + entry.owed, 0n);
      const missing = month.reduce((sum, entry) => sum + entry.outstanding, 0n);
      const cleared = owed - missing;
      const gross = missing + vatOn(missing, STANDARD_VAT_RATE);
      const serviceIds = [...new Set(month.map((entry) => entry.serviceId))];
      const fingerprint = `${FindingType.MISSING_SERVICE_CREDIT}|${invoice.invoiceNumber}|${contractId}|${period}`;
      claims.set(
        fingerprint,
        month.map((entry) => entry.id),
      );
      findings.push({
        type: FindingType.MISSING_SERVICE_CREDIT,
        fingerprint,
        lineId: null,
        lineNumber: null,
        serviceId: serviceIds.length === 1 ? serviceIds[0]! : null,
        serviceReference: serviceIds.length === 1 && serviceIds[0] !== null ? (referenceOf.get(serviceIds[0]!) ?? null) : null,
        contractId,
        period,
        expected: -gross,
        invoiced: 0n,
        difference: gross,
        explanation:
          `Contract ${contract.reference} is owed £${formatMoney(owed)} of service credits for ${period} (${month.length} ` +
          `credit${month.length === 1 ? '' : 's'} in the ledger, final since the month ` +
          `closed)${cleared > 0n ? `; £${formatMoney(cleared)} has been credited or waived` : ''}, so £${formatMoney(missing)} ` +
          `(£${formatMoney(gross)} with VAT) is missing.`,
        disputable: true,
      });
    }
    return findings;
  }

  /**
   * A credit note is reconciled as credits: each line's VAT, and whatever of its credit lines
   * matches nothing owed or disputed. Nothing else is expected of it — no rental, no missing
   * credits, no comparison with the last invoice's total.
   */
  private async creditNoteFindings(ctx: RequestContext, invoice: Invoice, lines: InvoiceLine[]): Promise<Finding[]> {
    const findings: Finding[] = [];
    for (const line of lines) findings.push(...vatFindings({ ...line, lineId: line.id }, invoice.invoiceNumber, line.serviceId));
    findings.push(...(await this.unmatchedCredits(ctx, lines)));
    return findings;
  }

  /** Credit lines on this invoice that match nothing owed or disputed: reported, for a person to place. */
  private async unmatchedCredits(ctx: RequestContext, lines: InvoiceLine[]): Promise<Finding[]> {
    const credits = lines.filter((line) => line.chargeType === ChargeType.CREDIT && line.netAmount < 0n);
    if (credits.length === 0) return [];
    // read by the document, not by a list of its lines' ids (a credit note may have thousands)
    const invoiceId = credits[0]!.invoiceId;
    const [receipts, disputeCredits] = await Promise.all([
      ctx.repository(CreditReceipt).find({ select: { invoiceLineId: true, amount: true }, where: { invoiceId } }),
      ctx
        .repository(DisputeCredit)
        .createQueryBuilder('credit')
        .innerJoin(InvoiceLine, 'line', 'line.id = credit.invoiceLineId')
        .where('line.invoiceId = :invoiceId AND credit.receiptId IS NULL', { invoiceId })
        .getMany(),
    ]);
    const sumBy = (rows: readonly { invoiceLineId: number; amount: Pence }[]) => {
      const sums = new Map<number, Pence>();
      for (const row of rows) sums.set(row.invoiceLineId, (sums.get(row.invoiceLineId) ?? 0n) + row.amount);
      return sums;
    };
    const matchedNetOf = sumBy(receipts);
    const matchedGrossOf = sumBy(disputeCredits);
    const findings: Finding[] = [];
    for (const line of credits) {
      const matchedNet = matchedNetOf.get(line.id) ?? 0n;
      const matchedGross = matchedGrossOf.get(line.id) ?? 0n;
      const gross = -(line.netAmount + line.vatAmount);
      const left = gross - matchedGross - (matchedNet + vatOn(matchedNet, line.vatRate));
      if (left <= 0n) continue;
      const period = line.periodStart ? line.periodStart.slice(0, 7) : null;
      findings.push({
        type: FindingType.UNMATCHED_CREDIT,
        fingerprint: `${FindingType.UNMATCHED_CREDIT}|${line.invoiceId}|${line.lineNumber}`,
        lineId: line.id,
        lineNumber: line.lineNumber,
        serviceId: line.serviceId,
        serviceReference: line.serviceReference,
        period,
        expected: null,
        invoiced: line.netAmount + line.vatAmount,
        difference: 0n,
        explanation:
          `Line ${line.lineNumber} credits ` +
          `£${formatMoney(gross)}${line.serviceReference ? ` for ${line.serviceReference}` : ''}` +
          `${line.periodStart ? ` for ${line.periodStart} to ${line.periodEnd}` : ''}, and ` +
          `£${formatMoney(left)} of it matches no credit owed for that period${line.serviceReference ? ' and service' : ''} and no upheld ` +
          `dispute. Reported only: check which month it is for.`,
        disputable: false,
      });
    }
    return findings;
  }

  /** A total far from the previous invoice's, when nothing else explains it. */
  private async variance(ctx: RequestContext, invoice: Invoice, findings: Finding[]): Promise<Finding | null> {
    if (findings.some((finding) => finding.disputable)) return null;
    // measured against the last invoice, not a credit note
    const previous = await ctx.repository(Invoice).findOne({
      where: {
        supplierId: invoice.supplierId,
        organisationId: invoice.organisationId,
        invoiceDate: LessThanOrEqual(invoice.invoiceDate),
        id: Not(invoice.id),
        kind: InvoiceKind.INVOICE,
      },
      order: { invoiceDate: 'DESC', id: 'DESC' },
    });
    if (!previous || previous.grossTotal === 0n) return null;
    const change = new Decimal((invoice.grossTotal - previous.grossTotal).toString()).times(100).dividedBy(previous.grossTotal.toString());
    if (change.abs().lte(ctx.config.billing.variancePercent)) return null;
    return {
      type: FindingType.VARIANCE,
      fingerprint: `${FindingType.VARIANCE}|${invoice.invoiceNumber}`,
      lineId: null,
      lineNumber: null,
      serviceId: null,
      serviceReference: null,
      expected: previous.grossTotal,
      invoiced: invoice.grossTotal,
      difference: 0n,
      explanation:
        `The total of £${formatMoney(invoice.grossTotal)} is ${change.toFixed(1)}% from invoice ${previous.invoiceNumber}'s ` +
        `£${formatMoney(previous.grossTotal)}, beyond the ${ctx.config.billing.variancePercent}% tolerance, and no finding explains it.`,
      disputable: false,
    };
  }

  private async save(ctx: RequestContext, invoice: Invoice, findings: Finding[]): Promise<InvoiceReconciliation> {
    const differenceTotal = findings.reduce((sum, finding) => sum + finding.difference, 0n);
    const reconciliations = ctx.repository(InvoiceReconciliation);
    const existing = await reconciliations.findOneBy({ invoiceId: invoice.id });
    const reconciliation = await reconciliations.save(
      reconciliations.merge(existing ?? reconciliations.create(), {
        invoiceId: invoice.id,
        organisationId: invoice.organisationId,
        reconciledAt: new Date(),
        reconciledBy: ctx.requireViewer.subject,
        invoicedTotal: invoice.grossTotal,
        agreedAmount: invoice.grossTotal - differenceTotal,
        differenceTotal,
        findingCount: findings.length,
        staleSince: null,
        staleReason: null,
      }),
    );
    const repository = ctx.repository(ReconciliationFinding);
    const held = await repository.find({ where: { invoiceId: invoice.id } });
    const byFingerprint = new Map(held.map((finding) => [finding.fingerprint, finding]));
    const current = new Set(findings.map((finding) => finding.fingerprint));
    const stale = held.filter((finding) => !current.has(finding.fingerprint)).map((finding) => finding.id);
    if (stale.length) await repository.delete({ id: In(stale) });
    await repository.save(
      findings.map((finding) =>
        repository.merge(byFingerprint.get(finding.fingerprint) ?? repository.create(), {
          reconciliationId: reconciliation.id,
          invoiceId: invoice.id,
          organisationId: invoice.organisationId,
          type: finding.type,
          fingerprint: finding.fingerprint,
          lineId: finding.lineId,
          lineNumber: finding.lineNumber,
          serviceId: finding.serviceId,
          serviceReference: finding.serviceReference,
          expectedAmount: finding.expected,
          invoicedAmount: finding.invoiced,
          difference: finding.difference,
          explanation: finding.explanation,
          disputable: finding.disputable,
          contractId: finding.contractId ?? null,
          period: finding.period ?? null,
        }),
      ),
      { chunk: 1_000 },
    );
    await this.invoices.recordReconciliation(ctx, invoice, findings.length, reconciliation.agreedAmount);
    return reconciliation;
  }
}

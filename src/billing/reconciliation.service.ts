import Decimal from 'decimal.js';
import { DateTime } from 'luxon';
import { In, LessThanOrEqual, Not, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { conflict } from '../common/errors';
import { groupBy } from '../common/collections';
import { formatMoney, type Pence } from '../common/money';
import { Contract } from '../contracts/contract.entity';
import { ChargeType } from '../feeds/records';
import type { RequestContext } from '../graphql/context';
import { NetworkService, ServiceStatus } from '../services/network-service.entity';
import { SlaReportService } from '../sla/sla-report.service';
import { chargeHistories } from './charge-history';
import { InvoiceLine } from './invoice-line.entity';
import { Invoice, InvoiceStatus } from './invoice.entity';
import { InvoiceService } from './invoice.service';
import { DisputeService } from './dispute.service';
import { DisputeCredit } from './dispute.entity';
import { OrderStatus, ServiceOrder } from '../orders/order.entity';
import { ServiceTermsPeriod } from '../orders/service-history.entity';
import { expectedRental, type ServiceFacts } from './pricing';
import {
  FindingType,
  oneOffLineFindings,
  ordersBilledBefore,
  recurringLineFindings,
  vatFindings,
  vatOn,
  type CompletedOrderFacts,
  type EarlierOneOff,
  type EarlierCharge,
  type Finding,
  type LineFacts,
} from './reconciliation-rules';
import { InvoiceReconciliation, ReconciliationFinding } from './reconciliation.entity';

/** How far back reconciliation looks for service credits owed and not yet applied. */
const CREDIT_LOOKBACK_MONTHS = 3;
const STANDARD_VAT = '20';

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
    private readonly slaReports: SlaReportService,
    private readonly disputes: DisputeService,
  ) {}

  async reconcile(ctx: RequestContext, invoiceId: number): Promise<InvoiceReconciliation> {
    return ctx.transaction(async (tx) => {
      const invoice = await this.invoices.get(tx, invoiceId);
      if (invoice.status !== InvoiceStatus.RECEIVED && invoice.status !== InvoiceStatus.RECONCILED) {
        throw conflict(`Invoice ${invoice.invoiceNumber} is ${invoice.status}; only a RECEIVED or RECONCILED invoice is reconciled`, { reason: 'INVOICE_CLOSED' });
      }
      // credits on this invoice settle upheld disputes first, so they are not also counted as missing
      await this.disputes.matchCredits(tx, invoice);
      const findings = await this.findings(tx, invoice);
      return this.save(tx, invoice, findings);
    });
  }

  private async findings(ctx: RequestContext, invoice: Invoice): Promise<Finding[]> {
    const lines = await ctx.repository(InvoiceLine).find({ where: { invoiceId: invoice.id }, order: { lineNumber: 'ASC' } });
    const services = await ctx.repository(NetworkService).find({ where: { supplierId: invoice.supplierId, organisationId: In([...ctx.organisationIds]) } });
    const byId = await this.serviceFacts(ctx, invoice, services);
    const earlier = services.length ? await this.earlierCharges(ctx, invoice) : [];
    const orders = lines.some((line) => line.chargeType === ChargeType.ONE_OFF) ? await this.completedOrders(ctx, invoice) : [];
    const billedBefore = orders.length ? ordersBilledBefore(await this.earlierOneOffs(ctx, invoice), orders) : new Map<number, EarlierOneOff>();
    const ordersMatched = new Set<number>();
    const findings: Finding[] = [];
    // each service's charges so far (earlier invoices first, then this one's lines), so a line is checked against its own service's only
    const chargesByService = groupBy(earlier, (charge) => charge.serviceId);

    for (const line of lines) {
      // a line that names no period of its own covers the invoice's billing period
      const facts: LineFacts = { ...line, lineId: line.id, periodStart: line.periodStart ?? invoice.periodStart, periodEnd: line.periodEnd ?? invoice.periodEnd };
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
        charged.push({ invoiceNumber: invoice.invoiceNumber, lineNumber: line.lineNumber, serviceId: service.id, periodStart: facts.periodStart!, periodEnd: facts.periodEnd! });
        chargesByService.set(service.id, charged);
      }
    }

    findings.push(...this.notBilled(invoice, services, byId, lines));
    findings.push(...(await this.missingCredits(ctx, invoice, services)));
    const variance = await this.variance(ctx, invoice, findings);
    if (variance) findings.push(variance);
    return findings;
  }

  /** The services as the rules see them, each with its charge history (one query for all). */
  private async serviceFacts(ctx: RequestContext, invoice: Invoice, services: NetworkService[]): Promise<Map<number, ServiceFacts>> {
    const periods = services.length
      ? await ctx.repository(ServiceTermsPeriod).createQueryBuilder('period')
          .where((query) => `period.serviceId IN ${this.suppliedServices(query, invoice, ctx.organisationIds)}`)
          .orderBy('period.serviceId', 'ASC')
          .addOrderBy('period.effectiveFrom', 'ASC')
          .getMany()
      : [];
    const histories = chargeHistories(periods);
    const facts = new Map<number, ServiceFacts>();
    for (const service of services) {
      facts.set(service.id, { id: service.id, reference: service.reference, monthlyCharge: service.monthlyCharge, installDate: service.installDate, ceaseDate: service.ceaseDate, chargePeriods: histories.get(service.id) ?? [] });
    }
    return facts;
  }

  /**
   * The invoice's supplier's services in the viewer's organisations, as a subquery: the same
   * services `findings` loads, named without binding thousands of ids.
   */
  private suppliedServices(query: SelectQueryBuilder<ObjectLiteral>, invoice: Invoice, organisationIds: readonly number[]): string {
    return query.subQuery().select('supplied.id').from(NetworkService, 'supplied')
      .where('supplied.supplierId = :suppliedBy AND supplied.organisationId IN (:...suppliedTo)', { suppliedBy: invoice.supplierId, suppliedTo: [...organisationIds] })
      .getQuery();
  }

  /** The supplier's completed orders for the invoice's organisation: what one-off charges stand on. */
  private async completedOrders(ctx: RequestContext, invoice: Invoice): Promise<CompletedOrderFacts[]> {
    const orders = await ctx.repository(ServiceOrder).find({
      where: { supplierId: invoice.supplierId, organisationId: invoice.organisationId, status: OrderStatus.COMPLETED },
      order: { completedOn: 'ASC', id: 'ASC' },
    });
    return orders.map((order) => ({ id: order.id, type: order.type, supplierOrderReference: order.supplierOrderReference, serviceId: order.serviceId, completedOn: order.completedOn!, oneOffCharge: order.oneOffCharge }));
  }

  /** One-off lines on this supplier's earlier invoices to the organisation, oldest first. */
  private async earlierOneOffs(ctx: RequestContext, invoice: Invoice): Promise<(LineFacts & { invoiceNumber: string })[]> {
    const rows = await ctx.repository(InvoiceLine).createQueryBuilder('line')
      .innerJoinAndSelect('line.invoice', 'invoice')
      .where('invoice.supplierId = :supplier AND invoice.organisationId = :organisation AND invoice.id <> :id', { supplier: invoice.supplierId, organisation: invoice.organisationId, id: invoice.id })
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
    const rows: { invoiceNumber: string; lineNumber: number; serviceId: number; periodStart: string; periodEnd: string }[] = await ctx.manager
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
      .andWhere('COALESCE(line.periodStart, invoice.periodStart) <= :end AND COALESCE(line.periodEnd, invoice.periodEnd) >= :start', { start: invoice.periodStart, end: invoice.periodEnd })
      .getRawMany();
    return rows.map((row) => ({ ...row, lineNumber: Number(row.lineNumber), serviceId: Number(row.serviceId), periodStart: String(row.periodStart).slice(0, 10), periodEnd: String(row.periodEnd).slice(0, 10) }));
  }

  /** Live services with no rental on the invoice: reported, not disputed (it is the supplier's loss). */
  private notBilled(invoice: Invoice, services: NetworkService[], facts: Map<number, ServiceFacts>, lines: InvoiceLine[]): Finding[] {
    const billed = new Set(lines.filter((line) => line.chargeType === ChargeType.RECURRING && line.serviceId !== null).map((line) => line.serviceId));
    const oneMonth = invoice.periodStart.slice(0, 7) === invoice.periodEnd.slice(0, 7);
    return services
      .filter((service) => invoice.organisationId === service.organisationId && service.status !== ServiceStatus.ORDERED && !billed.has(service.id))
      .filter((service) => service.installDate !== null && service.installDate <= invoice.periodEnd && (service.ceaseDate === null || service.ceaseDate > invoice.periodStart))
      .map((service) => {
        const expectedNet = oneMonth ? expectedRental(facts.get(service.id)!, invoice.periodStart, invoice.periodEnd).amount : null;
        return {
          type: FindingType.NOT_BILLED,
          fingerprint: `${FindingType.NOT_BILLED}|${invoice.invoiceNumber}|${service.id}`,
          lineId: null,
          lineNumber: null,
          serviceId: service.id,
          serviceReference: service.reference,
          expected: expectedNet === null ? null : expectedNet + vatOn(expectedNet, STANDARD_VAT),
          invoiced: 0n,
          difference: 0n,
          explanation: `${service.reference} was live from ${service.installDate} but has no rental on this invoice${expectedNet === null ? '' : ` (about £${formatMoney(expectedNet)} net)`}. Reported only: it may come on a later invoice.`,
          disputable: false,
        };
      });
  }

  /**
   * Credits the SLA engine says the supplier owes for the months before this invoice's
   * period, less the credit lines already received for the same contracts' services.
   */
  private async missingCredits(ctx: RequestContext, invoice: Invoice, services: NetworkService[]): Promise<Finding[]> {
    const contractIds = [...new Set(services.filter((s) => s.organisationId === invoice.organisationId).map((s) => s.contractId))];
    if (contractIds.length === 0) return [];
    const contracts = await ctx.repository(Contract).find({ where: { id: In(contractIds) } });
    const start = DateTime.fromISO(invoice.periodStart).startOf('month');
    const findings: Finding[] = [];
    for (const contract of contracts) {

      for (let back = CREDIT_LOOKBACK_MONTHS; back >= 1; back -= 1) {
        const month = start.minus({ months: back });
        const period = month.toFormat('yyyy-MM');
        const owed = (await this.slaReports.report(ctx, contract.id, period, new Date(), { evidence: false })).totals.creditsOwed;
        if (owed <= 0n) continue;
        const received = await this.creditsReceived(ctx, invoice, contract.id, month.endOf('month').toISODate()!);
        const missing = owed - received;
        if (missing <= 0n) continue;
        const gross = missing + vatOn(missing, STANDARD_VAT);
        findings.push({
          type: FindingType.MISSING_SERVICE_CREDIT,
          fingerprint: `${FindingType.MISSING_SERVICE_CREDIT}|${invoice.invoiceNumber}|${contract.id}|${period}`,
          lineId: null,
          lineNumber: null,
          serviceId: null,
          serviceReference: null,
          expected: -gross,
          invoiced: 0n,
          difference: gross,
          explanation: `Contract ${contract.reference} is owed £${formatMoney(owed)} of service credits for ${period} (see slaReport); £${formatMoney(received)} has been credited so far, so £${formatMoney(missing)} (£${formatMoney(gross)} with VAT) is missing.`,
          disputable: true,
        });
      }
    }
    return findings;
  }

  /** Credit lines for the services on this supplier's invoices dated after the month, up to this one, other than dispute settlements. */
  private async creditsReceived(ctx: RequestContext, invoice: Invoice, contractId: number, monthEnd: string): Promise<Pence> {
    const lines = await ctx.repository(InvoiceLine).createQueryBuilder('line')
      .innerJoin(Invoice, 'invoice', 'invoice.id = line.invoiceId')
      .where('invoice.supplierId = :supplier AND line.chargeType = :credit', { supplier: invoice.supplierId, credit: ChargeType.CREDIT })
      .andWhere((query) => `line.serviceId IN ${query.subQuery().select('service.id').from(NetworkService, 'service').where('service.contractId = :contractId AND service.supplierId = :supplier', { contractId }).getQuery()}`)
      .andWhere('invoice.invoiceDate > :monthEnd AND invoice.invoiceDate <= :date', { monthEnd, date: invoice.invoiceDate })
      // a credit that settled a dispute is not a service credit
      .andWhere((query) => `line.id NOT IN ${query.subQuery().select('credit.invoiceLineId').from(DisputeCredit, 'credit').getQuery()}`)
      .getMany();
    return lines.reduce((sum, line) => sum - line.netAmount, 0n);
  }

  /** A total far from the previous invoice's, when nothing else explains it. */
  private async variance(ctx: RequestContext, invoice: Invoice, findings: Finding[]): Promise<Finding | null> {
    if (findings.some((finding) => finding.disputable)) return null;
    const previous = await ctx.repository(Invoice).findOne({
      where: { supplierId: invoice.supplierId, organisationId: invoice.organisationId, invoiceDate: LessThanOrEqual(invoice.invoiceDate), id: Not(invoice.id) },
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
      explanation: `The total of £${formatMoney(invoice.grossTotal)} is ${change.toFixed(1)}% from invoice ${previous.invoiceNumber}'s £${formatMoney(previous.grossTotal)}, beyond the ${ctx.config.billing.variancePercent}% tolerance, and no finding explains it.`,
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
        }),
      ),
      { chunk: 1_000 },
    );
    await this.invoices.recordReconciliation(ctx, invoice, findings.length, reconciliation.agreedAmount);
    return reconciliation;
  }
}

import { In } from 'typeorm';
import { assertInScope } from '../auth/tenancy';
import { firstDayOf, requirePeriod, lastDayOf } from '../common/calendar';
import type { Pence } from '../common/money';
import { ChargeType } from './charge-type';
import type { RequestContext } from '../request/context';
import { NetworkService } from '../services/network-service.entity';
import { Organisation } from '../organisations/organisation.entity';
import { Supplier } from '../suppliers/supplier.entity';
import { Dispute, DisputeCredit, DisputeState } from './dispute.entity';
import { InvoiceLine } from './invoice-line.entity';
import { Invoice, InvoiceStatus } from './invoice.entity';
import { ReconciliationFinding } from './reconciliation.entity';

export interface SpendBySupplier {
  supplierId: number;
  invoiceCount: number;
  net: Pence;
  gross: Pence;
}

export interface SpendByServiceType {
  /** the service's type, or UNMATCHED for charges on references we do not hold */
  serviceType: string;
  net: Pence;
}

export interface SpendByOrganisation {
  organisationId: number;
  invoiceCount: number;
  gross: Pence;
  approved: Pence;
}

export interface BillingSummary {
  period: string;
  organisationIds: number[];
  invoiceCount: number;
  net: Pence;
  vat: Pence;
  gross: Pence;
  bySupplier: SpendBySupplier[];
  byServiceType: SpendByServiceType[];
  byOrganisation: SpendByOrganisation[];
  overchargesFound: Pence;
  creditsClaimed: Pence;
  creditsReceived: Pence;
  disputeCreditsMatched: Pence;
  withheldFromPayment: Pence;
  moneyRecovered: Pence;
  approved: Pence;
  paid: Pence;
}

const toPence = (value: unknown): Pence => (value === null || value === undefined ? 0n : BigInt(String(value).split('.')[0]));

/**
 * Spend for a month's billing (invoices whose billing period starts in the month): by
 * supplier, by service type and by the organisation that owns the services, with what
 * reconciliation found, what was claimed back and what came back. Every figure is gross
 * (VAT included) unless it says net.
 */
export class BillingSummaryService {
  /** The summary as the API shows it: suppliers and organisations read through the request's loaders. */
  async summaryWithParties(ctx: RequestContext, period: string, organisationId?: number) {
    const summary = await this.summary(ctx, period, organisationId);
    const [suppliers, organisations] = await Promise.all([
      ctx.loaders.byId(Supplier).loadMany(summary.bySupplier.map((s) => s.supplierId)),
      ctx.loaders.byId(Organisation).loadMany(summary.byOrganisation.map((o) => o.organisationId)),
    ]);
    return {
      ...summary,
      bySupplier: summary.bySupplier.map((s, i) => ({ ...s, supplier: suppliers[i] })),
      byOrganisation: summary.byOrganisation.map((o, i) => ({ ...o, organisation: organisations[i] })),
    };
  }

  async summary(ctx: RequestContext, period: string, organisationId?: number): Promise<BillingSummary> {
    requirePeriod(period, 'period');
    if (organisationId !== undefined) assertInScope(ctx, organisationId);
    const organisationIds = organisationId === undefined ? [...ctx.organisationIds] : [organisationId];
    const monthStart = firstDayOf(period);
    const invoices = await ctx
      .repository(Invoice)
      .createQueryBuilder('invoice')
      .where('invoice.organisationId IN (:...organisationIds)', { organisationIds })
      .andWhere('invoice.periodStart >= :monthStart AND invoice.periodStart <= :monthEnd', { monthStart, monthEnd: lastDayOf(period) })
      .getMany();
    const ids = invoices.map((i) => i.id);
    const sum = <T>(items: T[], of: (item: T) => Pence) => items.reduce((total, item) => total + of(item), 0n);

    const bySupplier = new Map<number, SpendBySupplier>();
    const byOrganisation = new Map<number, SpendByOrganisation>();
    for (const invoice of invoices) {
      const s = bySupplier.get(invoice.supplierId) ?? { supplierId: invoice.supplierId, invoiceCount: 0, net: 0n, gross: 0n };
      bySupplier.set(invoice.supplierId, {
        ...s,
        invoiceCount: s.invoiceCount + 1,
        net: s.net + invoice.netTotal,
        gross: s.gross + invoice.grossTotal,
      });
      const o = byOrganisation.get(invoice.organisationId) ?? {
        organisationId: invoice.organisationId,
        invoiceCount: 0,
        gross: 0n,
        approved: 0n,
      };
      byOrganisation.set(invoice.organisationId, {
        ...o,
        invoiceCount: o.invoiceCount + 1,
        gross: o.gross + invoice.grossTotal,
        approved: o.approved + (invoice.approvedAmount ?? 0n),
      });
    }

    const empty = {
      byServiceType: [] as SpendByServiceType[],
      credits: 0n,
      overcharges: 0n,
      claimed: 0n,
      matched: 0n,
      upheldWithheld: 0n,
      withheld: 0n,
    };
    const detail = ids.length ? await this.detail(ctx, invoices) : empty;
    const approvedInvoices = invoices.filter((i) => i.status === InvoiceStatus.APPROVED || i.status === InvoiceStatus.PAID);
    return {
      period,
      organisationIds,
      invoiceCount: invoices.length,
      net: sum(invoices, (i) => i.netTotal),
      vat: sum(invoices, (i) => i.vatTotal),
      gross: sum(invoices, (i) => i.grossTotal),
      bySupplier: [...bySupplier.values()].sort((a, b) => (b.gross > a.gross ? 1 : b.gross < a.gross ? -1 : a.supplierId - b.supplierId)),
      byServiceType: detail.byServiceType,
      byOrganisation: [...byOrganisation.values()].sort((a, b) => a.organisationId - b.organisationId),
      overchargesFound: detail.overcharges,
      creditsClaimed: detail.claimed,
      creditsReceived: detail.credits,
      disputeCreditsMatched: detail.matched,
      withheldFromPayment: detail.withheld,
      moneyRecovered: detail.credits + detail.upheldWithheld,
      approved: sum(approvedInvoices, (i) => i.approvedAmount ?? 0n),
      paid: sum(invoices, (i) => i.paidAmount ?? 0n),
    };
  }

  private async detail(ctx: RequestContext, invoices: Invoice[]) {
    const ids = invoices.map((i) => i.id);
    const lines: { serviceType: string | null; chargeType: ChargeType; net: unknown; gross: unknown }[] = await ctx
      .repository(InvoiceLine)
      .createQueryBuilder('line')
      .leftJoin(NetworkService, 'service', 'service.id = line.serviceId')
      .select([
        'service.type AS serviceType',
        'line.chargeType AS chargeType',
        'SUM(line.netAmount) AS net',
        'SUM(line.netAmount + line.vatAmount) AS gross',
      ])
      .where('line.invoiceId IN (:...ids)', { ids })
      .groupBy('service.type')
      .addGroupBy('line.chargeType')
      .getRawMany();
    const byType = new Map<string, Pence>();
    let credits = 0n;
    for (const row of lines) {
      if (row.chargeType === ChargeType.CREDIT) {
        credits -= toPence(row.gross);
        continue;
      }
      const type = row.serviceType ?? 'UNMATCHED';
      byType.set(type, (byType.get(type) ?? 0n) + toPence(row.net));
    }

    const findings = await ctx.repository(ReconciliationFinding).findBy({ invoiceId: In(ids), disputable: true });
    const disputes = await ctx.repository(Dispute).findBy({ invoiceId: In(ids) });
    const creditLines = await ctx
      .repository(InvoiceLine)
      .find({ select: { id: true }, where: { invoiceId: In(ids), chargeType: ChargeType.CREDIT } });
    const matched = creditLines.length
      ? await ctx.repository(DisputeCredit).findBy({ invoiceLineId: In(creditLines.map((l) => l.id)) })
      : [];
    const approved = new Map(invoices.filter((i) => i.approvedAmount !== null).map((i) => [i.id, i]));
    const withheld = [...approved.values()].reduce((total, i) => total + (i.grossTotal - i.approvedAmount!), 0n);
    // an upheld dispute whose amount was kept back from payment is money recovered without waiting for a credit
    const upheldWithheld = disputes
      .filter((d) => d.state === DisputeState.UPHELD && approved.has(d.invoiceId))
      .reduce((total, d) => total + d.disputedAmount - d.creditedAmount, 0n);
    return {
      byServiceType: [...byType.entries()]
        .map(([serviceType, net]) => ({ serviceType, net }))
        .sort((a, b) => a.serviceType.localeCompare(b.serviceType)),
      credits,
      overcharges: findings.filter((f) => f.difference > 0n).reduce((total, f) => total + f.difference, 0n),
      claimed: disputes
        .filter((d) => d.state !== DisputeState.WITHDRAWN && d.state !== DisputeState.DRAFT)
        .reduce((total, d) => total + d.disputedAmount, 0n),
      matched: matched.reduce((total, c) => total + c.amount, 0n),
      upheldWithheld,
      withheld,
    };
  }
}

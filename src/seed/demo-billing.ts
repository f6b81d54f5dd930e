import { Readable } from 'node:stream';
import { DateTime } from 'luxon';
import pino from 'pino';
import { In, IsNull, Not, type DataSource } from 'typeorm';
import { systemViewer } from '../organisations/system-viewer';
import { DisputeFinding, DisputeState } from '../billing/dispute.entity';
import { Invoice, InvoiceStatus } from '../billing/invoice.entity';
import { chargeHistories } from '../charging/charge-history';
import { expectedRental } from '../charging/pricing';
import { FindingType, vatOn } from '../billing/reconciliation-rules';
import { InvoiceReconciliation, ReconciliationFinding } from '../billing/reconciliation.entity';
import { InvoiceLine } from '../billing/invoice-line.entity';
import { CreditLedgerEntry } from '../billing/ledger/credit-ledger.entity';
import { SlaTermKind } from '../sla/sla-term.entity';
import { todayInLondon, UK_ZONE } from '../common/calendar';
import { formatMoney, type Pence } from '../common/money';
import type { AppConfig } from '../config/config';
import { Contract } from '../contracts/contract.entity';
import { FeedSource } from '../feed-records/feed-run.entity';
import { FeedFormat, FeedKind } from '../feed-records/records';
import { RequestContext } from '../request/context';
import { createServices, type Services } from '../services';
import { ServiceTermsPeriod } from '../orders/service-history.entity';
import { NetworkService, ServiceStatus } from '../services/network-service.entity';
import { DEMO_CONTRACT_DUE_FOR_NOTICE } from './demo-data';

/** The contract whose invoices carry the demo's billing errors, and the one whose total jumps. */
const VARIANCE_CONTRACT = 'RX1-HSCN-2024-02';
export const DEMO_RECONCILER = 'seed:contract-manager@rx1';
export const DEMO_APPROVER = 'seed:finance-approver@rx1';

export interface DemoBillingSummary {
  invoices: string[];
  findings: Partial<Record<FindingType, number>>;
}

type Line = {
  reference: string;
  chargeType?: string;
  description: string;
  net: Pence;
  vat?: Pence;
  periodStart?: string;
  periodEnd?: string;
};

/**
 * Three months of Pennine's invoices to RX1 and two of Meridian's, sent through the real
 * feed pipeline and reconciled, so that the demo shows every finding type:
 *
 * - two months ago: billed right, approved by a finance approver and paid;
 * - last month: a rate £25 over contract, VAT a penny out, a phantom service, a service
 *   ceased in June still charged, one not yet installed charged, one charged twice, one
 *   ceased on the 17th charged for the whole month, one left off, and a one-off charge; the
 *   rate dispute is submitted and upheld, the duplicate charge's is a draft still to send;
 * - this month (rental billed in advance): the upheld dispute credited in full, last
 *   month's SLA service credits (final: the demo closes last month at once) missing
 *   (MISSING_SERVICE_CREDIT), disputed and sent; a credit note then pays the availability
 *   credit, matched to the ledger by month and service, and the dispute is credited in part —
 *   the invoice, reconciled again, is left RECONCILED for a newcomer to approve and export;
 * - Meridian: a usage charge lifts this month's total 25 % with nothing wrong (VARIANCE).
 *
 * Runs after the SLA seed (the missing credits are that month's). Re-running changes nothing.
 */
export async function seedDemoBillingData(
  dataSource: DataSource,
  config: AppConfig,
  today = DateTime.now().setZone(UK_ZONE),
): Promise<DemoBillingSummary> {
  const contract = await dataSource.getRepository(Contract).findOneBy({ reference: DEMO_CONTRACT_DUE_FOR_NOTICE });
  const varianceContract = await dataSource.getRepository(Contract).findOneBy({ reference: VARIANCE_CONTRACT });
  if (!contract || !varianceContract) return { invoices: [], findings: {} };
  const services = createServices(config);
  // the demo treats last month as closed at once (no grace days for late feeds), so its credits are final
  const seedConfig: AppConfig = { ...config, sla: { ...config.sla, monthGraceDays: 0 } };
  const as = async (subject: string) =>
    new RequestContext(
      'seed-demo-billing',
      await systemViewer(dataSource.manager, contract.organisationId, subject),
      dataSource.manager,
      seedConfig,
      pino({ level: 'silent' }),
    );
  const reconciler = await as(DEMO_RECONCILER);
  const approver = await as(DEMO_APPROVER);

  const thisMonth = today.startOf('month');
  const [m2, m1, m0] = [thisMonth.minus({ months: 2 }), thisMonth.minus({ months: 1 }), thisMonth];
  const repository = dataSource.getRepository(NetworkService);
  const all = await repository.find({ where: { contractId: contract.id }, order: { reference: 'ASC' } });
  const liveBefore = (month: DateTime) =>
    all.filter(
      (s) =>
        s.installDate !== null &&
        s.installDate < month.toISODate()! &&
        (s.ceaseDate === null || s.ceaseDate > month.endOf('month').toISODate()!),
    );

  // a service ceased on the 17th of last month, billed for the whole of it
  const live = liveBefore(m2).filter((s) => s.status === ServiceStatus.ACTIVE || s.status === ServiceStatus.CEASE_REQUESTED);
  const ceasing = live.find((s) => s.status === ServiceStatus.CEASE_REQUESTED) ?? live[live.length - 1];
  const ceaseOn = m1.set({ day: 17 }).toISODate()!;
  if (ceasing.ceaseDate !== ceaseOn) {
    const ctx = await as('seed:demo');
    await services.inventory.setStatus(ctx, ceasing.id, ServiceStatus.CEASED, ceaseOn);
    ceasing.ceaseDate = ceaseOn;
  }
  const steady = live.filter((s) => s.id !== ceasing.id);
  const [rate, vatPenny, twice, leftOff] = steady;
  const ceasedLongAgo = all.find((s) => s.status === ServiceStatus.CEASED && s.ceaseDate !== null && s.ceaseDate < m1.toISODate()!);
  const notInstalled = all.find((s) => s.status === ServiceStatus.ORDERED);

  // what each month's rental should be, from the charge history (orders may have changed a charge mid-month)
  const billedServices = await repository.find({ select: { id: true }, where: { contractId: In([contract.id, varianceContract.id]) } });
  const histories = chargeHistories(
    await dataSource.getRepository(ServiceTermsPeriod).find({ where: { serviceId: In(billedServices.map((s) => s.id)) } }),
  );
  const description = (s: NetworkService) => `${s.type.replace(/_/g, ' ').toLowerCase()} ${s.bandwidthMbps} Mbps - monthly rental`;
  const rentalIn =
    (month: DateTime) =>
    (s: NetworkService): Line => ({
      reference: s.reference,
      description: description(s),
      net: expectedRental({ ...s, chargePeriods: histories.get(s.id) ?? [] }, month.toISODate()!, month.endOf('month').toISODate()!).amount,
    });
  // the deliberate errors bill a whole month at the current charge
  const rental = (s: NetworkService): Line => ({ reference: s.reference, description: description(s), net: s.monthlyCharge });
  // services the orders demo billed on its own invoice for last month are not billed twice
  const supplementary = await dataSource
    .getRepository(InvoiceLine)
    .createQueryBuilder('line')
    .innerJoin('line.invoice', 'invoice')
    .select('line.serviceId', 'serviceId')
    .where('invoice.invoiceNumber = :number AND line.chargeType = :recurring', {
      number: `PDN-INV-${m1.toFormat('yyyy-MM')}-DEMO`,
      recurring: 'RECURRING',
    })
    .getRawMany<{ serviceId: number | null }>();
  const billedElsewhere = new Set(supplementary.map((row) => Number(row.serviceId)));
  const pdnInvoices: [string, DateTime, Line[]][] = [
    [`PDN-INV-${m2.toFormat('yyyyMM')}`, m2, [...steady, ceasing].map(rentalIn(m2))],
    [
      `PDN-INV-${m1.toFormat('yyyyMM')}`,
      m1,
      [
        ...steady
          .filter((s) => s !== leftOff && !billedElsewhere.has(s.id))
          .map((s) => {
            const right = rentalIn(m1)(s);
            return s === rate
              ? { ...right, net: right.net + 2_500n }
              : s === vatPenny
                ? { ...right, vat: vatOn(right.net, '20') + 1n }
                : right;
          }),
        rentalIn(m1)(twice),
        rental(ceasing),
        ...(ceasedLongAgo ? [rental(ceasedLongAgo)] : []),
        ...(notInstalled ? [rental(notInstalled)] : []),
        { reference: 'PDN-ETH-199999', description: 'HSCN Ethernet access 100 Mbps - monthly rental', net: 76_300n },
        { reference: steady[4].reference, chargeType: 'ONE_OFF', description: 'Site survey and re-termination', net: 45_000n },
      ],
    ],
    [`PDN-INV-${m0.toFormat('yyyyMM')}`, m0, steady.map(rentalIn(m0))],
  ];

  const send = (supplierId: number, number: string, month: DateTime, lines: Line[]) =>
    services.feeds.ingest(reconciler, {
      supplierId,
      kind: FeedKind.INVOICE,
      format: FeedFormat.CSV,
      source: FeedSource.CLI,
      sourceName: `${number}.csv`,
      input: Readable.from([invoiceCsv(number, month, lines)]),
    });
  const invoiceOf = (number: string) =>
    dataSource.getRepository(Invoice).findOneByOrFail({ invoiceNumber: number, organisationId: contract.organisationId });

  // RX1's finance rules: one approver up to £50,000, costs to its IM&T cost centre
  await services.approvals.setPolicy(await as('seed:admin@rx1'), contract.organisationId, {
    secondApprovalAbove: 5_000_000n,
    costCentre: 'RX1-IMT-4410',
  });

  // two months ago: right, approved and paid
  await send(contract.supplierId, ...pdnInvoices[0]);
  const first = await invoiceOf(pdnInvoices[0][0]);
  if (first.status === InvoiceStatus.RECEIVED) {
    await services.reconciliation.reconcile(reconciler, first.id);
    const approved = await services.approvals.approve(approver, first.id, { note: 'Demo: checked against the rate card' });
    await services.approvals.recordPayment(approver, first.id, {
      paidOn: todayInLondon(),
      amount: approved.approvedAmount!,
      reference: `AP-${m2.toFormat('yyyyMM')}-0001`,
    });
  }

  // last month: the errors; the rate overcharge disputed and upheld
  await send(contract.supplierId, ...pdnInvoices[1]);
  const second = await invoiceOf(pdnInvoices[1][0]);
  if (second.status === InvoiceStatus.RECEIVED) await services.reconciliation.reconcile(reconciler, second.id);
  const rateFinding = await dataSource
    .getRepository(ReconciliationFinding)
    .findOneByOrFail({ invoiceId: second.id, type: FindingType.RATE_MISMATCH });
  const upheld = await disputeOnce(
    services,
    reconciler,
    dataSource,
    rateFinding,
    'Schedule 2 of the call-off: the contracted rate for this circuit.',
  );
  if (upheld.state === DisputeState.DRAFT) {
    for (const state of [DisputeState.SUBMITTED, DisputeState.UPHELD])
      await services.disputes.move(reconciler, upheld.id, state, `Demo: ${state.toLowerCase()}`);
  }
  // the duplicate charge: disputed, still a draft to send before the deadline
  const duplicate = await dataSource
    .getRepository(ReconciliationFinding)
    .findOneBy({ invoiceId: second.id, type: FindingType.DUPLICATE_CHARGE });
  if (duplicate)
    await disputeOnce(services, reconciler, dataSource, duplicate, 'The same circuit and month charged on two lines of this invoice.');

  // this month: the upheld dispute credited; last month's service credits missing
  const credit: Line = {
    reference: rate.reference,
    chargeType: 'CREDIT',
    description: `Credit: rate correction on ${pdnInvoices[1][0]}`,
    net: -2_500n,
  };
  await send(contract.supplierId, pdnInvoices[2][0], pdnInvoices[2][1], [...pdnInvoices[2][2], credit]);
  const third = await invoiceOf(pdnInvoices[2][0]);
  if (third.status === InvoiceStatus.RECEIVED) await services.reconciliation.reconcile(reconciler, third.id);
  const missing = await dataSource
    .getRepository(ReconciliationFinding)
    .findOneBy({ invoiceId: third.id, type: FindingType.MISSING_SERVICE_CREDIT });
  if (missing) {
    const claim = await disputeOnce(
      services,
      reconciler,
      dataSource,
      missing,
      'slaMonthSnapshot for last month: availability and Severity 1 resolution credits owed under schedule 3.',
    );
    if (claim.state === DisputeState.DRAFT)
      await services.disputes.move(reconciler, claim.id, DisputeState.SUBMITTED, 'Demo: sent to Pennine');
  }

  // a credit note for last month's availability credit only: matched to the ledger by month and
  // service, crediting the dispute in part; the Severity 1 credit stays outstanding
  const creditNote = `PDN-CN-${m0.toFormat('yyyyMM')}`;
  const availability = await dataSource
    .getRepository(CreditLedgerEntry)
    .findOneBy({ contractId: contract.id, period: m1.toFormat('yyyy-MM'), termKind: SlaTermKind.AVAILABILITY, final: true });
  const outage = availability?.serviceId ? all.find((s) => s.id === availability.serviceId) : undefined;
  if (
    availability &&
    outage &&
    !(await dataSource.getRepository(Invoice).existsBy({ invoiceNumber: creditNote, organisationId: contract.organisationId }))
  ) {
    const line: Line = {
      reference: outage.reference,
      chargeType: 'CREDIT',
      description: `Service credit - availability ${m1.toFormat('MMMM yyyy')}`,
      net: -availability.owed,
      periodStart: m1.toISODate()!,
      periodEnd: m1.endOf('month').toISODate()!,
    };
    await send(contract.supplierId, creditNote, m0, [line]);
    await services.reconciliation.reconcile(reconciler, (await invoiceOf(creditNote)).id);
  }

  // Meridian: the same charges, then a usage charge that lifts the total with nothing wrong
  const meridian = await repository.find({
    where: { contractId: varianceContract.id, status: In([ServiceStatus.ACTIVE, ServiceStatus.CEASE_REQUESTED]) },
    order: { reference: 'ASC' },
  });
  const billed = meridian.filter((s) => s.installDate !== null && s.installDate < m1.toISODate()!);
  const usage = billed.reduce((sum, s) => sum + s.monthlyCharge, 0n) / 4n;
  const mhn: [string, DateTime, Line[]][] = [
    [`MHN-${m1.toFormat('yyyyMM')}`, m1, billed.map(rentalIn(m1))],
    [
      `MHN-${m0.toFormat('yyyyMM')}`,
      m0,
      [
        ...billed.map(rentalIn(m0)),
        { reference: billed[0].reference, chargeType: 'USAGE', description: 'Internet breakout burst usage above commit', net: usage },
      ],
    ],
  ];
  for (const [number, month, lines] of mhn) {
    await send(varianceContract.supplierId, number, month, lines);
    const invoice = await invoiceOf(number);
    if (invoice.status === InvoiceStatus.RECEIVED) await services.reconciliation.reconcile(reconciler, invoice.id);
  }

  // every reconciliation current: those a later document made stale are run again
  const stale = await dataSource
    .getRepository(InvoiceReconciliation)
    .find({ where: { organisationId: contract.organisationId, staleSince: Not(IsNull()) } });
  for (const reconciliation of stale) {
    const invoice = await dataSource.getRepository(Invoice).findOneByOrFail({ id: reconciliation.invoiceId });
    if (invoice.status === InvoiceStatus.RECONCILED || invoice.status === InvoiceStatus.RECEIVED)
      await services.reconciliation.reconcile(reconciler, invoice.id);
  }

  const numbers = [...pdnInvoices.map(([n]) => n), ...mhn.map(([n]) => n)];
  const invoices = await dataSource.getRepository(Invoice).findBy({ invoiceNumber: In(numbers), organisationId: contract.organisationId });
  const findings = await dataSource.getRepository(ReconciliationFinding).findBy({ invoiceId: In(invoices.map((i) => i.id)) });
  const counts: Partial<Record<FindingType, number>> = {};
  for (const finding of findings) counts[finding.type] = (counts[finding.type] ?? 0) + 1;
  return { invoices: numbers, findings: counts };
}

async function disputeOnce(
  services: Services,
  ctx: RequestContext,
  dataSource: DataSource,
  finding: ReconciliationFinding,
  evidence: string,
) {
  const link = await dataSource.getRepository(DisputeFinding).findOneBy({ findingId: finding.id });
  return link ? services.disputes.get(ctx, link.disputeId) : services.disputes.raise(ctx, [finding.id], evidence);
}

function invoiceCsv(number: string, month: DateTime, lines: Line[]): string {
  const rows = lines.map((line) => ({ ...line, vat: line.vat ?? vatOn(line.net, '20') }));
  const net = rows.reduce((sum, row) => sum + row.net, 0n);
  const vat = rows.reduce((sum, row) => sum + row.vat, 0n);
  const [start, end] = [month.toISODate()!, month.endOf('month').toISODate()!];
  return [
    'invoice_number,invoice_date,period_start,period_end,due_date,currency,service_reference,charge_type,description,line_period_start,' +
      'line_period_end,quantity,unit_price,net_amount,vat_rate,vat_amount,invoice_net_total,invoice_vat_total,invoice_gross_total',
    ...rows.map((row) =>
      [
        number,
        start,
        start,
        end,
        month.plus({ days: 30 }).toISODate(),
        'GBP',
        row.reference,
        row.chargeType ?? 'RECURRING',
        row.description,
        row.periodStart ?? start,
        row.periodEnd ?? end,
        1,
        formatMoney(row.net),
        formatMoney(row.net),
        20,
        formatMoney(row.vat),
        formatMoney(net),
        formatMoney(vat),
        formatMoney(net + vat),
      ].join(','),
    ),
  ].join('\n');
}

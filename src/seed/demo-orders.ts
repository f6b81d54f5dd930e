import { Readable } from 'node:stream';
import { DateTime } from 'luxon';
import { UK_ZONE } from '../common/calendar';
import pino from 'pino';
import { Between, In, type DataSource } from 'typeorm';
import { systemViewer } from '../organisations/system-viewer';
import { expectedRental } from '../charging/pricing';
import { vatOn } from '../billing/reconciliation-rules';
import { chargeHistories } from '../charging/charge-history';
import { Invoice } from '../billing/invoice.entity';
import { addDays } from '../common/dates';
import { formatMoney, type Pence } from '../common/money';
import type { AppConfig } from '../config/config';
import { Contract } from '../contracts/contract.entity';
import { FeedSource } from '../feed-records/feed-run.entity';
import { FeedFormat, FeedKind } from '../feed-records/records';
import { RequestContext } from '../request/context';
import { createServices } from '../services';
import { OrderStatus, OrderType, ServiceOrder } from '../orders/order.entity';
import type { CreateOrderInput } from '../orders/order.input';
import { ServiceTermsPeriod } from '../orders/service-history.entity';
import { NetworkService, Resilience, ServiceStatus, ServiceType } from '../services/network-service.entity';
import { Site } from '../sites/site.entity';
import { DEMO_CONTRACT_DUE_FOR_NOTICE, DEMO_SEED_ACTOR } from './demo-data';

export interface DemoOrdersSummary {
  period: string;
  orders: number;
  replacements: number;
  invoice: string | null;
}

/** The first demo order's reference: when it is held, the demo orders have been seeded. */
const FIRST_REFERENCE = 'PDN-ORD-D0001';

/**
 * Orders for the demo, placed and moved through the real order service so that the
 * inventory, its history and the SLA engine see them as they would any other:
 * - last month, RX1's Pennine contract completed a new access circuit, a bandwidth upgrade
 *   on the 10th and a cease, all by their committed dates (ORDER_DELIVERY met); its Meridian
 *   contract completed a change on time and a move a week late (ORDER_DELIVERY breached);
 * - open: a Meridian change still in progress past its committed date, a Pennine addition
 *   committed for ten days' time, and a draft for Southvale (RX2);
 * - two of RX1's BT voice and LAN services linked to HSCN replacements that are live, so
 *   they show dual running in legacyServicesToCease;
 * - Pennine's supplementary invoice for last month, for the services its orders changed: the
 *   new circuit's one-off charge against its order, its rental from install, the upgraded
 *   circuit's rental pro-rated across the change and the ceased one's to its cease, reconciled
 *   with nothing wrong.
 * Everything hangs off `today` (which must not be after the real date), and a second run changes nothing.
 */
export async function seedDemoOrderData(
  dataSource: DataSource,
  config: AppConfig,
  today = DateTime.now().setZone(UK_ZONE),
): Promise<DemoOrdersSummary> {
  const month = today.startOf('month').minus({ months: 1 });
  const period = month.toFormat('yyyy-MM');
  const day = (n: number) => month.set({ day: n }).toISODate()!;
  const empty = { period, orders: 0, replacements: 0, invoice: null };
  const contracts = await dataSource
    .getRepository(Contract)
    .findBy({ reference: In([DEMO_CONTRACT_DUE_FOR_NOTICE, 'RX1-HSCN-2024-02', 'RX1-N3-LEGACY-01', 'RX2-HSCN-2022-01']) });
  const contract = (reference: string) => contracts.find((c) => c.reference === reference);
  const pdn = contract(DEMO_CONTRACT_DUE_FOR_NOTICE);
  const mhn = contract('RX1-HSCN-2024-02');
  const bt = contract('RX1-N3-LEGACY-01');
  const albc = contract('RX2-HSCN-2022-01');
  if (!pdn || !mhn || !bt || !albc) return empty;

  const services = await dataSource
    .getRepository(NetworkService)
    .find({ where: { contractId: In([pdn.id, mhn.id, bt.id, albc.id]) }, order: { reference: 'ASC' } });
  // long-standing services, from the end of the list: the SLA demo uses the first ones
  const settled = (c: Contract) =>
    services
      .filter((s) => s.contractId === c.id && s.status === ServiceStatus.ACTIVE && s.installDate !== null && s.installDate < day(1))
      .reverse();
  const [pdnUpgrade, pdnCeased, pdnAnchor] = settled(pdn);
  const [mhnChanged, mhnMoved, mhnOpen] = settled(mhn);
  const btVoice = settled(bt).find((s) => s.type === ServiceType.VOICE);
  const btLan = settled(bt).find((s) => s.type === ServiceType.LAN_OVERLAY);
  if (!pdnUpgrade || !pdnCeased || !pdnAnchor || !mhnChanged || !mhnMoved || !mhnOpen || !btVoice || !btLan) return empty;
  const sites = await dataSource
    .getRepository(Site)
    .find({ where: { organisationId: In([pdn.organisationId, albc.organisationId]) }, order: { odsCode: 'ASC' } });
  const rx1Sites = sites.filter((s) => s.organisationId === pdn.organisationId);
  const rx2Site = sites.find((s) => s.organisationId === albc.organisationId)!;
  const moveTo = rx1Sites.find((s) => s.id !== mhnMoved.siteId)!;

  const app = createServices(config);
  const orders = app.orders;
  const context = async (organisationId: number) =>
    new RequestContext(
      'seed-demo-orders',
      await systemViewer(dataSource.manager, organisationId, DEMO_SEED_ACTOR),
      dataSource.manager,
      config,
      pino({ level: 'silent' }),
    );
  const rx1 = await context(pdn.organisationId);
  const rx2 = await context(albc.organisationId);

  const seeded = await dataSource.getRepository(ServiceOrder).existsBy({ supplierOrderReference: FIRST_REFERENCE });
  if (!seeded)
    await rx1.transaction(async (ctx) => {
      /** drafts, submits, records the committed date, acknowledges; completes when `completedOn` is given */
      const place = async (
        input: Partial<CreateOrderInput> & Pick<CreateOrderInput, 'type' | 'requestedDate'>,
        ids: { contractId?: number; siteId?: number; serviceId?: number },
        steps: { submitted: string; committed: string | null; completedOn?: string; inProgress?: string; serviceReference?: string },
        within = ctx,
      ) => {
        const order = await orders.create(within, input as CreateOrderInput, ids);
        await orders.move(within, order.id, OrderStatus.SUBMITTED, 'Placed with the supplier', steps.submitted);
        if (steps.committed) await orders.setCommittedDate(within, order.id, steps.committed);
        await orders.move(within, order.id, OrderStatus.ACKNOWLEDGED, 'Acknowledged by the supplier', steps.submitted);
        if (steps.inProgress) await orders.move(within, order.id, OrderStatus.IN_PROGRESS, 'Work started', steps.inProgress);
        if (steps.completedOn)
          return orders.complete(within, order.id, steps.completedOn, steps.serviceReference, "Supplier's completion notice");
        return order;
      };

      // --- last month: Pennine on time ---------------------------------------------------
      const circuit = await place(
        {
          type: OrderType.NEW_SERVICE,
          requestedDate: day(14),
          supplierOrderReference: FIRST_REFERENCE,
          description: 'HSCN access circuit with voice overlay, replacing the BT N3 voice service',
          serviceType: ServiceType.ACCESS_CIRCUIT,
          resilience: Resilience.NON_RESILIENT,
          bandwidthMbps: 100,
          monthlyCharge: 64_500n,
          oneOffCharge: 145_000n,
        },
        { contractId: pdn.id, siteId: btVoice.siteId },
        {
          submitted: addDays(day(1), -20),
          committed: day(14),
          inProgress: day(2),
          completedOn: day(12),
          serviceReference: 'PDN-ETH-D70001',
        },
      );
      const upgradeCharge = pdnUpgrade.monthlyCharge + 25_000n;
      await place(
        {
          type: OrderType.CHANGE,
          requestedDate: day(10),
          supplierOrderReference: 'PDN-ORD-D0002',
          description: 'Bandwidth upgrade for imaging traffic',
          bandwidthMbps: pdnUpgrade.bandwidthMbps * 2,
          monthlyCharge: upgradeCharge,
        },
        { serviceId: pdnUpgrade.id },
        { submitted: day(1), committed: day(10), completedOn: day(10) },
      );
      await place(
        { type: OrderType.CEASE, requestedDate: day(20), supplierOrderReference: 'PDN-ORD-D0003', description: 'Site closed' },
        { serviceId: pdnCeased.id },
        { submitted: day(1), committed: day(20), completedOn: day(18) },
      );

      // --- last month: Meridian, one late --------------------------------------------------
      await place(
        {
          type: OrderType.CHANGE,
          requestedDate: day(8),
          supplierOrderReference: 'MHN-ORD-D0001',
          monthlyCharge: mhnChanged.monthlyCharge - 5_000n,
          description: 'Re-priced at the DPS rate',
        },
        { serviceId: mhnChanged.id },
        { submitted: day(2), committed: day(8), completedOn: day(8) },
      );
      await place(
        { type: OrderType.MOVE, requestedDate: day(9), supplierOrderReference: 'MHN-ORD-D0002', description: 'Clinic relocation' },
        { serviceId: mhnMoved.id, siteId: moveTo.id },
        { submitted: day(1), committed: day(9), inProgress: day(5), completedOn: day(16) },
      );

      // --- open ----------------------------------------------------------------------------
      await place(
        {
          type: OrderType.CHANGE,
          requestedDate: day(25),
          supplierOrderReference: 'MHN-ORD-D0003',
          bandwidthMbps: mhnOpen.bandwidthMbps * 2,
          monthlyCharge: mhnOpen.monthlyCharge + 12_000n,
        },
        { serviceId: mhnOpen.id },
        { submitted: day(5), committed: day(25), inProgress: day(6) },
      );
      const now = today.toISODate()!;
      await place(
        {
          type: OrderType.ADD,
          requestedDate: addDays(now, 10),
          supplierOrderReference: 'PDN-ORD-D0004',
          description: 'Internet breakout for the new diagnostic centre',
          serviceType: ServiceType.INTERNET_BREAKOUT,
          resilience: Resilience.RESILIENT,
          bandwidthMbps: 200,
          monthlyCharge: 58_500n,
          oneOffCharge: 60_000n,
        },
        { contractId: pdn.id, siteId: rx1Sites[0]!.id },
        { submitted: now, committed: addDays(now, 10) },
      );

      // --- legacy services with live replacements: dual running ----------------------------
      await app.legacyCeases.link(ctx, btVoice.id, circuit.serviceId!);
      await app.legacyCeases.link(ctx, btLan.id, pdnAnchor.id);
    });

  const draftDescription = 'Second circuit for resilience, awaiting the business case';
  if (!(await dataSource.getRepository(ServiceOrder).existsBy({ contractId: albc.id, description: draftDescription }))) {
    await orders.create(
      rx2,
      {
        type: OrderType.NEW_SERVICE,
        requestedDate: addDays(today.toISODate()!, 45),
        description: draftDescription,
        serviceType: ServiceType.ACCESS_CIRCUIT,
        resilience: Resilience.RESILIENT,
        bandwidthMbps: 200,
        monthlyCharge: 98_000n,
        oneOffCharge: 120_000n,
      } as CreateOrderInput,
      { contractId: albc.id, siteId: rx2Site.id },
    );
  }

  // --- Pennine's invoice for last month ------------------------------------------------
  const invoiceNumber = `PDN-INV-${period}-DEMO`;
  const ctx = rx1;
  if (!(await ctx.repository(Invoice).existsBy({ invoiceNumber, supplierId: pdn.supplierId }))) {
    const first = day(1);
    // the services last month's orders changed: the rest of the month's rental is on the regular invoice (demo-billing)
    const changed = await ctx.repository(ServiceOrder).find({
      select: { serviceId: true },
      where: { contractId: pdn.id, status: OrderStatus.COMPLETED, completedOn: Between(first, month.endOf('month').toISODate()!) },
    });
    const touched = new Set(changed.map((order) => order.serviceId));
    const billed = (await ctx.repository(NetworkService).find({ where: { contractId: pdn.id }, order: { reference: 'ASC' } })).filter(
      (service) => touched.has(service.id),
    );
    const histories = chargeHistories(await ctx.repository(ServiceTermsPeriod).find({ where: { serviceId: In(billed.map((s) => s.id)) } }));
    const last = month.endOf('month').toISODate()!;
    const lines: { reference: string; type: string; description: string; net: Pence }[] = [];
    for (const service of billed) {
      if (!service.installDate || service.installDate > last || (service.ceaseDate && service.ceaseDate <= first)) continue;
      const net = expectedRental({ ...service, chargePeriods: histories.get(service.id) ?? [] }, first, last).amount;
      lines.push({ reference: service.reference, type: 'RECURRING', description: 'Monthly rental', net });
    }
    lines.push({
      reference: 'PDN-ETH-D70001',
      type: 'ONE_OFF',
      description: `Connection charge - order ${FIRST_REFERENCE}`,
      net: 145_000n,
    });
    const netTotal = lines.reduce((sum, line) => sum + line.net, 0n);
    const vatTotal = lines.reduce((sum, line) => sum + vatOn(line.net, '20'), 0n);
    const csv = [
      'invoice_number,invoice_date,period_start,period_end,service_reference,charge_type,description,quantity,unit_price,net_amount,' +
        'vat_rate,vat_amount,invoice_net_total,invoice_vat_total,invoice_gross_total',
      ...lines.map((line) =>
        [
          invoiceNumber,
          last,
          first,
          last,
          line.reference,
          line.type,
          line.description,
          '1',
          formatMoney(line.net),
          formatMoney(line.net),
          '20',
          formatMoney(vatOn(line.net, '20')),
          formatMoney(netTotal),
          formatMoney(vatTotal),
          formatMoney(netTotal + vatTotal),
        ].join(','),
      ),
    ].join('\n');
    await app.feeds.ingest(ctx, {
      supplierId: pdn.supplierId,
      kind: FeedKind.INVOICE,
      format: FeedFormat.CSV,
      source: FeedSource.CLI,
      sourceName: `demo-invoice-${period}.csv`,
      input: Readable.from([csv]),
    });
    const invoice = await ctx.repository(Invoice).findOneBy({ invoiceNumber, supplierId: pdn.supplierId });
    if (invoice) await app.reconciliation.reconcile(ctx, invoice.id);
  }
  const held = await dataSource.getRepository(ServiceOrder).countBy({ organisationId: In([pdn.organisationId, albc.organisationId]) });
  return {
    period,
    orders: held,
    replacements: 2,
    invoice: (await ctx.repository(Invoice).existsBy({ invoiceNumber })) ? invoiceNumber : null,
  };
}

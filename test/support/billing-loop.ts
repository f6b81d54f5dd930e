import { DateTime } from 'luxon';
import { Role } from '../../src/auth/roles';
import { formatMoney, parseMoney } from '../../src/common/money';
import { seedDemoSlaData } from '../../src/seed/demo-sla';
import { ingest, supplierId } from './feeds';
import { startTestServer, type TestServer } from './test-server';

const vatOf = (net: bigint) => (net < 0n ? -((-net * 20n + 50n) / 100n) : (net * 20n + 50n) / 100n);

export interface DocumentLine {
  reference: string | null;
  type: 'RECURRING' | 'CREDIT' | 'ONE_OFF';
  net: bigint;
  /** the line's own period, when it names one */
  from?: string;
  to?: string;
}

/** A supplier document (invoice or credit note) as the invoice CSV template has it, totals adding up. */
export function documentCsv(
  number: string,
  dates: { invoiceDate: string; periodStart: string; periodEnd: string },
  lines: DocumentLine[],
): string {
  const net = lines.reduce((sum, line) => sum + line.net, 0n);
  const tax = lines.reduce((sum, line) => sum + vatOf(line.net), 0n);
  return [
    'invoice_number,invoice_date,period_start,period_end,service_reference,charge_type,quantity,unit_price,net_amount,vat_rate,vat_amount,' +
      'line_period_start,line_period_end,invoice_net_total,invoice_vat_total,invoice_gross_total',
    ...lines.map(
      (line) =>
        `${number},${dates.invoiceDate},${dates.periodStart},${dates.periodEnd},${line.reference ?? ''},${line.type},1,` +
        `${formatMoney(line.net)},${formatMoney(line.net)},20,${formatMoney(vatOf(line.net))},${line.from ?? ''},${line.to ?? ''},` +
        `${formatMoney(net)},${formatMoney(tax)},${formatMoney(net + tax)}`,
    ),
  ].join('\n');
}

/** A month's first and last days. */
export const monthDays = (period: string) => {
  const start = DateTime.fromISO(`${period}-01`);
  return { periodStart: start.toISODate()!, periodEnd: start.endOf('month').toISODate()! };
};

export const LEDGER = `query($c: ID!, $from: String, $to: String) { creditLedger(filter: { contractId: $c, from: $from, to: $to }) {
  months { period final owed claimed received waived outstanding }
  totals { owed claimed received waived outstanding provisional }
  entries(first: 100) { edges { node { id period state entryKey termKind owed received waived outstanding claimed revisedOwed final
    claimedOnInvoice { invoiceNumber } claimedByDispute { id state } receipts { amount invoice { invoiceNumber } line { lineNumber sourceLocation } }
    sources { location lastLocation feedRun { id kind } } } } } } }`;

export const FINDINGS = `query($id: ID!) { invoice(id: $id) { id invoiceNumber status reconciliation { staleSince staleReason findingCount
  findings { id type difference disputable period lineNumber explanation contract { reference } credits { id period owed } } } } }`;

/**
 * A contract manager's world for the money loop: the demo contract with last month's SLA
 * data sent through the feeds (an outage and a late Severity 1: credits owed), months final
 * the moment they end (no grace), and helpers to send documents and read the ledger.
 */
export async function billingLoop(env: Record<string, string> = {}) {
  const server: TestServer = await startTestServer({
    env: { SLA_MONTH_GRACE_DAYS: '0', INVOICE_SECOND_APPROVAL_ABOVE: '1000000.00', ...env },
  });
  const now = DateTime.now().setZone('Europe/London');
  await seedDemoSlaData(server.db.dataSource, server.db.config, now);
  const manager = await server.token('RX1', Role.CONTRACT_MANAGER);
  const approver = await server.token('RX1', Role.FINANCE_APPROVER);
  const pdn = await supplierId(server, manager, 'PDN00001');
  const contractId: string = (
    await server.gql('{ contracts(filter: { search: "RX1-HSCN-2023-01" }) { edges { node { id } } } }', {}, manager)
  ).data.contracts.edges[0].node.id;
  const services: { id: string; reference: string; monthlyCharge: string; installDate: string }[] = (
    await server.gql(
      'query($c: ID!) { services(first: 100, filter: { contractId: $c, status: [ACTIVE] }) { edges { node { id reference monthlyCharge installDate } } } }',
      { c: contractId },
      manager,
    )
  ).data.services.edges.map((e: { node: unknown }) => e.node);
  const lastMonth = now.startOf('month').minus({ months: 1 }).toFormat('yyyy-MM');
  const thisMonth = now.toFormat('yyyy-MM');
  const nextMonth = now.startOf('month').plus({ months: 1 }).toFormat('yyyy-MM');
  const today = now.toISODate()!;

  /** Sends a document through the CSV feed; answers the ids of the documents by number. */
  const send = async (csv: string, token = manager) => {
    const run = await ingest(server, token, { supplierId: pdn, kind: 'INVOICE', format: 'CSV', document: csv });
    if (run.errors || run.data.ingestFeed.rowsRejected)
      throw new Error(`document refused: ${JSON.stringify(run.errors ?? run.data.ingestFeed.rejectedRows)}`);
    return run.data.ingestFeed;
  };
  const invoiceId = async (number: string): Promise<string> => {
    const found = (
      await server.gql('{ invoices(first: 100) { edges { node { id invoiceNumber } } } }', {}, manager)
    ).data.invoices.edges.find((e: { node: { invoiceNumber: unknown } }) => e.node.invoiceNumber === number);
    return found.node.id;
  };
  /** A month's rental for every service live before it, at the contracted charge (lines may be changed). */
  const rental = (
    number: string,
    period: string,
    invoiceDate: string,
    adjust: (line: DocumentLine, index: number) => DocumentLine = (line) => line,
  ) =>
    documentCsv(
      number,
      { invoiceDate, ...monthDays(period) },
      services
        .filter((s) => s.installDate < `${lastMonth}-01`)
        .map((s, i) => adjust({ reference: s.reference, type: 'RECURRING', net: parseMoney(s.monthlyCharge) }, i)),
    );
  const reconcile = async (id: string, token = manager) =>
    server.gql('mutation($id: ID!) { reconcileInvoice(id: $id) { findingCount } }', { id }, token);
  const findings = async (id: string) => (await server.gql(FINDINGS, { id }, manager)).data.invoice;
  const ledger = async (from?: string, to?: string) => {
    const answer = await server.gql(LEDGER, { c: contractId, from, to }, manager);
    if (answer.errors) throw new Error(JSON.stringify(answer.errors));
    return { ...answer.data.creditLedger, entries: answer.data.creditLedger.entries.edges.map((e: { node: unknown }) => e.node) };
  };
  const dispute = async (id: string) =>
    (
      await server.gql(
        'query($id: ID!) { dispute(id: $id) { id state disputedAmount creditedAmount history { fromState toState changedBy automatic reason ' +
          '} credits { amount } } }',
        { id },
        manager,
      )
    ).data.dispute;
  const raise = (findingIds: string[], token = manager) =>
    server.gql(
      'mutation($f: [ID!]!) { raiseDispute(input: { findingIds: $f, evidence: "SLA report" }) { id disputedAmount } }',
      { f: findingIds },
      token,
    );
  const move = (id: string, state: string, token = manager) =>
    server.gql(
      'mutation($id: ID!, $s: DisputeState!) { moveDispute(input: { id: $id, state: $s, reason: "Supplier replied" }) { state } }',
      { id, s: state },
      token,
    );

  return {
    server,
    manager,
    approver,
    pdn,
    contractId,
    services,
    lastMonth,
    thisMonth,
    nextMonth,
    today,
    send,
    invoiceId,
    rental,
    reconcile,
    findings,
    ledger,
    dispute,
    raise,
    move,
  };
}

export type BillingLoop = Awaited<ReturnType<typeof billingLoop>>;

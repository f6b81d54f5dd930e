import { Readable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { Invoice } from '../src/billing/invoice.entity';
import { vatOn } from '../src/billing/reconciliation-rules';
import { formatMoney } from '../src/common/money';
import type { AppConfig } from '../src/config/config';
import type { StatementCounter } from '../src/db/statement-counter';
import { FeedSource } from '../src/feed-records/feed-run.entity';
import { FeedFormat, FeedKind } from '../src/feed-records/records';
import { createServices } from '../src/services';
import { NetworkService } from '../src/services/network-service.entity';
import { createOrganisation } from './sla.bench';
import { benchContext, round } from './support';

/**
 * Reconciles an invoice of `lines` lines against as many services, one in a hundred charged
 * £10 over the contract, and again at a tenth of the size: the time of the larger, and the
 * SQL statements of both, which must be equal (no statement per line).
 */
export async function reconcileBenchmark(dataSource: DataSource, config: AppConfig, statements: StatementCounter, lines: number) {
  const services = createServices(config);
  const run = async (size: number, prefix: string) => {
    const { organisationId, supplierId } = await createOrganisation(dataSource, size, { odsCode: `R${prefix}`, prefix, perContract: size });
    const ctx = benchContext(dataSource, config, organisationId);
    const held = await dataSource.getRepository(NetworkService).find({ where: { organisationId }, order: { id: 'ASC' } });
    const charged = held.map((service, i) => service.monthlyCharge + (i % 100 === 7 ? 1_000n : 0n));
    const net = charged.reduce((sum, n) => sum + n, 0n);
    const vat = charged.reduce((sum, n) => sum + vatOn(n, '20'), 0n);
    const csv = [
      'invoice_number,invoice_date,period_start,period_end,service_reference,charge_type,quantity,unit_price,net_amount,vat_rate,vat_amount,' +
        'invoice_net_total,invoice_vat_total,invoice_gross_total',
      ...held.map(
        (service, i) =>
          `${prefix}-INV-1,2026-07-01,2026-06-01,2026-06-30,${service.reference},RECURRING,1,${formatMoney(charged[i])},` +
          `${formatMoney(charged[i])},20,${formatMoney(vatOn(charged[i], '20'))},${formatMoney(net)},${formatMoney(vat)},` +
          `${formatMoney(net + vat)}`,
      ),
    ].join('\n');
    await services.feeds.ingest(ctx, {
      supplierId,
      kind: FeedKind.INVOICE,
      format: FeedFormat.CSV,
      source: FeedSource.CLI,
      sourceName: 'bench.csv',
      input: Readable.from([csv]),
    });
    const invoice = await dataSource.getRepository(Invoice).findOneByOrFail({ organisationId, invoiceNumber: `${prefix}-INV-1` });
    const before = statements.statements;
    const started = process.hrtime.bigint();
    const reconciliation = await services.reconciliation.reconcile(ctx, invoice.id);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const issued = statements.statements - before;
    const rerunStarted = process.hrtime.bigint();
    await services.reconciliation.reconcile(ctx, invoice.id);
    const rerunMs = Number(process.hrtime.bigint() - rerunStarted) / 1e6;
    if (reconciliation.findingCount !== Math.ceil((size - 7) / 100))
      throw new Error(`expected ${Math.ceil((size - 7) / 100)} findings, got ${reconciliation.findingCount}`);
    return { ms, rerunMs, issued, lines: size, findings: reconciliation.findingCount };
  };
  const small = await run(Math.max(100, lines / 10), 'RECS');
  const large = await run(lines, 'RECL');
  const key = lines >= 10_000 ? '10k' : `${lines}`;
  return {
    reconcileLines: lines,
    [`reconcile${key}LinesMs`]: round(large.ms),
    reconcileRerunMs: round(large.rerunMs),
    reconcileFindings: large.findings,
    reconcileStatements: large.issued,
    [`reconcileStatementsAt${small.lines >= 1_000 ? `${small.lines / 1_000}k` : small.lines}Lines`]: small.issued,
  };
}

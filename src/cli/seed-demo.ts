import 'reflect-metadata';
import { loadConfig } from '../config/config';
import { openDatabase } from '../db/database';
import { seedDemo } from '../seed/demo';
import { seedScaleData } from '../seed/scale-data';
import { model as dataModel } from '../entities';

const USAGE = `Usage: npm run seed:demo [-- --sites N --services N [--services-per-contract N] [--org ODS]]
  With --sites and --services, also adds a scaled-up estate at the organisation (default RX1):
  N sites and N services in contracts of --services-per-contract (default 100), last month's
  invoices through the feed pipeline and this month's daily performance, in bulk.`;

function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : undefined;
}

function count(args: string[], name: string): number | undefined {
  const text = option(args, name);
  if (text === undefined) return undefined;
  if (!/^\d{1,7}$/.test(text) || Number(text) < 1) throw new Error(`--${name} must be a whole number from 1 to 9999999\n${USAGE}`);
  return Number(text);
}

/** `npm run seed:demo`: applies migrations and (re-)seeds the demo data; running it twice changes nothing more. */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help')) {
    console.log(USAGE);
    return;
  }
  const sites = count(args, 'sites');
  const services = count(args, 'services');
  if ((sites === undefined) !== (services === undefined)) throw new Error(`--sites and --services go together\n${USAGE}`);
  const config = loadConfig();
  const dataSource = await openDatabase(config.database, dataModel, {}, { createIfMissing: true });
  try {
    const demo = await seedDemo(dataSource, config);
    console.log('Demo data seeded:', demo.estate);
    console.log('Demo SLA data (last month, through the feed pipeline):', demo.sla);
    console.log('Demo orders (last month and open), legacy replacements and an invoice:', demo.orders);
    console.log('Demo invoices (reconciled, one disputed and credited, one paid):', demo.billing);
    console.log('Demo service desk (incidents, escalations, a review):', demo.serviceDesk);
    if (sites !== undefined && services !== undefined) {
      const started = Date.now();
      const { contractIds: _ids, ...scale } = await seedScaleData(dataSource, config, {
        sites,
        services,
        servicesPerContract: count(args, 'services-per-contract'),
        organisation: option(args, 'org'),
      });
      console.log(`Scaled-up estate (${Date.now() - started} ms):`, scale);
    }
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

import 'reflect-metadata';
import { loadConfig } from '../config/config';
import { openDatabase } from '../db/database';
import { seedDemoData } from '../seed/demo-data';
import { seedDemoSlaData } from '../seed/demo-sla';
import { seedDemoOrderData } from '../seed/demo-orders';

/** `npm run seed:demo`: applies migrations and (re-)seeds the demo data; running it twice changes nothing more. */
async function main(): Promise<void> {
  const config = loadConfig();
  const dataSource = await openDatabase(config.database, {}, { createIfMissing: true });
  try {
    console.log('Demo data seeded:', await seedDemoData(dataSource));
    console.log('Demo SLA data (last month, through the feed pipeline):', await seedDemoSlaData(dataSource, config));
    console.log('Demo orders (last month and open), legacy replacements and an invoice:', await seedDemoOrderData(dataSource, config));
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

import { DateTime } from 'luxon';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config';
import { seedDemoBillingData } from './demo-billing';
import { seedDemoData } from './demo-data';
import { seedDemoOrderData } from './demo-orders';
import { seedDemoServiceDesk } from './demo-servicedesk';
import { seedDemoSlaData } from './demo-sla';

/**
 * The whole demo, in the order each part builds on the last: the estate, last month's SLA
 * data, orders (changing charges the invoices then bill), invoices, the service desk. The
 * first `npm start`, `npm run seed:demo` and the test of the whole sequence all come here, so
 * the parts are always tried together. Re-running changes nothing.
 */
export async function seedDemo(dataSource: DataSource, config: AppConfig, today = DateTime.now().setZone('Europe/London')) {
  const estate = await seedDemoData(dataSource, { today: today.toISODate()! });
  const sla = await seedDemoSlaData(dataSource, config, today);
  const orders = await seedDemoOrderData(dataSource, config, today);
  const billing = await seedDemoBillingData(dataSource, config, today);
  const serviceDesk = await seedDemoServiceDesk(dataSource, config, today.toJSDate());
  return { estate, sla, orders, billing, serviceDesk };
}

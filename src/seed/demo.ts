import { DateTime } from 'luxon';
import { UK_ZONE } from '../common/calendar';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config';
import { seedDemoBillingData } from './demo-billing';
import { seedDemoData } from './demo-data';
import { seedDemoOrderData } from './demo-orders';
import { seedDemoServiceDesk } from './demo-servicedesk';
import { seedDemoSlaData } from './demo-sla';

/** One part of the demo done: what it was, which of how many, how long it took, and what it holds. */
export interface DemoSeedStep {
  readonly step: string;
  readonly n: number;
  readonly of: number;
  readonly ms: number;
  readonly summary: object;
}

const STEPS = 5;

/**
 * The whole demo, in the order each part builds on the last: the estate, last month's SLA
 * data, orders (changing charges the invoices then bill), invoices, the service desk. The
 * first `npm start`, `npm run seed:demo` and the test of the whole sequence all come here, so
 * the parts are always tried together. Re-running changes nothing. `progress` hears of each
 * part as it finishes: the first start takes seconds here, and says so as it goes.
 */
export async function seedDemo(
  dataSource: DataSource,
  config: AppConfig,
  today = DateTime.now().setZone(UK_ZONE),
  progress: (step: DemoSeedStep) => void = () => undefined,
) {
  let n = 0;
  const step = async <T extends object>(name: string, seed: () => Promise<T>): Promise<T> => {
    const started = Date.now();
    const summary = await seed();
    progress({ step: name, n: ++n, of: STEPS, ms: Date.now() - started, summary });
    return summary;
  };
  const estate = await step('estate: organisations, suppliers, contracts, sites, services, contacts', () =>
    seedDemoData(dataSource, { today: today.toISODate()! }),
  );
  const sla = await step("last month's SLA data, through the feed pipeline", () => seedDemoSlaData(dataSource, config, today));
  const orders = await step('orders and legacy replacements', () => seedDemoOrderData(dataSource, config, today));
  const billing = await step('invoices, reconciled, disputed, approved and paid', () => seedDemoBillingData(dataSource, config, today));
  const serviceDesk = await step('service desk: incidents, escalations, a review', () =>
    seedDemoServiceDesk(dataSource, config, today.toJSDate()),
  );
  return { estate, sla, orders, billing, serviceDesk };
}

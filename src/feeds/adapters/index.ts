import type { AdapterRegistry } from '../feed-pipeline';
import type { FeedLimits } from '../limits';
import { FeedFormat, FeedKind } from '../../feed-records/records';
import { type DocumentCheck } from '../feed-adapter';
import { csvCheck } from './csv-check';
import { incidentCsv } from './incident-csv';
import { incidentTmf } from './incident-tmf621';
import { inventoryCsv } from './inventory-csv';
import { inventoryTmf } from './inventory-tmf';
import { invoiceCsv } from './invoice-csv';
import { invoiceTmf } from './invoice-tmf678';
import { jsonCheck } from './json-stream';
import { performanceCsv } from './performance-csv';
import { performanceTmf } from './performance-tmf628';

/** Every kind in every format: a new format is one adapter and one line here. */
export const adapters: AdapterRegistry = {
  [FeedKind.PERFORMANCE]: { [FeedFormat.CSV]: performanceCsv, [FeedFormat.TMF]: performanceTmf },
  [FeedKind.INCIDENT]: { [FeedFormat.CSV]: incidentCsv, [FeedFormat.TMF]: incidentTmf },
  [FeedKind.INVOICE]: { [FeedFormat.CSV]: invoiceCsv, [FeedFormat.TMF]: invoiceTmf },
  [FeedKind.INVENTORY]: { [FeedFormat.CSV]: inventoryCsv, [FeedFormat.TMF]: inventoryTmf },
};

/** How each format is checked as it arrives, whatever the kind. */
export const documentChecks: Record<FeedFormat, (limits: FeedLimits) => DocumentCheck> = {
  [FeedFormat.CSV]: csvCheck,
  [FeedFormat.TMF]: jsonCheck,
};

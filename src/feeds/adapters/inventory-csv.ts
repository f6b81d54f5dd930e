import Decimal from 'decimal.js';
import { formatMoney } from '../../common/money';
import type { InventoryRecord } from '../../feed-records/records';
import type { FeedAdapter } from '../feed-adapter';
import { SERVICE_REFERENCE_MAX_LENGTH } from './invoice-csv';
import { readCsv, readItem } from './readers';
import {
  FieldError,
  isBlank,
  optionalEnum,
  optionalLocalDate,
  optionalIdentifier,
  optionalMoneyValue,
  optionalString,
  requiredIdentifier,
} from './values';

/** The inventory CSV template (docs/feeds/inventory.md): one row per service. */
const INVENTORY_CSV_COLUMNS = {
  required: ['service_reference'],
  optional: ['site_ods_code', 'site_name', 'postcode', 'bandwidth_mbps', 'status', 'install_date', 'cease_date', 'monthly_charge'],
} as const;

const SERVICE_STATUSES = ['ORDERED', 'ACTIVE', 'CEASE_REQUESTED', 'CEASED'] as const;
export type SupplierServiceStatus = (typeof SERVICE_STATUSES)[number];

/** Suppliers' words for where a service is in its life, squashed as parseEnum compares them. */
export const SUPPLIER_STATUS_WORDS: Record<string, SupplierServiceStatus> = {
  provisioning: 'ORDERED',
  pendinginstall: 'ORDERED',
  awaitinginstall: 'ORDERED',
  inservice: 'ACTIVE',
  live: 'ACTIVE',
  operational: 'ACTIVE',
  ceasepending: 'CEASE_REQUESTED',
  pendingcease: 'CEASE_REQUESTED',
  ceasing: 'CEASE_REQUESTED',
  terminated: 'CEASED',
  disconnected: 'CEASED',
  decommissioned: 'CEASED',
};

/**
 * A bandwidth in whole Mbps: 100, "100", "100Mbps", "100 Mb/s", "1Gbps" or "1G" (1000).
 * A unit other than M or G is refused rather than guessed.
 */
function parseBandwidthMbps(value: unknown, field: string): number | null {
  if (isBlank(value)) return null;
  const text = String(value).trim();
  const match = /^(\d+(?:\.\d+)?)\s*(?:([mg])(?:bps|bit\/s|b\/s|b)?)?$/i.exec(text.replace(/,(?=\d{3}\b)/g, ''));
  if (!match) throw new FieldError(field, `"${text}" is not a bandwidth (expected Mbps, e.g. 100, "100Mbps" or "1Gbps")`);
  const mbps = new Decimal(match[1]).times(match[2]?.toLowerCase() === 'g' ? 1000 : 1);
  if (!mbps.isInteger() || mbps.isZero()) throw new FieldError(field, `"${text}" is not a positive whole number of Mbps`);
  return mbps.toNumber();
}

/** A value as the supplier sent it, with the name to give it in an error. */
export interface Sourced {
  value: unknown;
  field: string;
}

export type InventoryValues = Record<keyof InventoryRecord, Sourced>;

const upperCaseOrNull = (text: string | null) => (text === null ? null : text.toUpperCase().replace(/\s+/g, ' '));

/**
 * One service's values, from whichever format, as a record. Codes and postcodes are
 * upper-cased so that "ns1 4ab" does not show as a difference from our "NS1 4AB".
 */
export function inventoryRecordFrom(
  values: InventoryValues,
  statusWords: Record<string, SupplierServiceStatus> = SUPPLIER_STATUS_WORDS,
): InventoryRecord {
  const { serviceReference, siteOdsCode, siteName, postcode, bandwidthMbps, status, installDate, ceaseDate, monthlyCharge } = values;
  const record: InventoryRecord = {
    serviceReference: requiredIdentifier(serviceReference.value, serviceReference.field, SERVICE_REFERENCE_MAX_LENGTH),
    siteOdsCode: upperCaseOrNull(optionalIdentifier(siteOdsCode.value, siteOdsCode.field, 10)),
    siteName: optionalString(siteName.value, siteName.field, 200),
    postcode: upperCaseOrNull(optionalIdentifier(postcode.value, postcode.field, 10)),
    bandwidthMbps: parseBandwidthMbps(bandwidthMbps.value, bandwidthMbps.field),
    status: optionalEnum(status.value, status.field, SERVICE_STATUSES, statusWords),
    installDate: optionalLocalDate(installDate.value, installDate.field),
    ceaseDate: optionalLocalDate(ceaseDate.value, ceaseDate.field),
    monthlyCharge: optionalMoneyValue(monthlyCharge.value, monthlyCharge.field),
  };
  if (record.monthlyCharge !== null && record.monthlyCharge < 0n) {
    throw new FieldError(monthlyCharge.field, `${formatMoney(record.monthlyCharge)} is negative; a monthly charge cannot be`);
  }
  if (record.installDate && record.ceaseDate && record.ceaseDate < record.installDate) {
    throw new FieldError(ceaseDate.field, `${record.ceaseDate} is before ${installDate.field} ${record.installDate}`);
  }
  return record;
}

/** A rejection's reason, opening with the service's reference when it could be read, so that it stands alone. */
export const reasonAbout = (reference: unknown, problem: string) =>
  isBlank(reference) ? problem : `Service ${String(reference).trim()}: ${problem}`;

/** Reads the inventory CSV template: each row is one item, read or rejected on its own. */
export const inventoryCsv: FeedAdapter<InventoryRecord> = async function* (input, limits) {
  for await (const row of readCsv(input, INVENTORY_CSV_COLUMNS, limits)) {
    const location = `line ${row.line}`;
    const reference = row.values.service_reference;
    if (row.cellsMismatch) {
      yield { ok: false, location, raw: row.raw, reason: reasonAbout(reference, `line ${row.line} ${row.cellsMismatch}`) };
      continue;
    }
    const sourced = (field: (typeof INVENTORY_CSV_COLUMNS.optional)[number] | 'service_reference'): Sourced => ({
      value: row.values[field],
      field,
    });
    yield readItem(
      location,
      row.raw,
      () =>
        inventoryRecordFrom({
          serviceReference: sourced('service_reference'),
          siteOdsCode: sourced('site_ods_code'),
          siteName: sourced('site_name'),
          postcode: sourced('postcode'),
          bandwidthMbps: sourced('bandwidth_mbps'),
          status: sourced('status'),
          installDate: sourced('install_date'),
          ceaseDate: sourced('cease_date'),
          monthlyCharge: sourced('monthly_charge'),
        }),
      (message) => reasonAbout(reference, message),
    );
  }
};

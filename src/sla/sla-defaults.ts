import { ServiceWrap } from '../contracts/contract.entity';

/**
 * What applies where a contract names no term of its own. Severity 1 resolution within
 * five hours is the HSCN Obligations Framework's; the other figures are this product's
 * defaults for the minimum and enhanced service wraps, which a contract's own terms replace.
 */
export interface IncidentTargets {
  responseMinutes: number;
  resolutionMinutes: number;
  /** share of the month's incidents of this severity that must meet the target, percent */
  requiredSharePercent: string;
}

const HOUR = 60;

export const DEFAULT_INCIDENT_TARGETS: Record<ServiceWrap, Record<1 | 2 | 3 | 4 | 5, IncidentTargets>> = {
  [ServiceWrap.MINIMUM]: {
    1: { responseMinutes: 30, resolutionMinutes: 5 * HOUR, requiredSharePercent: '100' },
    2: { responseMinutes: HOUR, resolutionMinutes: 8 * HOUR, requiredSharePercent: '100' },
    3: { responseMinutes: 4 * HOUR, resolutionMinutes: 24 * HOUR, requiredSharePercent: '95' },
    4: { responseMinutes: 8 * HOUR, resolutionMinutes: 72 * HOUR, requiredSharePercent: '95' },
    5: { responseMinutes: 24 * HOUR, resolutionMinutes: 120 * HOUR, requiredSharePercent: '90' },
  },
  [ServiceWrap.ENHANCED]: {
    1: { responseMinutes: 15, resolutionMinutes: 4 * HOUR, requiredSharePercent: '100' },
    2: { responseMinutes: 30, resolutionMinutes: 6 * HOUR, requiredSharePercent: '100' },
    3: { responseMinutes: 2 * HOUR, resolutionMinutes: 12 * HOUR, requiredSharePercent: '95' },
    4: { responseMinutes: 4 * HOUR, resolutionMinutes: 48 * HOUR, requiredSharePercent: '95' },
    5: { responseMinutes: 8 * HOUR, resolutionMinutes: 96 * HOUR, requiredSharePercent: '90' },
  },
};

/** HSCN availability obligations, percent: 99.5 resilient, 99.0 non-resilient. */
export const DEFAULT_AVAILABILITY_PERCENT = { RESILIENT: '99.5', NON_RESILIENT: '99.0' } as const;

/**
 * Share of orders to complete by their committed date where a contract sets no
 * ORDER_DELIVERY term of its own (this product's default; reported once orders complete).
 */
export const DEFAULT_ORDER_DELIVERY_PERCENT = '90';

import { addDays, addMonths } from '../common/dates';
import { defineLifecycle } from '../common/lifecycle';
import { ContractStatus } from './contract.entity';

/** The moves a contract may make; EXPIRED and TERMINATED are final. */
export const contractLifecycle = defineLifecycle<ContractStatus>('contract', {
  [ContractStatus.DRAFT]: [ContractStatus.ACTIVE, ContractStatus.TERMINATED],
  [ContractStatus.ACTIVE]: [ContractStatus.IN_NOTICE, ContractStatus.EXPIRED, ContractStatus.TERMINATED],
  // notice can be withdrawn by agreement, returning the contract to ACTIVE
  [ContractStatus.IN_NOTICE]: [ContractStatus.ACTIVE, ContractStatus.EXPIRED, ContractStatus.TERMINATED],
  [ContractStatus.EXPIRED]: [],
  [ContractStatus.TERMINATED]: [],
});

export const isClosed = (status: ContractStatus) => contractLifecycle.isFinal(status);

/** Last day of a term that starts on `startDate` and runs `months` months. */
export const termEnd = (startDate: string, months: number) => addDays(addMonths(startDate, months), -1);

/** Last day on which notice can be served so that the term ends on `endDate`. */
export const noticeDateFor = (endDate: string, noticePeriodDays: number) => addDays(endDate, -noticePeriodDays);

export const DEFAULT_BUSINESS_CALENDAR = 'england-and-wales-business-hours';

import { defineLifecycle } from '../common/lifecycle';
import { AccessRequestStatus } from './application-access.entity';

/** Where a request for application access may go from each status; a decision is final. */
export const accessRequestLifecycle = defineLifecycle<AccessRequestStatus>('request', {
  [AccessRequestStatus.REQUESTED]: [AccessRequestStatus.APPROVED, AccessRequestStatus.REJECTED, AccessRequestStatus.WITHDRAWN],
  [AccessRequestStatus.APPROVED]: [],
  [AccessRequestStatus.REJECTED]: [],
  [AccessRequestStatus.WITHDRAWN]: [],
});

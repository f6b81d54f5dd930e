import { defineLifecycle } from '../common/lifecycle';
import { DisputeState } from './dispute.entity';

/** The moves a dispute may make; UPHELD becomes CREDITED when credits are matched (by the system, or a person). */
export const disputeLifecycle = defineLifecycle<DisputeState>('dispute', {
  [DisputeState.DRAFT]: [DisputeState.SUBMITTED, DisputeState.WITHDRAWN],
  [DisputeState.SUBMITTED]: [DisputeState.ACKNOWLEDGED, DisputeState.UPHELD, DisputeState.REJECTED, DisputeState.WITHDRAWN],
  [DisputeState.ACKNOWLEDGED]: [DisputeState.UPHELD, DisputeState.REJECTED, DisputeState.WITHDRAWN],
  [DisputeState.UPHELD]: [DisputeState.CREDITED],
  [DisputeState.REJECTED]: [],
  [DisputeState.WITHDRAWN]: [],
  [DisputeState.CREDITED]: [],
});

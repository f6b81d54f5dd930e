import { defineLifecycle } from '../common/lifecycle';
import { ReviewActionStatus } from './review.entity';

/** A review action is done or cancelled once. */
export const reviewActionLifecycle = defineLifecycle<ReviewActionStatus>('action', {
  [ReviewActionStatus.OPEN]: [ReviewActionStatus.DONE, ReviewActionStatus.CANCELLED],
  [ReviewActionStatus.DONE]: [],
  [ReviewActionStatus.CANCELLED]: [],
});

import { defineLifecycle } from '../common/lifecycle';
import { OrderStatus } from './order.entity';

/**
 * The moves an order may make, after TMF641. COMPLETED is reached only through
 * completeOrder, which also changes the inventory; COMPLETED, REJECTED and CANCELLED are final.
 */
export const orderLifecycle = defineLifecycle<OrderStatus>('order', {
  [OrderStatus.DRAFT]: [OrderStatus.SUBMITTED, OrderStatus.CANCELLED],
  [OrderStatus.SUBMITTED]: [OrderStatus.ACKNOWLEDGED, OrderStatus.IN_PROGRESS, OrderStatus.REJECTED, OrderStatus.CANCELLED],
  [OrderStatus.ACKNOWLEDGED]: [
    OrderStatus.IN_PROGRESS,
    OrderStatus.HELD,
    OrderStatus.REJECTED,
    OrderStatus.CANCELLED,
    OrderStatus.COMPLETED,
  ],
  [OrderStatus.IN_PROGRESS]: [OrderStatus.HELD, OrderStatus.CANCELLED, OrderStatus.COMPLETED],
  [OrderStatus.HELD]: [OrderStatus.IN_PROGRESS, OrderStatus.CANCELLED],
  [OrderStatus.COMPLETED]: [],
  [OrderStatus.REJECTED]: [],
  [OrderStatus.CANCELLED]: [],
});

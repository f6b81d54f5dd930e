import { defineLifecycle } from '../common/lifecycle';
import { ServiceStatus } from './network-service.entity';

/** The moves a service may make; CEASED is final. */
export const serviceLifecycle = defineLifecycle<ServiceStatus>('service', {
  // an order cancelled before installation goes straight to CEASED
  [ServiceStatus.ORDERED]: [ServiceStatus.ACTIVE, ServiceStatus.CEASED],
  [ServiceStatus.ACTIVE]: [ServiceStatus.CEASE_REQUESTED, ServiceStatus.CEASED],
  // a cease request can be withdrawn before it completes
  [ServiceStatus.CEASE_REQUESTED]: [ServiceStatus.ACTIVE, ServiceStatus.CEASED],
  [ServiceStatus.CEASED]: [],
});

import { ServiceStatus } from './network-service.entity';

/** The moves a service may make; CEASED is final. */
const NEXT: Record<ServiceStatus, readonly ServiceStatus[]> = {
  // an order cancelled before installation goes straight to CEASED
  [ServiceStatus.ORDERED]: [ServiceStatus.ACTIVE, ServiceStatus.CEASED],
  [ServiceStatus.ACTIVE]: [ServiceStatus.CEASE_REQUESTED, ServiceStatus.CEASED],
  // a cease request can be withdrawn before it completes
  [ServiceStatus.CEASE_REQUESTED]: [ServiceStatus.ACTIVE, ServiceStatus.CEASED],
  [ServiceStatus.CEASED]: [],
};

export const canMoveService = (from: ServiceStatus, to: ServiceStatus) => NEXT[from].includes(to);

export const allowedServiceMoves = (from: ServiceStatus) => NEXT[from];

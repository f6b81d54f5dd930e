import { tenancy } from '../auth/tenancy';
import type { RequestContext } from '../request/context';
import { NetworkService } from '../services/network-service.entity';
import type { KnownService, ServiceDirectory } from '../feed-records/service-directory';

/**
 * Loads the supplier's services that the feed's sender may speak about — those of the
 * organisations in the sender's scope — once per run, for the writers to look references up in.
 */
export async function loadServiceDirectory(ctx: RequestContext, supplierId: number): Promise<ServiceDirectory> {
  const services = await ctx.repository(NetworkService).find({
    select: { id: true, organisationId: true, reference: true, status: true },
    where: { supplierId, ...tenancy.where(ctx) },
  });
  return new ServicesByReference(services);
}

/** References match ignoring case and surrounding space. */
class ServicesByReference implements ServiceDirectory {
  private readonly byReference: Map<string, KnownService>;

  constructor(services: KnownService[]) {
    this.byReference = new Map(services.map((service) => [ServicesByReference.key(service.reference), service]));
  }

  find(reference: string): KnownService | undefined {
    return this.byReference.get(ServicesByReference.key(reference));
  }

  all(): KnownService[] {
    return [...this.byReference.values()];
  }

  private static key(reference: string): string {
    return reference.trim().toUpperCase();
  }
}

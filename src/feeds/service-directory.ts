import { In } from 'typeorm';
import type { RequestContext } from '../request/context';
import { NetworkService } from '../services/network-service.entity';

export interface KnownService {
  id: number;
  organisationId: number;
  reference: string;
  status: NetworkService['status'];
}

/**
 * The supplier's services that the feed's sender may speak about — those of the
 * organisations in the sender's scope — loaded once per run, so that resolving a
 * reference costs no query per row. References match ignoring case and surrounding space.
 */
export class ServiceDirectory {
  private constructor(private readonly byReference: Map<string, KnownService>) {}

  static async load(ctx: RequestContext, supplierId: number): Promise<ServiceDirectory> {
    const services = await ctx.repository(NetworkService).find({
      select: { id: true, organisationId: true, reference: true, status: true },
      where: { supplierId, organisationId: In([...ctx.organisationIds]) },
    });
    return new ServiceDirectory(new Map(services.map((service) => [ServiceDirectory.key(service.reference), service])));
  }

  find(reference: string): KnownService | undefined {
    return this.byReference.get(ServiceDirectory.key(reference));
  }

  all(): KnownService[] {
    return [...this.byReference.values()];
  }

  private static key(reference: string): string {
    return reference.trim().toUpperCase();
  }
}

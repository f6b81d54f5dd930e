import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Organisation } from '../organisations/organisation.entity';
import type { RequestContext } from '../request/context';
import { Supplier } from '../suppliers/supplier.entity';
import { Contract } from './contract.entity';

/** The contracts domain extends the organisation and the supplier with their `contracts` field. */

@Resolver(() => Organisation)
export class OrganisationContractsResolver {
  @FieldResolver(() => [Contract])
  contracts(@Root() organisation: Organisation, @Ctx() ctx: RequestContext) {
    return ctx.loaders.manyBy(Contract, 'organisationId').load(organisation.id);
  }
}

@Resolver(() => Supplier)
export class SupplierContractsResolver {
  @FieldResolver(() => [Contract], { description: 'Contracts with this supplier that the viewer can see.' })
  contracts(@Root() supplier: Supplier, @Ctx() ctx: RequestContext) {
    return ctx.loaders.manyBy(Contract, 'supplierId').load(supplier.id);
  }
}

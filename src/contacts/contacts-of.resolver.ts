import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Contract } from '../contracts/contract.entity';
import type { RequestContext } from '../request/context';
import { Site } from '../sites/site.entity';
import { Supplier } from '../suppliers/supplier.entity';
import { ContactAssignment, ContactObjectType } from './contact-assignment.entity';

/** The contacts domain extends the records contacts are assigned to with their `contacts` field. */

@Resolver(() => Supplier)
export class SupplierContactsResolver {
  @FieldResolver(() => [ContactAssignment], { description: "The viewer's organisations' contacts for this supplier." })
  contacts(@Root() supplier: Supplier, @Ctx() ctx: RequestContext) {
    return ctx.loaders.manyBy(ContactAssignment, 'objectId', { objectType: ContactObjectType.SUPPLIER }).load(supplier.id);
  }
}

@Resolver(() => Contract)
export class ContractContactsResolver {
  @FieldResolver(() => [ContactAssignment])
  contacts(@Root() contract: Contract, @Ctx() ctx: RequestContext) {
    return ctx.loaders.manyBy(ContactAssignment, 'objectId', { objectType: ContactObjectType.CONTRACT }).load(contract.id);
  }
}

@Resolver(() => Site)
export class SiteContactsResolver {
  @FieldResolver(() => [ContactAssignment], { description: 'Site contacts and others assigned to the site.' })
  contacts(@Root() site: Site, @Ctx() ctx: RequestContext) {
    return ctx.loaders.manyBy(ContactAssignment, 'objectId', { objectType: ContactObjectType.SITE }).load(site.id);
  }
}

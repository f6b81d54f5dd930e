import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { MANAGE_SUPPLIERS, READ_SUPPLIERS } from '../auth/roles';
import { ConnectionType, PageArgs } from '../graphql-types/connection';
import type { RequestContext } from '../request/context';
import { idOf } from '../common/global-id';
import { Supplier } from './supplier.entity';
import { CreateSupplierInput, SupplierFilter, UpdateSupplierInput } from './supplier.input';
import { SupplierService } from './supplier.service';

export const SupplierConnection = ConnectionType(Supplier, 'Supplier');

@Resolver(() => Supplier)
export class SupplierResolver {
  constructor(private readonly supplierService: SupplierService) {}

  @Authorized(READ_SUPPLIERS)
  @Query(() => SupplierConnection, { description: 'The national supplier catalogue.' })
  suppliers(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('filter', () => SupplierFilter, { nullable: true }) filter?: SupplierFilter,
  ) {
    return this.supplierService.list(ctx, filter ?? {}, page);
  }

  @Authorized(READ_SUPPLIERS)
  @Query(() => Supplier)
  supplier(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return this.supplierService.get(ctx, idOf(id, Supplier.typename));
  }

  @Authorized(MANAGE_SUPPLIERS)
  @Mutation(() => Supplier, {
    description: 'Adds a supplier to the national catalogue (CATALOGUE_ADMIN, at the national organisation only).',
  })
  createSupplier(@Ctx() ctx: RequestContext, @Arg('input') input: CreateSupplierInput) {
    return this.supplierService.create(ctx, input);
  }

  @Authorized(MANAGE_SUPPLIERS)
  @Mutation(() => Supplier, {
    description:
      'Corrects a catalogue entry (CATALOGUE_ADMIN, at the national organisation only). Written to the audit trail of every organisation ' +
      'that deals with the supplier.',
  })
  updateSupplier(@Ctx() ctx: RequestContext, @Arg('input') input: UpdateSupplierInput) {
    return this.supplierService.update(ctx, idOf(input.id, Supplier.typename, 'input.id'), input);
  }
}

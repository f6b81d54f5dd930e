import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs } from '../graphql-types/connection';
import type { RequestContext } from '../request/context';
import { idOf, optionalIdOf } from '../common/global-id';
import { Supplier } from '../suppliers/supplier.entity';
import { ApiKey } from '../auth/api-key.entity';
import { CreateApiKeyInput } from '../auth/api-key.input';
import { ApiKeyService } from '../auth/api-key.service';
import { ApiKeyConnection, CreatedApiKey } from '../auth/api-key.types';
import { MANAGE_API_KEYS } from '../auth/roles';

/** API keys over GraphQL: in the API layer, not auth/, since a key names its supplier (which ranks above auth). */
@Resolver(() => ApiKey)
export class ApiKeyResolver {
  constructor(private readonly apiKeyService: ApiKeyService) {}

  @Authorized(MANAGE_API_KEYS)
  @Query(() => ApiKeyConnection, { description: "The viewer's organisation's API keys (ADMIN)." })
  apiKeys(@Ctx() ctx: RequestContext, @Args() page: PageArgs, @Arg('includeRevoked', { defaultValue: false }) includeRevoked: boolean) {
    return this.apiKeyService.list(ctx, page, includeRevoked);
  }

  @Authorized(MANAGE_API_KEYS)
  @Mutation(() => CreatedApiKey)
  createApiKey(@Ctx() ctx: RequestContext, @Arg('input') input: CreateApiKeyInput) {
    return this.apiKeyService.issue(ctx, input.name, input.roles, optionalIdOf(input.supplierId, Supplier.typename, 'input.supplierId'));
  }

  @Authorized(MANAGE_API_KEYS)
  @Mutation(() => ApiKey, { description: 'Revokes a key at once; revoking twice is harmless.' })
  revokeApiKey(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return this.apiKeyService.revoke(ctx, idOf(id, ApiKey.typename));
  }

  @FieldResolver(() => Supplier, { nullable: true })
  supplier(@Root() apiKey: ApiKey, @Ctx() ctx: RequestContext) {
    return apiKey.supplierId === null ? null : ctx.loaders.byId(Supplier).load(apiKey.supplierId);
  }
}

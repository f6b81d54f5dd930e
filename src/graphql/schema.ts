import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { buildSchema } from 'type-graphql';
import { ApiKeyResolver } from '../auth/api-key.resolver';
import { ApiKeyService } from '../auth/api-key.service';
import { ApiKey } from '../auth/api-key.entity';
import { authChecker } from '../auth/auth-checker';
import { findVisible } from '../auth/tenancy';
import { ViewerResolver } from '../auth/viewer.resolver';
import { ContactAssignmentResolver, ContactResolver } from '../contacts/contact.resolver';
import { ContactService } from '../contacts/contact.service';
import { ContactAssignment } from '../contacts/contact-assignment.entity';
import { ContractDocument } from '../contracts/contract-document.entity';
import { ContractStatusChange } from '../contracts/contract-status-change.entity';
import { ContractResolver } from '../contracts/contract.resolver';
import { ContractService } from '../contracts/contract.service';
import { OrganisationResolver } from '../organisations/organisation.resolver';
import { OrganisationService } from '../organisations/organisation.service';
import { NetworkServiceResolver } from '../services/network-service.resolver';
import { ServiceInventory } from '../services/service-inventory';
import { SiteResolver } from '../sites/site.resolver';
import { SiteService } from '../sites/site.service';
import { SupplierResolver } from '../suppliers/supplier.resolver';
import { SupplierService } from '../suppliers/supplier.service';
import { NodeResolver, type NodeFetcher } from './node.resolver';
import { Role } from '../auth/roles';
import { notFound } from '../common/errors';

/** The application's services: stateless, built once, shared by the API, the CLI and feeds. */
export function createServices() {
  const suppliers = new SupplierService();
  const organisations = new OrganisationService();
  const contracts = new ContractService(suppliers);
  const sites = new SiteService();
  const inventory = new ServiceInventory(contracts, sites);
  const contacts = new ContactService(suppliers, contracts, sites);
  const apiKeys = new ApiKeyService(suppliers);
  return { suppliers, organisations, contracts, sites, inventory, contacts, apiKeys };
}

export type Services = ReturnType<typeof createServices>;

function nodeFetchers(services: Services): Record<string, NodeFetcher> {
  return {
    Organisation: (ctx, id) => services.organisations.get(ctx, id),
    Supplier: (ctx, id) => services.suppliers.get(ctx, id),
    Contract: (ctx, id) => services.contracts.get(ctx, id),
    ContractDocument: (ctx, id) => findVisible(ctx, ContractDocument, id, ContractDocument.typename),
    ContractStatusChange: (ctx, id) => findVisible(ctx, ContractStatusChange, id, ContractStatusChange.typename),
    Site: (ctx, id) => services.sites.get(ctx, id),
    Service: (ctx, id) => services.inventory.get(ctx, id),
    Contact: (ctx, id) => services.contacts.get(ctx, id),
    ContactAssignment: (ctx, id) => findVisible(ctx, ContactAssignment, id, ContactAssignment.typename),
    ApiKey: async (ctx, id) => {
      // key metadata is for the organisation's administrators only
      if (!ctx.requireViewer.roles.includes(Role.ADMIN)) throw notFound(ApiKey.typename);
      return findVisible(ctx, ApiKey, id, ApiKey.typename);
    },
  };
}

export async function buildGraphqlSchema(services: Services): Promise<GraphQLSchema> {
  const resolvers = [
    new ViewerResolver(),
    new NodeResolver(nodeFetchers(services)),
    new OrganisationResolver(services.organisations),
    new SupplierResolver(services.suppliers),
    new ContractResolver(services.contracts),
    new SiteResolver(services.sites),
    new NetworkServiceResolver(services.inventory),
    new ContactResolver(services.contacts),
    new ContactAssignmentResolver(),
    new ApiKeyResolver(services.apiKeys),
  ];
  const instances = new Map<Function, object>(resolvers.map((resolver) => [resolver.constructor, resolver]));
  return buildSchema({
    resolvers: resolvers.map((resolver) => resolver.constructor) as unknown as [Function, ...Function[]],
    container: { get: (resolverClass: Function) => instances.get(resolverClass) },
    authChecker,
    validate: { forbidUnknownValues: false },
    scalarsMap: [{ type: Date, scalar: DateTimeISOResolver }],
  });
}

/** The schema as committed in schema/schema.graphql: sorted, so that diffs are readable. */
export const printSortedSchema = (schema: GraphQLSchema) => `${printSchema(lexicographicSortSchema(schema))}\n`;

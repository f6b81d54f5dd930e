import 'reflect-metadata';
import { loadConfig } from '../../config/config';
import { buildGraphqlSchema } from '../schema';
import { createServices } from '../../services';

interface FieldMetadata {
  target: { name: string };
  name: string;
  roles?: unknown[];
  middlewares?: unknown[];
}

/**
 * The hot object types (services, sites, contracts, invoices, SLA results, pages) resolve their
 * plain fields with graphql-js's default resolver (type-graphql `simpleResolvers`), which
 * skips the field's roles and middleware. That is only safe while guards sit on operations
 * and field resolvers, never on a plain field: this holds the schema to it.
 */
describe('plain fields', () => {
  it('carry no roles or middleware, so no type loses a guard by resolving them simply', async () => {
    await buildGraphqlSchema(createServices(loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(32) })));
    // type-graphql keeps its metadata here (getMetadataStorage is not exported)
    const storage = (
      globalThis as unknown as { TypeGraphQLMetadataStorage: { fields: FieldMetadata[]; objectTypes: { simpleResolvers?: boolean }[] } }
    ).TypeGraphQLMetadataStorage;
    expect(storage.fields.length).toBeGreaterThan(500);
    expect(storage.objectTypes.filter((type) => type.simpleResolvers).length).toBeGreaterThanOrEqual(9);
    const guarded = storage.fields
      .filter((field) => field.roles?.length || field.middlewares?.length)
      .map((field) => `${field.target.name}.${field.name}`);
    expect(guarded).toEqual([]);
  });
});

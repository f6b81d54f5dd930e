import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/config';
import { buildGraphqlSchema, printSortedSchema } from '../../src/graphql/schema';
import { createServices } from '../../src/services';

describe('committed schema', () => {
  it('matches the schema the code builds (run `npm run schema:emit` and commit after changing the API)', async () => {
    const built = printSortedSchema(await buildGraphqlSchema(createServices(loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(32) }))));
    const committed = readFileSync(join(__dirname, '..', '..', 'schema', 'schema.graphql'), 'utf8');
    expect(built).toBe(committed);
  });
});

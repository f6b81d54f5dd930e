import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config/config';
import { renderErrorsDoc } from '../graphql/errors-doc';
import { buildGraphqlSchema, printSortedSchema } from '../graphql/schema';
import { createServices } from '../services';

/** `npm run schema:emit`: writes the sorted schema to schema/schema.graphql and the error list to docs/ERRORS.md (commit both). */
async function main(): Promise<void> {
  const schema = await buildGraphqlSchema(createServices(loadConfig()));
  const file = join(process.cwd(), 'schema', 'schema.graphql');
  writeFileSync(file, printSortedSchema(schema));
  console.log(`Wrote ${file}`);
  const errors = join(process.cwd(), 'docs', 'ERRORS.md');
  writeFileSync(errors, renderErrorsDoc());
  console.log(`Wrote ${errors}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

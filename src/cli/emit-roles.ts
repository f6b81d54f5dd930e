import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config/config';
import { mutationRoles, renderRolesDocument } from '../graphql/mutation-roles';
import { buildGraphqlSchema } from '../graphql/schema';
import { createServices } from '../services';

/** `npm run docs:roles`: writes docs/ROLES.md, every mutation under the roles that may call it (commit it). */
async function main(): Promise<void> {
  const schema = await buildGraphqlSchema(createServices(loadConfig()));
  const file = join(process.cwd(), 'docs', 'ROLES.md');
  writeFileSync(file, renderRolesDocument(mutationRoles(schema)));
  console.log(`Wrote ${file}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

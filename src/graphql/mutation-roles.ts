import type { GraphQLSchema } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { ALL_ROLES, type Role } from '../auth/roles';

/** What type-graphql keeps of `@Mutation` and `@Authorized`, read only here. */
interface Metadata {
  mutations: { target: object; methodName: string; schemaName: string }[];
  authorizedFields: { target: object; fieldName: string; roles: Role[] }[];
}

/**
 * The roles that may call each mutation of a built schema, from its resolvers' `@Authorized`
 * decorators: the rule the auth checker applies, so that documentation can be checked
 * against it rather than copied from it. A mutation with no roles listed is open to any
 * signed-in caller.
 */
export function mutationRoles(schema: GraphQLSchema): Map<string, readonly Role[]> {
  const metadata = getMetadataStorage() as unknown as Metadata;
  const names = Object.keys(schema.getMutationType()?.getFields() ?? {}).sort();
  const rules = new Map<string, readonly Role[]>();
  for (const name of names) {
    const mutation = metadata.mutations.find((m) => m.schemaName === name);
    const authorized =
      mutation && metadata.authorizedFields.find((a) => a.target === mutation.target && a.fieldName === mutation.methodName);
    if (!mutation || !authorized) throw new Error(`Mutation ${name} has no @Authorized rule`);
    rules.set(name, authorized.roles.length ? ALL_ROLES.filter((role) => authorized.roles.includes(role)) : ALL_ROLES);
  }
  return rules;
}

/** docs/ROLES.md: every mutation under the roles that may call it, generated (`npm run -s docs:roles`). */
export function renderRolesDocument(rules: Map<string, readonly Role[]>): string {
  const groups = new Map<string, string[]>();
  for (const [name, roles] of rules) {
    const key = roles.join(', ');
    groups.set(key, [...(groups.get(key) ?? []), name]);
  }
  const rows = [...groups]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([roles, names]) =>
        `| ${roles
          .split(', ')
          .map((r) => `\`${r}\``)
          .join(', ')} | ${names.map((n) => `\`${n}\``).join(', ')} |`,
    );
  const none = ALL_ROLES.filter((role) => ![...rules.values()].some((roles) => roles.includes(role)));
  return [
    '# Who may call each mutation',
    '',
    "Generated from the resolvers' `@Authorized` rules by `npm run -s docs:roles`; `test/e2e/roles-doc.test.ts`",
    "fails when this file or the README's roles table disagrees with the code. A caller without one of",
    'the roles listed is refused `FORBIDDEN` ("This operation needs one of these roles: …"). Roles say',
    "what kind of change a caller may make; tenancy (which organisations' records) is checked apart.",
    'Queries are read by every tenant role (`VIEWER`, `REPORTING`, `CONTRACT_MANAGER`,',
    '`FINANCE_APPROVER`, `ADMIN`), with the exceptions in [SECURITY.md](SECURITY.md#what-each-role-can-reach).',
    '',
    '| roles | mutations |',
    '| --- | --- |',
    ...rows,
    '',
    `Roles that call no mutation: ${none.map((r) => `\`${r}\``).join(', ')}.`,
    '',
  ].join('\n');
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_ROLES, Role } from '../../src/auth/roles';
import { loadConfig } from '../../src/config/config';
import { mutationRoles, renderRolesDocument } from '../../src/graphql/mutation-roles';
import { buildGraphqlSchema } from '../../src/graphql/schema';
import { createServices } from '../../src/services';

const ROOT = join(__dirname, '..', '..');
/** the managers' everyday changes (contracts, sites, services, contacts, SLA terms, orders, service desk, compliance): the README sums them up in words */
const EVERYDAY = [Role.CONTRACT_MANAGER, Role.ADMIN].join(',');

interface Row {
  roles: Role[];
  mutations: string[];
  /** "as `CONTRACT_MANAGER`": everything that role may do, this one may too */
  as: Role | null;
  text: string;
}

/** The README's roles table: each row's roles, the mutations it names and the role it says it extends. */
function readmeRolesTable(mutations: Set<string>): Row[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Authentication, roles and tenancy'));
  const table = section.slice(section.indexOf('| role |'), section.indexOf('\n\n', section.indexOf('| role |')));
  return table
    .split('\n')
    .slice(2)
    .map((line) => {
      const [, who, can] = line.split(' | ').length >= 2 ? ['', ...line.replace(/^\| | \|$/g, '').split(' | ')] : ['', line, ''];
      const ticked = (text: string) => [...text.matchAll(/`([A-Za-z_]+)`/g)].map((m) => m[1]);
      const as = /\bas `([A-Z_]+)`/.exec(can)?.[1] as Role | undefined;
      return {
        roles: ticked(who).filter((word): word is Role => (ALL_ROLES as string[]).includes(word)),
        mutations: ticked(can).filter((word) => mutations.has(word)),
        as: as ?? null,
        text: line,
      };
    });
}

describe('the roles documentation', () => {
  let rules: Map<string, readonly Role[]>;
  let rows: Row[];

  beforeAll(async () => {
    rules = mutationRoles(await buildGraphqlSchema(createServices(loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(32) }))));
    rows = readmeRolesTable(new Set(rules.keys()));
  });

  const callable = (role: Role) => [...rules].filter(([, roles]) => roles.includes(role)).map(([name]) => name);

  it('docs/ROLES.md lists every mutation under the roles the code allows (run `npm run -s docs:roles` and commit after changing a rule)', () => {
    expect(readFileSync(join(ROOT, 'docs', 'ROLES.md'), 'utf8')).toBe(renderRolesDocument(rules));
  });

  it("the README's roles table has a row for every role, once", () => {
    expect(rows.flatMap((row) => row.roles).sort()).toEqual([...ALL_ROLES].sort());
  });

  it('every mutation a row names may be called by each role of that row, and a row that extends another role may do all it does', () => {
    const wrong: string[] = [];
    for (const row of rows) {
      for (const role of row.roles) {
        for (const name of row.mutations)
          if (!rules.get(name)!.includes(role)) wrong.push(`${role} may not call ${name} (it needs ${rules.get(name)!.join(' or ')})`);
        if (row.as)
          for (const name of callable(row.as))
            if (!rules.get(name)!.includes(role)) wrong.push(`${role} is "as ${row.as}" but may not call ${name}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("every role's row names each mutation it may call beyond the managers' everyday changes and the role it extends", () => {
    const unnamed: string[] = [];
    for (const row of rows) {
      for (const role of row.roles) {
        const inherited = new Set(row.as ? callable(row.as) : []);
        for (const name of callable(role)) {
          if (rules.get(name)!.join(',') === EVERYDAY || inherited.has(name) || row.mutations.includes(name)) continue;
          unnamed.push(`${role}: ${name}`);
        }
      }
    }
    expect(unnamed).toEqual([]);
  });
});

/**
 * The layers of src/ and the one direction they point (docs/ARCHITECTURE.md, "Layers").
 *
 * Every top-level folder (or top-level file) of src/ has a rank: it may import only what ranks
 * below it. Ranks are a total order, so a folder that keeps the rule can never sit in a cycle
 * with another folder: a cycle between folders needs at least one import that points up.
 * Type-only imports count: a type is a dependency of the design, even when it leaves no require.
 *
 * Imports that broke the rule when it was written are listed in .dependency-cruiser-known-violations.json
 * (`npm run depcheck` ignores them, `npm run depcheck:baseline` rewrites the list); any other
 * upward import or cycle fails `npm test`. The list only shrinks.
 */

/** From the bottom up; each entry is a folder of src/ or a file directly in src/. */
const layers = [
  { layer: 'common', folders: ['common', 'config'] },
  { layer: 'platform', folders: ['db', 'request', 'graphql-types', 'auth', 'audit'] },
  {
    layer: 'domain',
    folders: [
      'organisations',
      'suppliers',
      'contracts',
      'feeds',
      'sites',
      'contacts',
      'services',
      'charging',
      'orders',
      'performance',
      'compliance',
      'incidents',
      'escalations',
      'sla',
      'billing',
    ],
  },
  { layer: 'reporting', folders: ['scorecards', 'reviews', 'notifications'] },
  { layer: 'wiring', folders: ['entities.ts', 'services.ts'] },
  { layer: 'api', folders: ['graphql', 'http'] },
  { layer: 'entry', folders: ['app.ts', 'seed', 'cli', 'main.ts'] },
];

/** src/services.ts is the composition root; src/services/ is the network-services domain. */
const pathOf = (entry) => (entry.endsWith('.ts') ? `^src/${entry.replace('.', '\\.')}$` : `^src/${entry}/`);

const order = layers.flatMap(({ layer, folders }) => folders.map((folder) => ({ layer, folder })));

const upwardRules = order.slice(0, -1).map(({ layer, folder }, rank) => ({
  name: `no-upward-import:${layer}/${folder}`,
  comment: `${folder} (${layer}) may import only what ranks below it in .dependency-cruiser.cjs`,
  severity: 'error',
  from: { path: pathOf(folder) },
  to: {
    path: order
      .slice(rank + 1)
      .map(({ folder: above }) => `(${pathOf(above)})`)
      .join('|'),
  },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...upwardRules,
    {
      name: 'no-cycle-between-folders',
      comment: 'a cycle of imports that leaves its top-level folder of src/',
      severity: 'error',
      from: { path: '^src/([^/]+)/' },
      to: { circular: true, via: { pathNot: '^src/$1/' } },
    },
  ],
  options: {
    includeOnly: '^src/',
    exclude: { path: '/__tests__/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
    reporterOptions: {
      archi: { collapsePattern: '^src/[^/]+' },
      text: { highlightFocused: true },
    },
  },
};

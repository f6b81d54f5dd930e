/**
 * The layers of src/ and the one direction they point (docs/ARCHITECTURE.md, "Layers").
 *
 * Every top-level folder (or top-level file) of src/ has a rank: it may import only what ranks
 * below it. Ranks are a total order, so a folder that keeps the rule can never sit in a cycle
 * with another folder: a cycle between folders needs at least one import that points up.
 * Type-only imports count: a type is a dependency of the design, even when it leaves no require.
 *
 * Any upward import or cycle fails `npm test` (`npm run depcheck`). There are no exceptions: the 292 imports
 * that broke the rule when it was written were all removed (#20), and the list of known ones is gone with them.
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
      'feed-records',
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
      'feeds',
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
      name: 'every-folder-has-a-rank',
      comment: 'a module of src/ outside every folder and file the layers list: give its folder a rank in .dependency-cruiser.cjs',
      severity: 'error',
      from: { path: '^src/', pathNot: order.map(({ folder }) => pathOf(folder)) },
      to: {},
    },
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

// eslint with typescript-eslint's recommended rules, over every TypeScript and script file the
// project builds, tests and runs from (docs/ARCHITECTURE.md, "Lint and layers").
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Node's CommonJS globals, for the plain .js files: the scripts npm runs (scripts/) and tools' configs */
const nodeCommonJs = {
  require: 'readonly',
  module: 'writable',
  exports: 'writable',
  process: 'readonly',
  __dirname: 'readonly',
  __filename: 'readonly',
  console: 'readonly',
  Buffer: 'readonly',
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test/client/generated/**', 'coverage/**', 'data/**', '.test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // a name left out on purpose: `_` first, or the rest of an object it was taken from
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // One rule for reaching the database (docs/ARCHITECTURE.md, "Reaching the database"): raw SQL
    // runs only from a `*-reads.ts` file (or a `*-writes.ts` one, for set-based writes), beside
    // the rules it feeds; src/db/ (the platform), migrations, seeds, tests and benches are exempt.
    files: ['src/**/*.ts'],
    ignores: ['src/**/*-reads.ts', 'src/**/*-writes.ts', 'src/db/**', 'src/seed/**', 'src/**/__tests__/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.type='MemberExpression'][callee.property.name='query']",
          message:
            'Raw SQL (`.query(...)`) belongs in a *-reads.ts or *-writes.ts file: see "Reaching the database" in docs/ARCHITECTURE.md.',
        },
      ],
    },
  },
  {
    // Lines of at most 160 columns (issue #20): prettier wraps code at 140 but leaves strings, template
    // literals, comments and regular expressions whole, so those are split by hand. migrations/ is
    // generated SQL and exempt.
    files: [
      'src/**/*.{ts,js,cjs,mjs}',
      'test/**/*.{ts,js,cjs,mjs}',
      'bench/**/*.{ts,js,cjs,mjs}',
      'tools/**/*.{ts,js,cjs,mjs}',
      'scripts/**/*.{ts,js,cjs,mjs}',
    ],
    rules: { 'max-len': ['error', { code: 160, ignoreUrls: true }] },
  },
  {
    files: ['migrations/**'],
    rules: { 'max-len': 'off' },
  },
  {
    files: ['scripts/**/*.js', '**/*.cjs', 'jest.config.js'],
    languageOptions: { sourceType: 'commonjs', globals: nodeCommonJs },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);

import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed operations for a client of this API, as a portal developer would generate them:
 * the client preset over the committed schema and the `.graphql` documents beside this
 * file. The generated-client test runs it into a folder of its own (CODEGEN_OUT, a temporary
 * directory) so nothing generated is committed; run by hand it writes `test/client/generated/`
 * (gitignored).
 */
const out = process.env.CODEGEN_OUT ?? 'test/client/generated/';

const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['test/client/operations/**/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    [out.endsWith('/') ? out : `${out}/`]: {
      preset: 'client',
      // a script reads fields where it fetched them; masking is for components that own their fragments
      presetConfig: { fragmentMasking: false },
      config: {
        // the API's scalars travel as strings: Money is a decimal string so no penny is lost to floating point
        scalars: { Money: 'string', LocalDate: 'string', DateTimeISO: 'string' },
        enumsAsTypes: true,
        useTypeImports: true,
      },
    },
  },
};

export default config;

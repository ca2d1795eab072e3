import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * The operations' result and variable types, generated from the committed supergraph
 * (`npm run codegen`). The output is committed so a build needs no codegen; a root jest test
 * (test/web/codegen.test.ts) fails when it is stale.
 */
const config: CodegenConfig = {
  schema: '../schema/supergraph.graphql',
  documents: ['src/operations/*.ts'],
  generates: {
    'src/generated/graphql.ts': {
      plugins: ['typescript-operations'],
      config: {
        // The API's custom scalars as they arrive in JSON.
        scalars: { DateTime: 'string', Long: 'string' },
        // Apollo adds __typename at run time; the screens never read it.
        skipTypename: true,
        useTypeImports: true,
      },
    },
  },
  silent: true,
};

export default config;

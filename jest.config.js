/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: [
    '<rootDir>/lib',
    '<rootDir>/launcher',
    '<rootDir>/gateway',
    '<rootDir>/subgraphs',
    '<rootDir>/workers',
    '<rootDir>/test',
  ],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: {
            legacyDecorator: true,
            decoratorMetadata: true,
            useDefineForClassFields: false,
          },
          target: 'es2022',
          keepClassNames: true,
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  setupFiles: ['<rootDir>/test/support/jest-setup.ts'],
  // One temporary folder for the run, removed at the end with whatever the tests put in it.
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  // Unit tests beside their modules first, then the system tests under test/.
  testSequencer: '<rootDir>/test/support/unit-tests-first.js',
  // Each system test starts real services against one Postgres and one NATS: one file at a time.
  maxWorkers: 1,
  testTimeout: 60_000,
};

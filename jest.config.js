/** One configuration for both dialects: TEST_DATABASE_URL=mysql://… switches every suite to MySQL. */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.[tj]s$': ['@swc/jest'] },
  // jose ships only ES modules; jest's CommonJS runtime needs it compiled like our own code
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  testMatch: ['<rootDir>/test/**/*.test.ts', '<rootDir>/src/**/__tests__/**/*.test.ts'],
  setupFiles: ['reflect-metadata'],
  maxWorkers: 2,
  testTimeout: 60_000,
};

/** One configuration for both dialects: TEST_DATABASE_URL=mysql://… switches every suite to MySQL. */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.[tj]s$': ['@swc/jest'] },
  // jose ships only ES modules; jest's CommonJS runtime needs it compiled like our own code
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  testMatch: ['<rootDir>/test/**/*.test.ts', '<rootDir>/src/**/__tests__/**/*.test.ts'],
  setupFiles: ['reflect-metadata'],
  maxWorkers: 2,
  // Not a deadline: tests wait for events, never for the clock (CI's two cores can run at a load of 8 and more,
  // and a seeded demo then takes minutes). This only stops a test that hangs, well inside CI's hour.
  testTimeout: 15 * 60_000,
};

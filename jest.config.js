/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Type checking runs once in `npm run typecheck`; per-file transpilation keeps the suite fast.
  transform: {
    '^.+\\.ts$': ['ts-jest', { isolatedModules: true }],
    // The SDK as production loads it: with native async functions (src/perf/nativeAsync.ts).
    '[\\\\/]node_modules[\\\\/](?:botbuilder[^\\\\/]*|botframework-[^\\\\/]*)[\\\\/].+\\.js$': '<rootDir>/test/helpers/sdkNativeAsyncTransformer.js',
  },
  transformIgnorePatterns: ['[\\\\/]node_modules[\\\\/](?!botbuilder|botframework-)'],
  testTimeout: 20000,
};

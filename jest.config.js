/** Tests run the built nodes from dist/ (npm test builds first); ts-jest only transpiles the tests. */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }],
	},
	setupFiles: ['<rootDir>/test/setup/n8nHousekeeping.ts'],
	testTimeout: 30000,
};

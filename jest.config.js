/** Tests run the built nodes from dist/ (npm test builds first); ts-jest only transpiles the tests. */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	// test/e2e, test/queue and test/browser run the real n8n, with their own configurations:
	// npm run test:e2e, test:queue, test:browser.
	testPathIgnorePatterns: [
		'/node_modules/',
		'<rootDir>/test/e2e/',
		'<rootDir>/test/queue/',
		'<rootDir>/test/browser/',
	],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }],
	},
	setupFiles: ['<rootDir>/test/setup/n8nHousekeeping.ts'],
	testTimeout: 30000,
};

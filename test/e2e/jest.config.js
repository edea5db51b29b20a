/**
 * End-to-end tests: the packed package inside a real n8n (see tools/n8n/). One file at a
 * time, since each drives its own n8n; the first run installs n8n into .cache/n8n.
 */
module.exports = {
	rootDir: '../..',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }],
	},
	globalSetup: '<rootDir>/test/e2e/installN8n.ts',
	maxWorkers: 1,
	testTimeout: 300_000,
};

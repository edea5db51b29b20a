/**
 * End-to-end tests: the packed package inside a real n8n (see tools/n8n/). Each file drives
 * its own n8n on its own ports and user folder, so two run side by side: one mostly waits
 * for the triggers' minute-long polls while the other executes templates. The first run
 * installs n8n into .cache/n8n.
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
	maxWorkers: 2,
	testTimeout: 300_000,
};

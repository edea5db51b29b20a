/**
 * The browser test: a newcomer's first minutes in the real n8n editor, in headless Chromium
 * from Debian (installed when missing) driven by playwright-core. npm run test:browser.
 */
module.exports = {
	rootDir: '../..',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/browser'],
	testMatch: ['**/*.browser.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }],
	},
	globalSetup: '<rootDir>/test/e2e/installN8n.ts',
	maxWorkers: 1,
	testTimeout: 300_000,
};

/**
 * The queue-mode test: the packed package in a real n8n in queue mode (one main, two
 * workers, Redis and PostgreSQL from Debian's packages). npm run test:queue.
 */
module.exports = {
	rootDir: '../..',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/queue'],
	testMatch: ['**/*.queue.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }],
	},
	globalSetup: '<rootDir>/test/e2e/installN8n.ts',
	maxWorkers: 1,
	testTimeout: 900_000,
};

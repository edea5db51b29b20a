import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import path from 'node:path';

import type { N8nInstallation } from './install';
import { freePort, N8nInstance, stopProcess } from './instance';

/** What every process of a queue-mode n8n shares: Redis, Postgres and one encryption key. */
export interface QueueSettings {
	redisPort: number;
	postgres: { port: number; database: string; user: string };
	encryptionKey: string;
}

/** n8n's settings for queue mode. */
export function queueEnv(settings: QueueSettings): NodeJS.ProcessEnv {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(settings.redisPort),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(settings.postgres.port),
		DB_POSTGRESDB_DATABASE: settings.postgres.database,
		DB_POSTGRESDB_USER: settings.postgres.user,
		DB_POSTGRESDB_PASSWORD: '',
		N8N_ENCRYPTION_KEY: settings.encryptionKey,
		// A killed worker's executions are marked crashed within a minute, not three hours.
		N8N_EXECUTIONS_QUEUE_RECOVERY_INTERVAL: '1',
	};
}

/** One `n8n worker` process: it takes executions off the Redis queue and runs them. */
export class N8nWorker {
	private process?: ChildProcess;

	readonly log: string;

	constructor(
		private readonly installation: N8nInstallation,
		private readonly main: N8nInstance,
		readonly name: string,
	) {
		this.log = path.join(main.userFolder, `${name}.log`);
	}

	get pid(): number | undefined {
		return this.process?.pid;
	}

	/** Starts the worker and waits until its health check says it is ready. */
	async start(timeoutMs = 180_000): Promise<void> {
		const health = await freePort();
		const worker = spawn(
			this.installation.node,
			[this.installation.n8n, 'worker', '--concurrency=10'],
			{
				cwd: this.main.userFolder,
				env: {
					...process.env,
					...this.main.env,
					N8N_RUNNERS_BROKER_PORT: String(await freePort()),
					QUEUE_HEALTH_CHECK_ACTIVE: 'true',
					QUEUE_HEALTH_CHECK_PORT: String(health),
				},
				stdio: ['ignore', 'pipe', 'pipe'],
			},
		);
		this.process = worker;
		const out = createWriteStream(this.log);
		worker.stdout?.pipe(out);
		worker.stderr?.pipe(out);
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (worker.exitCode !== null) throw new Error(`${this.name} exited (${worker.exitCode})`);
			const ready = await fetch(`http://127.0.0.1:${health}/healthz/readiness`)
				.then((response) => response.ok)
				.catch(() => false);
			if (ready) return;
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		await this.stop();
		throw new Error(`${this.name} was not ready within ${timeoutMs} ms`);
	}

	/** The executions this worker started, by id, as its log says. */
	startedExecutions(): string[] {
		const log = readFileSync(this.log, 'utf8');
		return [...log.matchAll(/Worker started execution (\d+)/g)].map(([, id]) => id);
	}

	/** Kills the worker at once, as a crash or an evicted container would. */
	kill(): void {
		this.process?.kill('SIGKILL');
	}

	async stop(): Promise<void> {
		await stopProcess(this.process);
	}
}

/**
 * n8n in queue mode: one main instance (editor, webhooks, polling triggers) that puts
 * executions on the Redis queue, and workers that run them, all on one Postgres
 * database and one user folder (with this package installed in it).
 */
export class QueueCluster {
	readonly main: N8nInstance;

	readonly workers: N8nWorker[];

	private constructor(installation: N8nInstallation, main: N8nInstance, workerCount: number) {
		this.main = main;
		this.workers = Array.from(
			{ length: workerCount },
			(_, index) => new N8nWorker(installation, main, `worker-${index + 1}`),
		);
	}

	static async create(
		installation: N8nInstallation,
		userFolder: string,
		settings: QueueSettings,
		workerCount: number,
	): Promise<QueueCluster> {
		const main = new N8nInstance(
			installation,
			userFolder,
			{ http: await freePort(), taskBroker: await freePort() },
			queueEnv(settings),
		);
		return new QueueCluster(installation, main, workerCount);
	}

	/** The main instance first (it brings the database up to date), then the workers together. */
	async start(): Promise<void> {
		await this.main.start();
		await Promise.all(this.workers.map(async (worker) => await worker.start()));
	}

	async stop(): Promise<void> {
		await Promise.all(this.workers.map(async (worker) => await worker.stop()));
		await this.main.stop();
	}
}

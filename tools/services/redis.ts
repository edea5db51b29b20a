import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';

export const REDIS_SERVER = '/usr/bin/redis-server';

export interface RunningRedis {
	port: number;
	stop(): Promise<void>;
}

/** Answers once Redis replies to PING on 127.0.0.1:port. */
async function pong(port: number): Promise<boolean> {
	return await new Promise((resolve) => {
		const socket = createConnection({ host: '127.0.0.1', port }, () => socket.write('PING\r\n'));
		socket.on('data', (data) => {
			socket.destroy();
			resolve(data.toString().startsWith('+PONG'));
		});
		socket.on('error', () => resolve(false));
	});
}

/** Redis on 127.0.0.1 with a throw-away folder, persisting nothing, stopped with the test. */
export async function startRedis(folder: string, port: number): Promise<RunningRedis> {
	rmSync(folder, { recursive: true, force: true });
	mkdirSync(folder, { recursive: true });
	const server = spawn(
		REDIS_SERVER,
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--dir',
			folder,
			'--save',
			'',
			'--appendonly',
			'no',
		],
		{ stdio: 'ignore' },
	);
	const deadline = Date.now() + 20_000;
	while (!(await pong(port))) {
		if (server.exitCode !== null) throw new Error(`redis-server exited (${server.exitCode})`);
		if (Date.now() > deadline) throw new Error('Redis did not answer within 20 s');
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	return {
		port,
		stop: async () =>
			await new Promise<void>((resolve) => {
				if (server.exitCode !== null) return resolve();
				server.once('exit', () => resolve());
				server.kill('SIGTERM');
			}),
	};
}

import { spawn } from 'node:child_process';
import { createConnection } from 'node:net';
import path from 'node:path';

import { CACHE } from '../../tools/n8n/install';
import { TEMPLATES } from '../../tools/n8n/templates';
import { PACKAGE_ROOT } from '../harness/packageRoot';
import { waitFor } from '../harness/waitFor';

/** n8n, its task broker and the demo services, as `npm start` places them. */
const PORTS = [5678, 5679, 5680, 5681, 5682, 5683, 5684, 5685, 5686];

const listening = async (port: number) =>
	await new Promise<boolean>((resolve) => {
		const socket = createConnection({ port, host: '127.0.0.1' });
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});

/**
 * `npm start` is `npm run build && exec npm run demo`, and `demo` execs the demo's own process:
 * each shell gives way, so the SIGTERM npm forwards reaches the process that stops n8n and the
 * services. Here `npm run demo` stands for it: a build would empty dist/ under the end-to-end
 * files running beside this one.
 */
describe('npm start', () => {
	test('its banner links every template; a SIGTERM to its process, as a process manager sends, stops n8n and every demo service', async () => {
		for (const port of PORTS)
			expect({ port, busy: await listening(port) }).toEqual({ port, busy: false });
		const started = spawn('npm', ['run', 'demo'], {
			cwd: PACKAGE_ROOT,
			env: { ...process.env, DEMO_FOLDER: path.join(CACHE, 'e2e', 'start') },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let output = '';
		started.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
		started.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
		const exited = new Promise<number | null>((resolve) => started.once('exit', resolve));
		try {
			await waitFor(
				'the banner',
				() => (output.includes('Sign in as') ? true : undefined),
				240_000,
			);
			for (const { id } of Object.values(TEMPLATES))
				expect(output).toContain(`http://127.0.0.1:5678/workflow/${id}`);
			for (const port of PORTS)
				expect({ port, busy: await listening(port) }).toEqual({ port, busy: true });
			started.kill('SIGTERM');
			await exited;
			const stillListening = await waitFor(
				'every port to be free',
				async () => {
					const busy = [];
					for (const port of PORTS) if (await listening(port)) busy.push(port);
					return busy.length === 0 ? busy : undefined;
				},
				30_000,
			);
			expect(stillListening).toEqual([]);
		} finally {
			if (started.exitCode === null) started.kill('SIGKILL');
		}
	}, 300_000);
});

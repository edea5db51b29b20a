import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { freePort, N8nInstance, waitForRestApi } from '../../tools/n8n/instance';

/**
 * What `n8n start` serves at /rest/settings while it starts, as probed every 100 ms:
 * first 200 text/html "n8n is starting up", then about 3 s of 404 text/html, then
 * 200 application/json. `phases` gives how long each of the first two lasts here.
 */
function startingN8n(phases: { startingUp: number; notFound: number }) {
	const started = Date.now();
	const seen: string[] = [];
	const server = createServer((_request, response) => {
		const elapsed = Date.now() - started;
		if (elapsed < phases.startingUp) {
			seen.push('starting up');
			response
				.writeHead(200, { 'Content-Type': 'text/html' })
				.end('n8n is starting up. Please wait');
		} else if (elapsed < phases.startingUp + phases.notFound) {
			seen.push('404');
			response.writeHead(404, { 'Content-Type': 'text/html' }).end('<h1>Not found</h1>');
		} else {
			seen.push('json');
			response
				.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' })
				.end('{"data":{}}');
		}
	});
	return { server, seen, readyAt: started + phases.startingUp + phases.notFound };
}

/** A stand-in for n8n's command line: `start` serves the starting-up page forever, or exits at once. */
function fakeN8n(behaviour: 'neverReady' | 'exits'): string {
	const folder = mkdtempSync(path.join(tmpdir(), 'fake-n8n-'));
	const script = path.join(folder, 'n8n.js');
	writeFileSync(
		script,
		behaviour === 'exits'
			? 'process.exit(3);'
			: `require('node:fs').writeFileSync('pid', String(process.pid));
require('node:http').createServer((q, r) => r.writeHead(200, { 'Content-Type': 'text/html' }).end('n8n is starting up. Please wait'))
	.listen(Number(process.env.N8N_PORT), '127.0.0.1');`,
	);
	return script;
}

const alive = (pid: number) => {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
};

describe('n8n is ready when its REST API answers JSON', () => {
	let server: Server | undefined;
	afterEach(
		async () =>
			await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined))),
	);

	test('neither the "starting up" page (200, HTML) nor the 404s that follow count as ready', async () => {
		const n8n = startingN8n({ startingUp: 600, notFound: 600 });
		server = n8n.server;
		await new Promise<void>((resolve) => n8n.server.listen(0, '127.0.0.1', resolve));
		const { port } = n8n.server.address() as AddressInfo;
		await waitForRestApi(`http://127.0.0.1:${port}`, 10_000, () => true, 100);
		expect(Date.now()).toBeGreaterThanOrEqual(n8n.readyAt);
		expect(n8n.seen).toContain('starting up');
		expect(n8n.seen).toContain('404');
		expect(n8n.seen.at(-1)).toBe('json');
	});

	test('a start that is never ready stops n8n and says so', async () => {
		const userFolder = mkdtempSync(path.join(tmpdir(), 'fake-n8n-home-'));
		const instance = new N8nInstance(
			{ node: process.execPath, n8n: fakeN8n('neverReady'), version: 'fake' },
			userFolder,
			{ http: await freePort(), taskBroker: await freePort() },
		);
		await expect(instance.start(2000)).rejects.toThrow(/^n8n was not ready within 2000 ms/);
		const pid = Number(readFileSync(path.join(userFolder, 'pid'), 'utf8'));
		expect(alive(pid)).toBe(false);
	});

	test('an n8n that exits while starting is reported at once, not after the timeout', async () => {
		const userFolder = mkdtempSync(path.join(tmpdir(), 'fake-n8n-home-'));
		const instance = new N8nInstance(
			{ node: process.execPath, n8n: fakeN8n('exits'), version: 'fake' },
			userFolder,
			{ http: await freePort(), taskBroker: await freePort() },
		);
		const started = Date.now();
		await expect(instance.start(20_000)).rejects.toThrow(/^n8n exited while starting/);
		expect(Date.now() - started).toBeLessThan(5000);
	});
});

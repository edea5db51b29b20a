import { rmSync } from 'node:fs';
import path from 'node:path';

import { demoCredentials, startDemoServices } from '../../tools/n8n/demoServices';
import type { DemoServices } from '../../tools/n8n/demoServices';
import { CACHE, ensureN8n, installPackage } from '../../tools/n8n/install';
import { freePort, N8nInstance } from '../../tools/n8n/instance';
import type { CredentialFile } from '../../tools/n8n/instance';

export interface FreshN8n {
	n8n: N8nInstance;
	services: DemoServices;
	credentials: CredentialFile[];
}

/**
 * An n8n with a new user folder (.cache/n8n/e2e/<name>), this package installed in it as a
 * community package, the demo services on free ports, and their credentials imported;
 * `settings` are n8n's environment beyond the harness's defaults.
 */
export async function freshN8n(name: string, settings: NodeJS.ProcessEnv = {}): Promise<FreshN8n> {
	const userFolder = path.join(CACHE, 'e2e', name);
	rmSync(userFolder, { recursive: true, force: true });
	const n8n = new N8nInstance(
		await ensureN8n(),
		userFolder,
		{ http: await freePort(), taskBroker: await freePort() },
		settings,
	);
	await installPackage(userFolder);
	const services = await startDemoServices();
	const credentials = demoCredentials(services);
	await n8n.importCredentials(credentials);
	return { n8n, services, credentials };
}

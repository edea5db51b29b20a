import { N8nApi } from './api';
import type { Owner } from './api';
import { demoCredentials, startDemoServices } from './demoServices';
import type { DemoPorts, DemoServices } from './demoServices';
import { ensureN8n, installPackage } from './install';
import type { Progress } from './install';
import { N8nInstance } from './instance';
import { demoTemplate, TEMPLATES } from './templates';
import { watchWorkflow } from './watchWorkflow';

export const DEMO_OWNER: Owner = {
	email: 'demo@example.com',
	firstName: 'Demo',
	lastName: 'Owner',
	password: 'Demo-password-1',
};

/** The active workflow the demo adds beside the templates: LeadIQ's trigger, polling every minute. */
export const WATCH_LEADIQ = {
	id: 'demoWatchLeadIq1',
	name: 'Watch LeadIQ',
	trigger: { type: 'leadIqTrigger', name: 'LeadIQ Trigger' },
};

export interface RunningDemo {
	n8n: N8nInstance;
	services: DemoServices;
	/** Signed in as the demo owner. */
	api: N8nApi;
	version: string;
	stop(): Promise<void>;
}

/**
 * A real n8n with this package installed as a community package, demo SCIM services
 * standing in for LeadIQ, Leapsome, Spekit and a generic SCIM app, their credentials,
 * the workflow templates and one active trigger, with the owner signed in.
 */
export async function startDemo(options: {
	userFolder: string;
	n8nPort: number;
	servicePorts?: DemoPorts;
	progress: Progress;
}): Promise<RunningDemo> {
	const { progress } = options;
	const installation = await ensureN8n(progress);
	const n8n = new N8nInstance(installation, options.userFolder, {
		http: options.n8nPort,
		taskBroker: options.n8nPort + 1,
	});
	progress('Installing this package into n8n as a community package…');
	await installPackage(n8n.userFolder);
	progress('Starting the demo SCIM services…');
	const services = await startDemoServices(options.servicePorts);
	const stop = async () => {
		await n8n.stop();
		await services.close();
	};
	try {
		progress('Importing the demo credentials and the workflow templates…');
		const credentials = demoCredentials(services);
		await n8n.importCredentials(credentials);
		const leadIq = credentials.find(({ type }) => type === 'leadIqScimApi')!;
		await n8n.importWorkflows([
			...(Object.keys(TEMPLATES) as Array<keyof typeof TEMPLATES>).map((name) =>
				demoTemplate(name, services.hrList.url),
			),
			watchWorkflow(WATCH_LEADIQ.id, WATCH_LEADIQ.name, WATCH_LEADIQ.trigger, leadIq),
		]);
		await n8n.publish(WATCH_LEADIQ.id);
		progress(`Starting n8n ${installation.version}…`);
		await n8n.start();
		const api = new N8nApi(n8n.url);
		await api.signIn(DEMO_OWNER);
		return { n8n, services, api, version: installation.version, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}

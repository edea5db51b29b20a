import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { runNode } from '../harness/runNode';
import type { NodeRun } from '../harness/runNode';
import { DEFAULT_TOKEN, startScimServer } from '../servers/scimmyServer';
import type { RunningScimServer, ScimServerOptions } from '../servers/scimmyServer';
import type { ScimStore } from '../servers/scimStore';
import { SIMULATOR_TOKEN } from '../servers/vendorSimulator';

export function scimCredentials(
	server: { baseUrl: string },
	overrides: ICredentialDataDecryptedObject = {},
) {
	return {
		scimApi: {
			baseUrl: server.baseUrl,
			authentication: 'bearer',
			token: DEFAULT_TOKEN,
			maxRequestsPerSecond: 0,
			...overrides,
		},
	};
}

/** Starts a fresh SCIMMY server for each test of the suite; `current()` is the running one. */
export function useScimServer(options: ScimServerOptions = {}) {
	let server: RunningScimServer | undefined;
	beforeEach(async () => {
		server = await startScimServer(options);
	});
	afterEach(async () => {
		await server?.close();
		server = undefined;
	});
	return () => {
		if (!server) throw new Error('The SCIM server is not running');
		return server;
	};
}

/** Runs `body` against a server started with `options` just for it. */
export async function withScimServer(
	options: ScimServerOptions,
	body: (server: RunningScimServer) => Promise<void>,
) {
	const server = await startScimServer(options);
	try {
		await body(server);
	} finally {
		await server.close();
	}
}

/** Runs the generic SCIM node against a server, with the given parameters and input items. */
export async function runScim(
	server: { baseUrl: string },
	parameters: INodeParameters,
	items?: IDataObject[],
	options: { continueOnFail?: boolean; credentials?: ICredentialDataDecryptedObject } = {},
): Promise<NodeRun> {
	return await runNode({
		type: 'scim',
		parameters,
		items,
		continueOnFail: options.continueOnFail,
		credentials: scimCredentials(server, options.credentials),
	});
}

/** The node of each vendor and the credential type it takes. */
export const CREDENTIAL_OF = {
	scim: 'scimApi',
	leadIq: 'leadIqScimApi',
	leapsome: 'leapsomeScimApi',
	spekit: 'spekitScimApi',
} as const;

export type PackageNode = keyof typeof CREDENTIAL_OF;

/** Runs a vendor node against a simulator (or any server with a baseUrl) with a bearer token. */
export async function runVendor(
	type: PackageNode,
	server: { baseUrl: string },
	parameters: INodeParameters,
	items?: IDataObject[],
	options: { continueOnFail?: boolean; token?: string } = {},
): Promise<NodeRun> {
	return await runNode({
		type,
		parameters,
		items,
		continueOnFail: options.continueOnFail,
		credentials: {
			[CREDENTIAL_OF[type]]: { baseUrl: server.baseUrl, token: options.token ?? SIMULATOR_TOKEN },
		},
	});
}

export const json = (run: NodeRun) => run.items.map((item) => item.json);

export const byUserName = (userName: string) => ({ __rl: true, mode: 'userName', value: userName });
/** Offboarding as the templates do it: deactivate by userName, out of every group. */
export const OFFBOARD_BY_EMAIL = {
	resource: 'user',
	operation: 'deactivate',
	userId: byUserName('={{ $json.email }}'),
	ignoreNotFound: true,
	removeFromGroups: true,
};
export const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });
export const fromList = (id: string) => ({ __rl: true, mode: 'list', value: id });
export const byDisplayName = (displayName: string) => ({
	__rl: true,
	mode: 'displayName',
	value: displayName,
});

/** Requests that changed something on the server. */
export function writes(server: RunningScimServer) {
	return server.requests.filter((request) => request.method !== 'GET');
}

/** Every event a trigger offers, by its parameter value. */
export const ALL_TRIGGER_EVENTS = [
	'userCreated',
	'userUpdated',
	'userDeactivated',
	'userReactivated',
	'userDeleted',
	'groupCreated',
	'groupUpdated',
	'groupDeleted',
	'groupMembersChanged',
];

/**
 * The offboarding flow: deactivate the leaver found by email, then take them out of
 * a group, both with Ignore Not Found. Answers the two outcomes.
 */
export async function offboardLeaver(
	type: PackageNode,
	server: { baseUrl: string },
	group: string,
	email: string,
): Promise<[string, string]> {
	const deactivated = await runVendor(
		type,
		server,
		{
			resource: 'user',
			operation: 'deactivate',
			userId: byUserName('={{ $json.email }}'),
			ignoreNotFound: true,
		},
		[{ email }],
	);
	const removed = await runVendor(
		type,
		server,
		{
			resource: 'group',
			operation: 'removeMember',
			groupId: byDisplayName(group),
			userId: byUserName('={{ $json.email }}'),
			ignoreNotFound: true,
		},
		[{ email }],
	);
	return [String(json(deactivated)[0].outcome), String(json(removed)[0].outcome)];
}

/** The names of the groups a user is in, as the service holds them. */
export function groupsOf(store: ScimStore, userId: string): string[] {
	return [...store.groups.values()]
		.filter((group) => group.members.some((member) => member.value === userId))
		.map((group) => group.displayName)
		.sort();
}

/** Puts a user into exactly these groups (out of the vendor's fallback group, where there is one). */
export function placeIn(store: ScimStore, userId: string, names: string[]): void {
	for (const group of store.groups.values())
		group.members = group.members.filter((member) => member.value !== userId);
	for (const name of names) {
		const group = store.groupByName(name) ?? store.addGroup(name);
		group.members.push({ value: userId });
	}
}

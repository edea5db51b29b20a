import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { storesExternalId } from '../../../scim/externalId';
import { capabilitiesOf } from '../../../transport/capabilities';
import type { BatchContext, Operation } from '../../operation';
import { probeMembership } from './membershipProbe';
import {
	probeFilters,
	probeListings,
	probeLookups,
	probeMetadata,
	probePaging,
	probeVersions,
} from './probes';
import { NEEDS, verdictOf, WRITES } from './verdicts';
import type { Capability, WorkflowName } from './verdicts';
import { nodeUsesFor, WEAKER_GUARD, writeTest } from './writeTest';

/** The patch check after the write test: what the writes showed of PATCH, where the nodes use it. */
async function patchAsTried(
	capabilities: Capability[],
	connection: BatchContext['connection'],
): Promise<Capability[]> {
	const { patch } = await capabilitiesOf(connection);
	const writes = capabilities.filter(({ check }) =>
		['deactivate', 'reactivate', 'addMember', 'removeMember'].includes(check),
	);
	const refused = writes.find((capability) => !capability.ok);
	return capabilities.map((capability) =>
		capability.check !== 'patch'
			? capability
			: {
					...capability,
					untried: false,
					observed: !patch ? 'not used' : refused ? `refused (${refused.check})` : 'works',
					ok: !patch || !refused,
					detail: !patch
						? 'The service does not advertise PATCH: the nodes read and PUT the whole resource.'
						: refused
							? refused.detail
							: 'Deactivate, reactivate and the member changes went through as PATCH.',
				},
	);
}

/**
 * The writes Write Test would try, said to be not tried (PATCH has its own item already),
 * but where the service's /Schemas already say an existing user's externalId cannot be set.
 */
async function notTried(connection: BatchContext['connection']): Promise<Capability[]> {
	const { patch } = await capabilitiesOf(connection);
	const linking = (await storesExternalId(connection))
		? []
		: [
				{
					check: 'storeEmployeeId' as const,
					advertised: false,
					observed: 'externalId is read-only or immutable in /Schemas',
					ok: false,
					nodeUses: WEAKER_GUARD,
					detail: 'Known from the service’s /Schemas: nothing was tried.',
				},
			];
	const untried = WRITES.filter(
		(check) => check !== 'patch' && !linking.some((known) => known.check === check),
	);
	return [
		...untried.map((check) => ({
			check,
			advertised: null,
			observed: 'not tried',
			ok: false,
			untried: true,
			nodeUses: nodeUsesFor(check, patch),
			detail: 'Turn on Write Test to try it on a throwaway user and group.',
		})),
		...linking,
	];
}

/** A check as an item; `ok` is null for what was not tried: neither seen to work nor to fail. */
const asItem = ({
	check,
	advertised,
	observed,
	ok,
	untried,
	nodeUses,
	detail,
}: Capability): IDataObject => ({
	check,
	advertised,
	observed,
	ok: untried ? null : ok,
	nodeUses,
	detail,
});

/**
 * Check Service: what a SCIM service does of what the nodes rely on, and how the nodes
 * will work with it, then a verdict per workflow. Read-only unless Write Test is on.
 */
async function checkService({ ctx, connection }: BatchContext): Promise<INodeExecutionData[]> {
	const { capabilities: metadata, advertised } = await probeMetadata(connection);
	const listings = await probeListings(connection);
	let capabilities: Capability[] = [
		...metadata,
		...listings.capabilities,
		await probePaging(connection),
		...(await probeLookups(connection, listings.users)),
		...(await probeFilters(connection, listings.users)),
		...(await probeMembership(connection, listings.users, listings.groups)),
		...(await probeVersions(connection, listings.users, advertised.config)),
	];
	let leftBehind: IDataObject[] | undefined;
	if (ctx.getNodeParameter('writeTest', 0, false) === true) {
		const tested = await writeTest(ctx, connection);
		leftBehind = tested.leftBehind;
		capabilities = await patchAsTried([...capabilities, ...tested.capabilities], connection);
	} else capabilities.push(...(await notTried(connection)));
	const verdicts = (Object.keys(NEEDS) as WorkflowName[]).map((workflow) => ({
		...verdictOf(workflow, capabilities),
		...(leftBehind ? { leftBehind } : {}),
	}));
	return [...capabilities.map(asItem), ...verdicts].map((json) => ({
		json,
		pairedItem: { item: 0 },
	}));
}

export const check: Operation = {
	name: 'Check Service',
	action: 'Check what a SCIM service supports',
	description:
		'Probe what the nodes rely on (listing, paging, filters, membership, ETags, PATCH) and say, per workflow, whether it is ready',
	properties: () => [
		{
			displayName: 'Write Test',
			name: 'writeTest',
			type: 'boolean',
			default: false,
			description:
				'Whether to also try the writes on a throwaway user and group (scim-check-…@example.invalid): create, deactivate, reactivate, add and remove the member, delete both. Everything is removed again; anything that cannot be is listed in “leftBehind”. Without it the writes are “not tried”, and onboarding and offboarding are not called ready.',
		},
	],
	run: { allItems: checkService },
};

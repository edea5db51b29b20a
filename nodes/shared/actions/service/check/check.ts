import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

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
import { notTried } from './untried';
import { NEEDS, verdictOf } from './verdicts';
import type { Capability, CheckName, WorkflowName } from './verdicts';
import { writeTest } from './writeTest';

/** The writes the nodes make with PATCH where the service advertises it. */
const PATCH_WRITES: readonly CheckName[] = [
	'deactivate',
	'reactivate',
	'addMember',
	'removeMember',
];

/**
 * The patch check after the write test: what the writes showed of PATCH, where the nodes
 * use it. It says "works" only of writes that were tried; where none was, it stays "not
 * tried", saying why.
 */
async function patchAsTried(
	capabilities: Capability[],
	connection: BatchContext['connection'],
): Promise<Capability[]> {
	const { patch } = await capabilitiesOf(connection);
	const writes = PATCH_WRITES.map((name) => capabilities.find(({ check }) => check === name));
	const tried = writes.filter(
		(capability): capability is Capability => capability !== undefined && !capability.untried,
	);
	const untried = PATCH_WRITES.filter((name) => !tried.some(({ check }) => check === name));
	const refused = tried.find((capability) => !capability.ok);
	// Said as the first write it would have gone with was: "createUser failed first".
	const because = writes.find((capability) => capability?.notTriedBecause)?.notTriedBecause;
	const asTried = (capability: Capability): Capability => {
		if (!patch)
			return {
				...capability,
				untried: false,
				observed: 'not used',
				ok: true,
				detail: 'The service does not advertise PATCH: the nodes read and PUT the whole resource.',
			};
		if (refused)
			return {
				...capability,
				untried: false,
				observed: `refused (${refused.check})`,
				ok: false,
				detail: refused.detail,
			};
		if (tried.length === 0)
			return {
				...capability,
				untried: true,
				observed: 'not tried',
				ok: false,
				notTriedBecause: because ?? 'no write that uses it was tried',
				detail: `No write that uses PATCH was tried: ${untried.join(', ')} ${untried.length === 1 ? 'was' : 'were'} not.`,
			};
		const worked = tried.map(({ check }) => check).join(', ');
		return {
			...capability,
			untried: false,
			observed:
				untried.length === 0 ? 'works' : `works for ${worked}; not tried: ${untried.join(', ')}`,
			ok: true,
			detail:
				untried.length === 0
					? 'Deactivate, reactivate and the member changes went through as PATCH.'
					: `${worked} went through as PATCH; ${untried.join(', ')} ${untried.length === 1 ? 'was' : 'were'} not tried.`,
		};
	};
	return capabilities.map((capability) =>
		capability.check === 'patch' ? asTried(capability) : capability,
	);
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

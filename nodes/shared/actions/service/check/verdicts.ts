import type { IDataObject } from 'n8n-workflow';

/** What a check found about one thing the nodes rely on. */
export interface Capability {
	check: CheckName;
	/** What the service says of itself (ServiceProviderConfig), where it says anything. */
	advertised: string | boolean | null;
	/** What the probe saw. */
	observed: string;
	/** Whether the nodes can do what they need here, as the service is. */
	ok: boolean;
	/** How the nodes will work with it: the usual way, or the way around what it lacks. */
	nodeUses: string;
	detail: string;
	/** The nodes work around what the service lacks (ok, but not the usual way). */
	workaround?: boolean;
	/** Not tried (Write Test off, or nothing to try it on): the verdict does not count it as working. */
	untried?: boolean;
	/** Why a write was not tried, in a few words the verdict repeats: "turn on Write Test to try them". */
	notTriedBecause?: string;
	/** Judged from the users and groups listed now, since the service does not say: may change with them. */
	fromData?: boolean;
}

export type CheckName =
	| 'serviceProviderConfig'
	| 'resourceTypes'
	| 'schemas'
	| 'listUsers'
	| 'listGroups'
	| 'paging'
	| 'userNameFilter'
	| 'userNameCase'
	| 'externalIdFilter'
	| 'activeFilter'
	| 'startsWithFilter'
	| 'usersShowGroups'
	| 'groupsShowMembers'
	| 'membership'
	| 'etag'
	| 'patch'
	| 'createUser'
	| 'deactivate'
	| 'reactivate'
	| 'storeEmployeeId'
	| 'createGroup'
	| 'addMember'
	| 'removeMember'
	| 'deleteUser'
	| 'deleteGroup'
	| 'cleanUp';

/** The checks only Write Test tries: the writes, and PATCH as the writes use it. */
export const WRITES: readonly CheckName[] = [
	'patch',
	'createUser',
	'deactivate',
	'reactivate',
	'storeEmployeeId',
	'createGroup',
	'addMember',
	'removeMember',
	'deleteUser',
	'deleteGroup',
];

/** Why the writes are not tried without Write Test, as the verdict says it. */
export const WRITE_TEST_OFF = 'turn on Write Test to try them';

export type WorkflowName = 'offboarding' | 'onboarding' | 'licenseAudit' | 'trigger';

/** What each workflow needs of the service, in the order it matters. */
export const NEEDS: Record<WorkflowName, readonly CheckName[]> = {
	offboarding: [
		'userNameFilter',
		'userNameCase',
		'patch',
		'deactivate',
		'membership',
		'removeMember',
	],
	onboarding: ['userNameFilter', 'createUser', 'addMember'],
	licenseAudit: ['listUsers', 'paging'],
	trigger: ['listUsers', 'listGroups', 'paging', 'membership'],
};

const WORDS: Record<WorkflowName, string> = {
	offboarding: 'Offboarding (find by email, deactivate, remove from groups)',
	onboarding: 'Onboarding (create, add to a group)',
	licenseAudit: 'License audit (list every user)',
	trigger: 'Trigger (list everything, compare)',
};

/**
 * A workflow's verdict from the capabilities it needs: not ready where one it needs fails
 * with no way around it, was not tried (a write without Write Test, or after the write
 * before it failed), or is not among the capabilities at all: "ready" is said of what was
 * seen to work, never of what is missing. Ready with workarounds where the nodes go around
 * something; ready otherwise. What was judged from the data alone is said so.
 */
export function verdictOf(
	workflow: WorkflowName,
	capabilities: readonly Capability[],
): IDataObject {
	const missing = NEEDS[workflow].filter(
		(name) => !capabilities.some((capability) => capability.check === name),
	);
	const needed = NEEDS[workflow]
		.map((name) => capabilities.find((capability) => capability.check === name))
		.filter((capability): capability is Capability => capability !== undefined);
	const untried = needed.filter((capability) => capability.untried);
	const writes = untried.filter(({ check }) => WRITES.includes(check));
	const reads = untried.filter(({ check }) => !WRITES.includes(check));
	const failing = needed.filter((capability) => !capability.ok && !capability.untried);
	const around = needed.filter(
		(capability) => capability.ok && !capability.untried && capability.workaround,
	);
	const fromData = needed.filter((capability) => capability.fromData).map(({ check }) => check);
	const verdict =
		failing.length > 0 || untried.length > 0 || missing.length > 0
			? 'notReady'
			: around.length > 0
				? 'readyWithWorkarounds'
				: 'ready';
	const reasons = [
		...saidOnce(failing.map(({ check, detail }) => [check, detail])),
		...saidOnce(around.map(({ check, nodeUses }) => [check, nodeUses])),
		...notTried(writes),
		...saidOnce(reads.map(({ check, detail }) => [check, detail])),
		...(missing.length > 0 ? [`not checked: ${missing.join(', ')}`] : []),
		...(fromData.length > 0
			? [
					`${fromData.join(' and ')} judged from the users and groups listed now (the service’s /Schemas do not say), so this may change with them`,
				]
			: []),
	];
	return {
		workflow,
		verdict,
		why: `${WORDS[workflow]}: ${reasons.length > 0 ? reasons.join('; ') : 'everything it needs works'}`,
	};
}

/** The writes not tried, grouped by why: "not tried (turn on Write Test to try them): patch, deactivate". */
function notTried(writes: readonly Capability[]): string[] {
	const because = new Map<string, CheckName[]>();
	for (const { check, notTriedBecause } of writes) {
		const words = notTriedBecause ?? 'nothing to try them on';
		because.set(words, [...(because.get(words) ?? []), check]);
	}
	return [...because].map(([words, names]) => `not tried (${words}): ${names.join(', ')}`);
}

/** Reasons with the same words said once, naming every check they come from (a failing write fails PATCH too). */
function saidOnce(reasons: Array<[CheckName, string]>): string[] {
	const checks = new Map<string, CheckName[]>();
	for (const [check, words] of reasons) checks.set(words, [...(checks.get(words) ?? []), check]);
	return [...checks].map(([words, names]) => `${names.join(' and ')}: ${words}`);
}

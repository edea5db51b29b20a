/**
 * What Check Service says of the writes it did not try: all of them without Write Test,
 * and, with it, those the write before them left nothing to try on. Each is still an item,
 * "not tried" with why, so that no verdict is said of a write nobody saw work.
 */

import { storesExternalId } from '../../../scim/externalId';
import { capabilitiesOf } from '../../../transport/capabilities';
import type { ScimConnection } from '../../../transport/connection';
import { WRITE_TEST_OFF, WRITES } from './verdicts';
import type { Capability, CheckName } from './verdicts';

/** What Sync With List does where an existing account's externalId cannot be set. */
export const WEAKER_GUARD =
	'Sync With List cannot store the Employee ID on accounts it did not create: a recycled address is told from its former owner only on accounts Sync created, and an inactive account found by its address alone is held, not reactivated';

/** How the nodes make each write. */
export const NODE_USES: Partial<Record<CheckName, string>> = {
	storeEmployeeId:
		'Sync With List stores each person’s Employee ID on the account it matches, so a recycled address is told from its former owner',
	createUser: 'POST /Users, looked up first where the answer is lost',
	deactivate: 'active set to false in the service’s dialect',
	reactivate: 'active set to true in the service’s dialect',
	createGroup: 'POST /Groups',
	deleteUser: 'DELETE /Users/{id}',
	deleteGroup: 'DELETE /Groups/{id}',
};

/** How the nodes make a write, as the service advertises PATCH or not. */
export function nodeUsesFor(check: CheckName, patch: boolean): string {
	if (check === 'addMember' || check === 'removeMember')
		return patch ? 'PATCH, one member a request' : 'GET + PUT of the whole group';
	return NODE_USES[check] ?? '';
}

/**
 * A write Write Test could not try because the write it needs failed first: not tried
 * (`ok: null` in its item), never counted as working, and saying which write failed.
 */
export function skipped(check: CheckName, failedFirst: CheckName[], patch: boolean): Capability {
	const which = failedFirst.join(' and ');
	return {
		check,
		advertised: null,
		observed: 'not tried',
		ok: false,
		untried: true,
		notTriedBecause: `${which} failed first`,
		nodeUses: nodeUsesFor(check, patch),
		detail: `Not tried: ${which} failed, so there was nothing to try it on.`,
	};
}

/**
 * Where the service's /Schemas make externalId read-only or immutable, what storeEmployeeId
 * is known to be without trying it; undefined where they allow it (or do not say).
 */
export async function unlinkableBySchemas(
	connection: ScimConnection,
): Promise<Capability | undefined> {
	if (await storesExternalId(connection)) return undefined;
	return {
		check: 'storeEmployeeId',
		advertised: false,
		observed: 'externalId is read-only or immutable in /Schemas',
		ok: false,
		nodeUses: WEAKER_GUARD,
		detail: 'Known from the service’s /Schemas: nothing was tried.',
	};
}

/**
 * The writes Write Test would try, said to be not tried (PATCH has its own item already),
 * but where the service's /Schemas already say an existing user's externalId cannot be set.
 */
export async function notTried(connection: ScimConnection): Promise<Capability[]> {
	const { patch } = await capabilitiesOf(connection);
	const known = await unlinkableBySchemas(connection);
	const untried = WRITES.filter((check) => check !== 'patch' && check !== known?.check);
	return [
		...untried.map((check) => ({
			check,
			advertised: null,
			observed: 'not tried',
			ok: false,
			untried: true,
			notTriedBecause: WRITE_TEST_OFF,
			nodeUses: nodeUsesFor(check, patch),
			detail: 'Turn on Write Test to try it on a throwaway user and group.',
		})),
		...(known ? [known] : []),
	];
}

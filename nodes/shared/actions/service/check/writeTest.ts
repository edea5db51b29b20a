import { randomUUID } from 'node:crypto';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { deleteById, findUsersByUserName, getById } from '../../../scim/resources';
import type { ScimGroup, ScimUser } from '../../../scim/types';
import { updateUserAttributes } from '../../../scim/update';
import { capabilitiesOf } from '../../../transport/capabilities';
import type { ScimConnection } from '../../../transport/connection';
import { createNamedGroup } from '../../group/create';
import { changeGroups } from '../../group/membership';
import { InputReader } from '../../input';
import type { ItemContext } from '../../item';
import { createAccount } from '../../user/create';
import { writeActive } from '../../user/setActive';
import { failed } from './probes';
import { NODE_USES, skipped, unlinkableBySchemas, WEAKER_GUARD } from './untried';
import type { Capability, CheckName } from './verdicts';

/** Something the write test made, to be removed again. */
interface Made {
	resourceType: 'User' | 'Group';
	id: string;
}

/**
 * The writes the nodes make, tried on a throwaway user and group whose names cannot be a
 * real person's or team's (`scim-check-<random>@example.invalid`): create, deactivate,
 * reactivate, add and remove the member (PATCH, and PUT of the whole group where PATCH
 * fails), delete both. Every one of them is an item: one that could not be tried because
 * the write it needs failed first (no user, no group, no membership) is "not tried" and
 * says which. Everything made is removed in the end, whatever failed on the way; what
 * could not be removed is named by id.
 */
export async function writeTest(
	ctx: IExecuteFunctions,
	connection: ScimConnection,
): Promise<{
	capabilities: Capability[];
	leftBehind: IDataObject[];
}> {
	const item: ItemContext = {
		ctx,
		connection,
		itemIndex: 0,
		input: new InputReader(ctx.getNode(), 0, 'Check Service'),
		park: async (waiting) => await waiting,
	};
	const { patch } = await capabilitiesOf(connection);
	const name = `scim-check-${randomUUID().slice(0, 8)}`;
	const userName = `${name}@example.invalid`;
	const made: Made[] = [];
	const capabilities: Capability[] = [];
	const step = async (check: CheckName, work: () => Promise<string>): Promise<boolean> => {
		try {
			const observed = await work();
			capabilities.push({
				check,
				advertised: null,
				observed,
				ok: true,
				nodeUses: NODE_USES[check] ?? '',
				detail: 'Tried on the throwaway user and group.',
			});
			return true;
		} catch (error) {
			capabilities.push(failed(check, error));
			return false;
		}
	};
	const skip = (checks: CheckName[], failedFirst: CheckName[]) =>
		capabilities.push(...checks.map((check) => skipped(check, failedFirst, patch)));
	let user: ScimUser | undefined;
	let group: ScimGroup | undefined;
	let member = false;
	const leftBehind: IDataObject[] = [];
	try {
		await step('createUser', async () => {
			const { user: created } = await createAccount(
				item,
				userName,
				[
					{ path: 'name.givenName', value: 'SCIM' },
					{ path: 'name.familyName', value: 'Check' },
				],
				'error',
			);
			user = created;
			made.push({ resourceType: 'User', id: created.id });
			return `created ${created.id}`;
		});
		if (user) {
			const account = user;
			await step(
				'deactivate',
				async () => `active: ${String((await writeActive(item, account, false))?.active ?? false)}`,
			);
			await step(
				'reactivate',
				async () => `active: ${String((await writeActive(item, account, true))?.active ?? true)}`,
			);
			if (!(await step('storeEmployeeId', async () => await storeEmployeeId(item, account))))
				capabilities[capabilities.length - 1].nodeUses = WEAKER_GUARD;
		} else {
			skip(['deactivate', 'reactivate'], ['createUser']);
			capabilities.push(
				(await unlinkableBySchemas(connection)) ??
					skipped('storeEmployeeId', ['createUser'], patch),
			);
		}
		await step('createGroup', async () => {
			group = await createNamedGroup(item, name);
			made.push({ resourceType: 'Group', id: group.id });
			return `created ${group.id}`;
		});
		if (user && group) {
			const [account, team] = [user, group];
			member = await membershipStep(capabilities, item, account, team, true);
			if (member) member = !(await membershipStep(capabilities, item, account, team, false));
			else skip(['removeMember'], ['addMember']);
		} else
			skip(
				['addMember', 'removeMember'],
				[...(user ? [] : ['createUser' as const]), ...(group ? [] : ['createGroup' as const])],
			);
	} finally {
		// Whatever failed above, nothing made here stays behind unnoticed.
		if (user && group && member)
			await changeGroups(item, user, [{ group, add: false }]).catch(() => undefined);
		for (const resourceType of ['Group', 'User'] as const) {
			const check = resourceType === 'User' ? 'deleteUser' : 'deleteGroup';
			const id = made.find((thing) => thing.resourceType === resourceType)?.id;
			if (id === undefined) {
				skip([check], [resourceType === 'User' ? 'createUser' : 'createGroup']);
				continue;
			}
			const removed = await step(check, async () => {
				await deleteById(connection, resourceType, id);
				return `deleted ${id}`;
			});
			if (!removed)
				leftBehind.push({ resourceType, id, error: capabilities.at(-1)?.detail ?? null });
			else if (resourceType === 'User') {
				const kept = await accountKept(item, userName);
				if (kept?.why) {
					capabilities[capabilities.length - 1] = {
						...capabilities[capabilities.length - 1],
						observed: `deleted ${id}, but the app keeps the account`,
						ok: false,
						detail: `After the DELETE, ${kept.why}: the app keeps its own account for ${userName}, which a later create of that user will meet.`,
					};
					leftBehind.push({ resourceType, id, userName, error: kept.why });
				}
				if (kept?.remade) leftBehind.push(kept.remade);
			}
		}
	}
	capabilities.push({
		check: 'cleanUp',
		advertised: null,
		observed: leftBehind.length === 0 ? 'nothing left behind' : `${leftBehind.length} left behind`,
		ok: leftBehind.length === 0,
		nodeUses: 'nothing: only this check makes them',
		detail:
			leftBehind.length === 0
				? `Everything named ${name} is gone again.`
				: `Remove by hand: ${leftBehind.map(named).join(', ')}.`,
	});
	return { capabilities, leftBehind };
}

/** What was left behind, as a person finds it: by id, or, deleted over SCIM but kept by the app, by userName. */
const named = ({ resourceType, id, userName }: IDataObject) =>
	userName
		? `the app’s own account for ${String(userName)} (SCIM user ${String(id)} is deleted)`
		: `${String(resourceType)} ${String(id)}`;

/** Sets the throwaway user's externalId, as Sync With List links an employee ID, and checks it was kept. */
async function storeEmployeeId(item: ItemContext, user: ScimUser): Promise<string> {
	const value = `scim-check-${randomUUID().slice(0, 8)}`;
	const answer = await updateUserAttributes(item.connection, user, [{ path: 'externalId', value }]);
	const kept = (answer ?? (await getById<ScimUser>(item.connection, 'User', user.id)))?.externalId;
	if (kept !== value)
		throw new Error(
			`The service took the change but kept externalId ${JSON.stringify(kept ?? null)}`,
		);
	return 'kept';
}

/**
 * After the throwaway user's DELETE, whether the app still holds the account: found again
 * by its userName, or a new create of that userName refused (some apps unlink the SCIM
 * user and keep their own). A create that goes through is deleted again; where that
 * fails, the new user is named to remove by hand.
 */
async function accountKept(
	item: ItemContext,
	userName: string,
): Promise<{ why?: string; remade?: IDataObject } | undefined> {
	const { connection } = item;
	const found = await findUsersByUserName(connection, userName).catch(() => []);
	if (found.length > 0) return { why: 'it is still found by its userName' };
	let remade: ScimUser;
	try {
		({ user: remade } = await createAccount(item, userName, [], 'error'));
	} catch (error) {
		return { why: `a new create of its userName is refused (${(error as Error).message})` };
	}
	try {
		await deleteById(connection, 'User', remade.id);
		return undefined;
	} catch (error) {
		return {
			remade: { resourceType: 'User', id: remade.id, error: (error as Error).message ?? null },
		};
	}
}

/**
 * Adds or removes the throwaway member the way the nodes would; where PATCH fails, tries
 * PUT of the whole group, which the nodes use for a service without PATCH, and says which
 * worked. Answers whether the change was made.
 */
async function membershipStep(
	capabilities: Capability[],
	item: ItemContext,
	user: ScimUser,
	group: ScimGroup,
	add: boolean,
): Promise<boolean> {
	const check = add ? 'addMember' : 'removeMember';
	const { connection } = item;
	const known = await capabilitiesOf(connection);
	try {
		await changeGroups(item, user, [{ group, add }]);
		capabilities.push({
			check,
			advertised: null,
			observed: 'done',
			ok: true,
			workaround: !known.patch,
			nodeUses: known.patch ? 'PATCH, one member a request' : 'GET + PUT of the whole group',
			detail: 'Tried on the throwaway user and group.',
		});
		return true;
	} catch (error) {
		if (!known.patch) {
			capabilities.push(failed(check, error));
			return false;
		}
		// The same change the way the nodes make it where there is no PATCH.
		const withoutPatch: ScimConnection = {
			...connection,
			memo: { capabilities: Promise.resolve({ ...known, patch: false }) },
		};
		try {
			await changeGroups({ ...item, connection: withoutPatch }, user, [{ group, add }]);
		} catch {
			capabilities.push(failed(check, error));
			return false;
		}
		capabilities.push({
			check,
			advertised: true,
			observed: 'PATCH refused; PUT of the whole group worked',
			ok: false,
			nodeUses: 'PATCH, as the service advertises, which fails',
			detail: `${(error as Error).message}. The nodes use PATCH where the service advertises it.`,
		});
		return true;
	}
}

import { membershipDisagreement, membershipView } from '../../../scim/membership';
import type { MembershipView, ShowingSource } from '../../../scim/membership';
import type { ScimGroup, ScimUser } from '../../../scim/types';
import type { ScimConnection } from '../../../transport/connection';
import { failed } from './probes';
import type { Capability } from './verdicts';

/** What /Schemas say of a side, for the advertised column: true (returned by default), false, or null (not said). */
const advertisedBy = (view: MembershipView, side: 'members' | 'groups') =>
	view.from[side] === 'schemas' ? view[side] === 'shown' : null;

/** Where a side's showing was learnt, in words. */
function learnt(from: ShowingSource, attribute: string, shown: boolean): string {
	if (from === 'schemas')
		return `Its /Schemas say ${attribute} is ${shown ? 'returned by default, so one left out is empty (RFC 7643 §2.5)' : 'not returned by default'}.`;
	if (from === 'vendor') return `The vendor’s ${attribute} are known not to tell.`;
	return `Its /Schemas do not say whether ${attribute} is returned, so this is judged from the resources listed now.`;
}

/**
 * Where membership shows: on users, on groups, or neither; and what the nodes make of it.
 * Judged by the rule the operations follow (scim/membership.ts), from what the service
 * says of itself where it says it, so that the verdict does not change with who is in a
 * group today; where only the data can tell, the check says so.
 */
export async function probeMembership(
	connection: ScimConnection,
	users: ScimUser[] | undefined,
	groups: ScimGroup[] | undefined,
): Promise<Capability[]> {
	if (!users || !groups) {
		const why = new Error('Users and groups could not both be listed.');
		return [
			failed('usersShowGroups', why),
			failed('groupsShowMembers', why),
			failed('membership', why),
		];
	}
	const view = await membershipView(connection, { users, groups }, { askService: true });
	const usersShow = view.groups === 'shown';
	const groupsShow = view.members === 'shown';
	const known = usersShow || groupsShow;
	const missed = membershipDisagreement(view, users, groups);
	// Known from what the service says of itself, or unknown by its own word: then the data does not sway it.
	const saidByService =
		(groupsShow && view.from.members !== 'data') ||
		(usersShow && view.from.groups !== 'data') ||
		(!known && view.from.members !== 'data' && view.from.groups !== 'data');
	return [
		{
			check: 'usersShowGroups',
			advertised: advertisedBy(view, 'groups'),
			observed: usersShow ? 'yes' : 'no',
			ok: true,
			nodeUses: usersShow
				? 'each user’s groups as shown; a user without “groups” is in none'
				: 'each user’s groups read from the groups’ members',
			detail: `RFC 7643 lets a service leave the read-only “groups” off its users. ${learnt(view.from.groups, 'users’ “groups”', usersShow)}`,
		},
		{
			check: 'groupsShowMembers',
			advertised: advertisedBy(view, 'members'),
			observed: !groupsShow
				? 'no'
				: missed > 0
					? `yes, but ${missed} memberships the users show are missing`
					: 'yes',
			ok: true,
			workaround: missed > 0,
			nodeUses: !groupsShow
				? 'each group’s members read from the users’ groups'
				: missed > 0
					? 'every membership either side shows'
					: 'each group’s members as shown; a group without “members” has none',
			detail:
				missed > 0
					? 'The groups’ member lists leave out people whose own “groups” name them (lists cut short, or shown empty whatever they hold).'
					: learnt(view.from.members, 'groups’ “members”', groupsShow),
		},
		membershipCapability(known, groupsShow, missed, !saidByService),
	];
}

const DATA_ONLY =
	'The service’s /Schemas do not say whether it returns groups’ “members” or users’ “groups”, so this is judged from the users and groups listed now, and may change with them: while nobody is in any group nothing shows membership, and Remove From All Groups, the trigger’s membership events and Sync With List’s groups refuse to guess.';

function membershipCapability(
	known: boolean,
	groupsShow: boolean,
	missed: number,
	fromData: boolean,
): Capability {
	const where = known
		? groupsShow
			? 'shown on the groups'
			: 'shown on the users'
		: 'shown nowhere';
	return {
		check: 'membership',
		advertised: null,
		observed: fromData ? `${where} (judged from the data)` : where,
		ok: known,
		workaround: missed > 0,
		...(fromData ? { fromData: true } : {}),
		nodeUses: !known
			? 'nothing: Remove From All Groups, the trigger’s membership events and Sync With List’s groups refuse to guess'
			: missed > 0
				? 'every membership either side shows, since the groups’ lists miss some'
				: 'who is in which group, from one listing',
		detail: fromData
			? DATA_ONLY
			: known
				? 'Remove From All Groups, the trigger and Sync With List know who is in which group, whoever is in one.'
				: 'Neither the users’ groups nor the groups’ members are returned, so who is in a group is not known.',
	};
}

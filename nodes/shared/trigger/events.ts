import type { INodePropertyOptions } from 'n8n-workflow';

import type { EventName } from './diff';

/** The trigger's events: parameter value, emitted name, and what it means. */
export const TRIGGER_EVENTS: Array<INodePropertyOptions & { value: string; event: EventName }> = [
	{
		name: 'Group Created',
		value: 'groupCreated',
		event: 'group.created',
		description: 'A group appeared',
	},
	{
		name: 'Group Deleted',
		value: 'groupDeleted',
		event: 'group.deleted',
		description: 'A group disappeared',
	},
	{
		name: 'Group Members Changed',
		value: 'groupMembersChanged',
		event: 'group.membersChanged',
		description: 'Users joined or left a group (with their IDs)',
	},
	{
		name: 'Group Updated',
		value: 'groupUpdated',
		event: 'group.updated',
		description: 'A group was renamed or its external ID changed',
	},
	{
		name: 'User Created',
		value: 'userCreated',
		event: 'user.created',
		description: 'A user account appeared: a joiner',
	},
	{
		name: 'User Deactivated',
		value: 'userDeactivated',
		event: 'user.deactivated',
		description: 'A user was set inactive: a leaver',
	},
	{
		name: 'User Deleted',
		value: 'userDeleted',
		event: 'user.deleted',
		description: 'A user account disappeared',
	},
	{
		name: 'User Reactivated',
		value: 'userReactivated',
		event: 'user.reactivated',
		description: 'An inactive user was set active again',
	},
	{
		name: 'User Updated',
		value: 'userUpdated',
		event: 'user.updated',
		description: 'A user’s name, email, title, manager or other attribute changed',
	},
];

/** What a set of chosen events needs listed on each poll. */
export interface Watch {
	users: boolean;
	groups: boolean;
	membership: boolean;
	events: Set<EventName>;
}

export function watchFor(selected: string[]): Watch {
	const events = new Set(
		TRIGGER_EVENTS.filter((option) => selected.includes(option.value)).map(
			(option) => option.event,
		),
	);
	const membership = events.has('group.membersChanged');
	return {
		users: membership || [...events].some((event) => event.startsWith('user.')),
		groups: [...events].some((event) => event.startsWith('group.')),
		membership,
		events,
	};
}

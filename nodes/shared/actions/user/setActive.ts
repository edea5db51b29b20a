import type { IDataObject } from 'n8n-workflow';

import { parameter } from '../item';
import type { ItemContext } from '../item';
import { locateUser, readLocator } from '../locate';
import { notFoundOutcome } from '../outcome';
import { refuseProtected } from '../safety';
import type { Outcome } from '../outcome';
import type { ScimUser } from '../../scim/types';
import { replaceAttributes } from '../../scim/update';

const OUTCOMES: Record<'true' | 'false', { changed: Outcome; unchanged: Outcome }> = {
	false: { changed: 'deactivated', unchanged: 'alreadyInactive' },
	true: { changed: 'reactivated', unchanged: 'alreadyActive' },
};

function result(user: ScimUser, outcome: Outcome): IDataObject {
	return {
		outcome,
		id: user.id,
		userName: user.userName,
		active: user.active ?? true,
		displayName: user.displayName ?? null,
	};
}

/** The answer, and the user as found before the change (absent when not found). */
interface ActiveChange {
	answer: IDataObject;
	user?: ScimUser;
}

/** Deactivate or reactivate: idempotent, and checked against what the service answers. */
export async function setActive(item: ItemContext, active: boolean): Promise<ActiveChange> {
	const { input, connection } = item;
	const locator = readLocator(input, 'User', parameter(item, 'userId'));
	const outcomes = OUTCOMES[String(active) as 'true' | 'false'];

	const user = await locateUser(connection, input, locator);
	if (!user) return { answer: notFoundOutcome(item, 'user', locator) };
	if (!active) refuseProtected(item, user, 'deactivated');
	// SCIM's default for a missing "active" is true.
	if ((user.active ?? true) === active) return { answer: result(user, outcomes.unchanged), user };

	const updated = await writeActive(item, user, active);
	if (!updated) return { answer: notFoundOutcome(item, 'user', locator) };
	// A dry run shows the account as it is; the outcome says what would change.
	const shown = item.connection.planned ? user : { ...user, ...updated };
	return { answer: result(shown, outcomes.changed), user };
}

/**
 * Sets `active` in the service's dialect and checks the answer: a service that accepts the
 * change but does not apply it fails the item. Undefined when the user is gone.
 */
export async function writeActive(
	item: ItemContext,
	user: ScimUser,
	active: boolean,
): Promise<ScimUser | undefined> {
	const { connection } = item;
	const updated = await replaceAttributes(item.connection, 'User', user, { active });
	if (updated?.active !== undefined && updated.active !== active) {
		item.input.fail(
			'User',
			`is still ${updated.active ? 'active' : 'inactive'}: the service accepted the change but did not apply it`,
			`Check in ${connection.profile.identity.displayName} whether this user can be ${OUTCOMES[String(active) as 'true' | 'false'].changed}.`,
		);
	}
	return updated;
}

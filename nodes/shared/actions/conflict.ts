import { ScimApiError } from '../transport/errors';
import type { ItemContext } from './item';

/** A field the service may name in a refusal, and the words it may name it by. */
export interface NamedField {
	label: string;
	names: readonly string[];
}

/** The fields a service's detail names, by whole words, case aside ("email" names Email, "emails" too). */
function fieldsNamedIn(detail: string, fields: readonly NamedField[]): string[] {
	const text = detail.toLowerCase();
	return fields
		.filter(({ names }) =>
			names.some((name) =>
				new RegExp(
					`(^|[^a-z])${name.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}s?($|[^a-z])`,
				).test(text),
			),
		)
		.map(({ label }) => label);
}

/**
 * A create or rename the service refused as a duplicate (409, or a vendor's own wording),
 * when looking the name up found no other resource holding it: the clash is over another
 * value the service keeps unique. The item fails with the service's own detail, naming the
 * field it names where it names one, and never claims the name is taken.
 */
export function unconfirmedConflict(
	item: ItemContext,
	field: string,
	lookedUp: string,
	error: unknown,
	fields: readonly NamedField[],
): never {
	const scim = error instanceof ScimApiError ? error.scim : undefined;
	const detail = scim?.detail;
	const named = detail ? fieldsNamedIn(detail, fields) : [];
	const answer = scim
		? `${scim.status}${scim.scimType ? ` (${scim.scimType})` : ''}${detail ? `: ${JSON.stringify(detail)}` : ''}`
		: 'an answer that means “already exists”';
	const which =
		named.length > 0
			? `the service names ${named.join(' and ')}`
			: 'the service does not say which value';
	return item.input.fail(
		field,
		`was refused as a duplicate with ${answer}, but nothing is found under ${lookedUp}: the clash is over another value the service keeps unique, and ${which}`,
		named.length > 0
			? `Check which resource in ${item.connection.profile.identity.displayName} already holds that ${named.join(' or ')}, or send another one.`
			: `Check in ${item.connection.profile.identity.displayName} which resource holds the same values.`,
	);
}

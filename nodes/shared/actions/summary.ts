import type { IDataObject } from 'n8n-workflow';

/** What a write's item is about, as a person names it. */
function subjectOf(json: IDataObject): string {
	const name = json.userName ?? json.displayName ?? json.value ?? json.id;
	return typeof name === 'string' && name !== '' ? name : 'the resource';
}

const groupNames = (groups: unknown) =>
	Array.isArray(groups)
		? groups
				.map((group) => (group as IDataObject)?.displayName ?? group)
				.filter((name): name is string => typeof name === 'string')
		: [];

/** "and remove them from Sales, EMEA" where an offboarding leaves groups. */
function leaving(json: IDataObject, planned: boolean): string {
	const names = groupNames(json.removedFromGroups);
	return names.length > 0
		? ` and ${planned ? 'remove' : 'removed'} them from ${names.join(', ')}`
		: '';
}

function rejoining(json: IDataObject): string {
	const names = groupNames(json.restoredGroups);
	return names.length > 0 ? ` and put them back in ${names.join(', ')}` : '';
}

const group = (json: IDataObject) => String(json.groupDisplayName ?? json.groupId);

/** One line per outcome: what a write did (or, planned, would do), in the vendor's name. */
const LINES: Record<string, (json: IDataObject, vendor: string, planned: boolean) => string> = {
	created: (json, vendor, planned) =>
		`${planned ? 'Would create' : 'Created'} ${subjectOf(json)} in ${vendor}`,
	alreadyExists: (json, vendor) =>
		`${subjectOf(json)} already exists in ${vendor}: nothing was created`,
	updated: (json, vendor, planned) =>
		`${planned ? 'Would update' : 'Updated'} ${subjectOf(json)} in ${vendor}`,
	deactivated: (json, vendor, planned) =>
		`${planned ? 'Would deactivate' : 'Deactivated'} ${subjectOf(json)} in ${vendor}${leaving(json, planned)}`,
	alreadyInactive: (json, vendor, planned) =>
		`${subjectOf(json)} is already inactive in ${vendor}${leaving(json, planned)}`,
	reactivated: (json, vendor, planned) =>
		`${planned ? 'Would reactivate' : 'Reactivated'} ${subjectOf(json)} in ${vendor}${rejoining(json)}`,
	alreadyActive: (json, vendor) =>
		`${subjectOf(json)} is already active in ${vendor}${rejoining(json)}`,
	deleted: (json, vendor, planned) =>
		`${planned ? 'Would delete' : 'Deleted'} ${json.resourceType === 'Group' ? 'group' : 'user'} ${subjectOf(json)} in ${vendor}`,
	added: (json, vendor, planned) =>
		`${planned ? 'Would add' : 'Added'} ${subjectOf(json)} to ${group(json)} in ${vendor}`,
	alreadyMember: (json, vendor) => `${subjectOf(json)} is already in ${group(json)} in ${vendor}`,
	removed: (json, vendor, planned) =>
		`${planned ? 'Would remove' : 'Removed'} ${subjectOf(json)} from ${group(json)} in ${vendor}`,
	notMember: (json, vendor) =>
		`${subjectOf(json)} is not in ${group(json)} in ${vendor}: nothing to do`,
	notFound: (json, vendor) =>
		`No ${json.resourceType === 'Group' ? 'group' : 'user'} ${JSON.stringify(json.value)} in ${vendor}: nothing to do`,
};

/**
 * A write's item as a person reads it: the outcome first, then one line in words of what
 * was done or would be done, then the rest. `outcome` is the real run's outcome (a dry
 * run's item carries its "would…" form already).
 */
export function withSummary(
	json: IDataObject,
	outcome: unknown,
	vendor: string,
	planned: boolean,
): IDataObject {
	const line = typeof outcome === 'string' ? LINES[outcome] : undefined;
	if (!line) return json;
	const { outcome: shown, ...rest } = json;
	return { outcome: shown, summary: line(json, vendor, planned), ...rest };
}

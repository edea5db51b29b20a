import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { withoutSchemas } from '../../../scim/attributes';
import { ENDPOINT, SCHEMA } from '../../../scim/types';
import type { ScimGroup } from '../../../scim/types';
import { resourcePath } from '../../../transport/request';
import { dryRunConnection } from '../../../transport/connection';
import type { PlannedRequest, ScimConnection } from '../../../transport/connection';
import { createNamedGroup } from '../../group/create';
import { InputReader } from '../../input';
import type { ItemContext } from '../../item';
import { PLANNED_ID } from '../create';
import { keyOf } from './match';
import type { PlannedGroup } from './types';

/** The groups a plan created, for the entries that join them. */
export interface NewGroups {
	/** The group to write to: as planned, or as created; throws where its creation failed. */
	of(group: PlannedGroup): ScimGroup;
	/** On a dry run, the planned creation of the groups among these, each handed out once. */
	plannedFor(groups: readonly PlannedGroup[]): PlannedRequest[];
}

export const NO_NEW_GROUPS: NewGroups = {
	of: (group) => ({ id: group.id ?? PLANNED_ID, displayName: group.displayName }),
	plannedFor: () => [],
};

/** Creates the groups the plan names that do not exist yet; one that fails fails those who were to join it. */
export async function createGroups(
	names: readonly string[],
	shared: ScimConnection,
	dryRun: boolean,
	ctx: IExecuteFunctions,
): Promise<NewGroups> {
	const created = new Map<
		string,
		{ group?: ScimGroup; error?: unknown; planned?: PlannedRequest[] }
	>();
	for (const name of names) {
		const connection = dryRun ? dryRunConnection(shared) : shared;
		const item: ItemContext = {
			ctx,
			connection,
			itemIndex: 0,
			input: new InputReader(ctx.getNode(), 0, `Group ${JSON.stringify(name)}`),
			park: async (waiting) => await waiting,
		};
		try {
			const group = await createNamedGroup(item, name);
			// Each group a dry run would create stands under an id of its own, and is read back as planned: empty.
			const id = group.id ?? `${PLANNED_ID}-group-${created.size + 1}`;
			if (dryRun)
				(shared.memo.planned ??= new Map()).set(resourcePath(ENDPOINT.Group, id), {
					...withoutSchemas(group as unknown as IDataObject),
					schemas: [SCHEMA.group],
					id,
					members: [],
				});
			created.set(keyOf(name), { group: { ...group, id }, planned: connection.planned });
		} catch (error) {
			created.set(keyOf(name), { error });
		}
	}
	return {
		of(group) {
			if (group.id !== undefined) return NO_NEW_GROUPS.of(group);
			const made = created.get(keyOf(group.displayName));
			if (made?.group) return made.group;
			throw new Error(
				`The group ${JSON.stringify(group.displayName)} could not be created: ${(made?.error as Error | undefined)?.message ?? 'it was not attempted'}`,
			);
		},
		plannedFor(groups) {
			return groups.flatMap((group) =>
				group.id === undefined
					? (created.get(keyOf(group.displayName))?.planned?.splice(0) ?? [])
					: [],
			);
		},
	};
}

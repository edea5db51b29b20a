import path from 'node:path';

import type { OperationId } from '../../nodes/shared/actions/operations';
import type { VendorProfile } from '../../nodes/shared/vendors/profile';
import { PACKAGE_ROOT } from '../harness/packageRoot';
import { nodeType, nodeTypes } from '../harness/packageTypes';
import { offeredOperations } from '../integration/vendors.fixtures';

/** The built modules, as the nodes use them. */
const built = <T>(file: string) =>
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	require(path.join(PACKAGE_ROOT, 'dist', 'nodes', 'shared', file)) as T;

const { OPERATIONS } = built<{ OPERATIONS: Record<'user' | 'group', Record<string, unknown>> }>(
	'actions/operations.js',
);

const PROFILES: Record<string, VendorProfile> = {
	scim: built<{ genericProfile: VendorProfile }>('vendors/generic.js').genericProfile,
	leadIq: built<{ leadIqProfile: VendorProfile }>('vendors/leadIq.js').leadIqProfile,
	leapsome: built<{ leapsomeProfile: VendorProfile }>('vendors/leapsome.js').leapsomeProfile,
	spekit: built<{ spekitProfile: VendorProfile }>('vendors/spekit.js').spekitProfile,
};

describe('the operation table', () => {
	test.each(Object.keys(PROFILES))(
		'the %s node offers in the editor exactly the table’s operations less its vendor’s unsupported ones',
		(node) => {
			const unsupported: readonly OperationId[] = PROFILES[node].operations.unsupported;
			for (const resource of ['user', 'group'] as const) {
				const expected = Object.keys(OPERATIONS[resource])
					.filter((name) => !unsupported.includes(`${resource}.${name}` as OperationId))
					.sort();
				expect(offeredOperations(node, resource)).toEqual(expected);
			}
		},
	);

	test('every unsupported operation a vendor names is in the table', () => {
		for (const profile of Object.values(PROFILES)) {
			for (const id of profile.operations.unsupported) {
				const [resource, name] = id.split('.') as ['user' | 'group', string];
				expect(Object.keys(OPERATIONS[resource])).toContain(name);
			}
		}
	});
});

describe('the editor', () => {
	test.each(Object.keys(PROFILES))(
		'every resource locator mode of the %s node is named in a word or two that fit its mode menu',
		(node) => {
			const properties = nodeTypes.types.get(nodeType(node))?.description.properties ?? [];
			const labels = properties
				.filter((property) => property.type === 'resourceLocator')
				.flatMap((property) => (property.modes ?? []).map((mode) => mode.displayName));
			expect(labels.length).toBeGreaterThan(0);
			for (const label of labels)
				expect({ label, fits: label.length <= 9 }).toEqual({ label, fits: true });
		},
	);
});

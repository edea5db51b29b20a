import type { INodeProperties } from 'n8n-workflow';

import { nodeType, nodeTypes } from '../harness/packageTypes';
import type { RunningSimulator } from '../servers/vendorSimulator';

/**
 * Starts a fresh simulator for each test; `current()` is the running one. After each
 * test, every request the nodes sent must have been valid for the vendor's API.
 */
export function useSimulator<T extends Pick<RunningSimulator, 'close'> & { violations?: string[] }>(
	start: () => Promise<T>,
) {
	let simulator: T | undefined;
	beforeEach(async () => {
		simulator = await start();
	});
	afterEach(async () => {
		const violations = simulator?.violations ?? [];
		await simulator?.close();
		simulator = undefined;
		expect(violations).toEqual([]);
	});
	return () => {
		if (!simulator) throw new Error('The simulator is not running');
		return simulator;
	};
}

/** The operations a built node offers for a resource, as the editor lists them. */
export function offeredOperations(type: string, resource: 'user' | 'group'): string[] {
	const properties = nodeTypes.types.get(nodeType(type))?.description.properties ?? [];
	const operation = properties.find(
		(property: INodeProperties) =>
			property.name === 'operation' && property.displayOptions?.show?.resource?.includes(resource),
	);
	return (operation?.options ?? [])
		.map((option) => String((option as { value: string }).value))
		.sort();
}

/** The fields of a node's collection parameter for a resource and operation. */
export function collectionFields(type: string, name: string, operation: string): string[] {
	const properties = nodeTypes.types.get(nodeType(type))?.description.properties ?? [];
	const collection = properties.find(
		(property: INodeProperties) =>
			property.name === name && property.displayOptions?.show?.operation?.includes(operation),
	);
	return (collection?.options ?? []).map((option) => (option as { name: string }).name).sort();
}

import path from 'node:path';
import type { ICredentialType, INodeType, INodeTypes, IVersionedNodeType } from 'n8n-workflow';

import { PACKAGE_NAME, PACKAGE_ROOT } from './packageRoot';

interface PackageJson {
	n8n: { nodes: string[]; credentials: string[] };
}

function loadClasses<T>(root: string, files: string[]): T[] {
	return files.map((file) => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const moduleExports = require(path.join(root, file)) as Record<string, new () => T>;
		const [Class] = Object.values(moduleExports);
		return new Class();
	});
}

export type PackageNodeTypes = INodeTypes & { types: Map<string, INodeType> };

/** The package's built nodes, keyed by their workflow type, e.g. n8n-nodes-scim-provisioning.scim. */
export function loadNodeTypes(root: string): PackageNodeTypes {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const manifest = require(path.join(root, 'package.json')) as PackageJson;
	return {
		types: new Map(
			loadClasses<INodeType>(root, manifest.n8n.nodes).map((node) => [
				`${PACKAGE_NAME}.${node.description.name}`,
				node,
			]),
		),
		getByName(type: string): INodeType | IVersionedNodeType {
			const node = this.types.get(type);
			if (!node) throw new Error(`Unknown node type ${type}`);
			return node;
		},
		getByNameAndVersion(type: string): INodeType {
			const node = this.types.get(type);
			if (!node) throw new Error(`Unknown node type ${type}`);
			return node;
		},
		getKnownTypes() {
			return {};
		},
	};
}

/** Every built node of the package, as this test process loads it. */
export const nodeTypes = loadNodeTypes(PACKAGE_ROOT);

// eslint-disable-next-line @typescript-eslint/no-require-imports
const manifest = require(path.join(PACKAGE_ROOT, 'package.json')) as PackageJson;

/** Every built credential type of the package, keyed by name. */
export const credentialTypes = new Map(
	loadClasses<ICredentialType>(PACKAGE_ROOT, manifest.n8n.credentials).map((credential) => [
		credential.name,
		credential,
	]),
);

export function nodeType(name: string): string {
	return `${PACKAGE_NAME}.${name}`;
}

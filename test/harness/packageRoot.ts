import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const PACKAGE_NAME = 'n8n-nodes-scim-provisioning';

/** The package root (found upwards, so compiled copies of the tests find it too). */
function findPackageRoot(from: string): string {
	for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir)) {
		const manifest = path.join(dir, 'package.json');
		if (
			existsSync(manifest) &&
			(JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === PACKAGE_NAME
		)
			return dir;
	}
	throw new Error(`No ${PACKAGE_NAME} package above ${from}`);
}

export const PACKAGE_ROOT = findPackageRoot(__dirname);

/** The package's home, which every credential's and node's documentation link starts from. */
export const PACKAGE_HOME =
	'https://github.com/n8n-nodes-scim-provisioning/n8n-nodes-scim-provisioning';

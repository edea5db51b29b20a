import { cpSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';

import { PACKAGE_ROOT } from './packageRoot';
import { loadNodeTypes } from './packageTypes';
import type { PackageNodeTypes } from './packageTypes';

/**
 * The built package loaded a second time, from a copy of dist/ at another path: Node
 * keeps modules by path, so this copy has module state of its own (rate budgets,
 * locks, membership queues), as a second n8n process such as a queue-mode worker has.
 * n8n-workflow is still the one package both copies resolve.
 */
export function loadSecondProcess(): PackageNodeTypes {
	const root = path.join(PACKAGE_ROOT, '.cache', 'second-process');
	rmSync(root, { recursive: true, force: true });
	mkdirSync(root, { recursive: true });
	cpSync(path.join(PACKAGE_ROOT, 'dist'), path.join(root, 'dist'), { recursive: true });
	cpSync(path.join(PACKAGE_ROOT, 'package.json'), path.join(root, 'package.json'));
	return loadNodeTypes(root);
}

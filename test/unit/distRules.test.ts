import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { PACKAGE_ROOT } from '../harness/packageRoot';

/** The rules @n8n/scan-community-package applies to a published package's code. */
const DIST = path.join(PACKAGE_ROOT, 'dist');

function builtFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return builtFiles(full);
		return entry.name.endsWith('.js') ? [full] : [];
	});
}

const files = builtFiles(DIST);

describe('built package', () => {
	test('dist/ holds every node and credential the package.json declares', () => {
		const manifest = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
			n8n: { nodes: string[]; credentials: string[] };
		};
		for (const file of [...manifest.n8n.nodes, ...manifest.n8n.credentials]) {
			expect(files).toContain(path.join(PACKAGE_ROOT, file));
		}
		expect(files.some((file) => file.includes(`${path.sep}test${path.sep}`))).toBe(false);
	});

	/**
	 * What the built code may import beside relative paths: n8n-workflow, node:crypto for
	 * hashes, and luxon for dates (n8n's own DateTime, on its community-node allowlist; n8n
	 * resolves it from its own modules, so it is no dependency of this package).
	 */
	const ALLOWED = new Set(['n8n-workflow', 'node:crypto', 'luxon']);

	test.each(files.map((file) => [path.relative(DIST, file), file]))(
		'%s imports only n8n-workflow, node:crypto, luxon and relative paths',
		(_name, file) => {
			const source = readFileSync(file, 'utf8');
			const imports = [...source.matchAll(/require\(["']([^"']+)["']\)/g)].map((match) => match[1]);
			expect(
				imports.filter(
					(name) => !ALLOWED.has(name) && !name.startsWith('./') && !name.startsWith('../'),
				),
			).toEqual([]);
		},
	);

	test.each(files.map((file) => [path.relative(DIST, file), file]))(
		'%s uses no process, timers or globalThis',
		(_name, file) => {
			const source = readFileSync(file, 'utf8');
			expect(
				source.match(/\b(process|setTimeout|setInterval|setImmediate|globalThis)\b/g),
			).toBeNull();
		},
	);
});

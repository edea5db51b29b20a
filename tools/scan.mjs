// `npm run scan`: the rules of n8n's community-package scanner, offline. Its command line only
// reads packages published on npm; this runs the same two legs on this checkout: the sources it
// would fetch through the provenance attestation, and the tarball `npm pack` makes.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import {
	analyzePackage,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const workspace = path.join(root, '.cache', 'scan');
rmSync(workspace, { recursive: true, force: true });
const unpacked = path.join(workspace, 'package');
mkdirSync(unpacked, { recursive: true });

const pack = spawnSync('npm', ['pack', '--silent', '--pack-destination', workspace], {
	cwd: root,
	encoding: 'utf8',
});
if (pack.status !== 0) throw new Error(`npm pack failed: ${pack.stderr}`);
const tarball = readdirSync(workspace).find((file) => file.endsWith('.tgz'));
const untar = spawnSync('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1'], {
	cwd: workspace,
	encoding: 'utf8',
});
if (untar.status !== 0) throw new Error(`tar failed: ${untar.stderr}`);

let passed = true;
for (const [leg, result] of [
	['sources', await analyzePackage(root, SOURCE_FILE_PATTERNS)],
	[tarball, await analyzePackage(unpacked, ['**/*.js', 'package.json'])],
]) {
	console.log(
		`${result.passed ? '✅' : '❌'} ${leg}${result.message ? `: ${result.message}` : ''}`,
	);
	if (result.details) console.log(result.details);
	passed &&= result.passed;
}
process.exit(passed ? 0 : 1);

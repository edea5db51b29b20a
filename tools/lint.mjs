// `npm run lint`: n8n's own linter (`n8n-node lint`, strict mode, its unmodified default
// config) over exactly what the package is built from: nodes/, credentials/, icons/ and
// package.json. The default config lints every .ts file under the folder it runs in, with the
// rules for community node code, so it runs on a copy of those sources rather than on test/.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const workspace = path.join(root, '.cache', 'lint');
rmSync(workspace, { recursive: true, force: true });
mkdirSync(workspace, { recursive: true });
for (const entry of [
	'nodes',
	'credentials',
	'icons',
	'package.json',
	'tsconfig.json',
	'eslint.config.mjs',
]) {
	cpSync(path.join(root, entry), path.join(workspace, entry), { recursive: true });
}
symlinkSync(path.join(root, 'node_modules'), path.join(workspace, 'node_modules'), 'dir');

const cli = path.join(root, 'node_modules', '@n8n', 'node-cli', 'bin', 'n8n-node.mjs');
const run = spawnSync(process.execPath, [cli, 'lint'], { cwd: workspace, stdio: 'inherit' });
process.exit(run.status ?? 1);

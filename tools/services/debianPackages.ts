import { existsSync } from 'node:fs';

import { run } from '../n8n/install';

/**
 * Makes sure Debian's packages are installed: on CI (root) with apt-get, updating the
 * package lists once if the first try cannot find them; elsewhere it says the command.
 */
export async function ensureDebianPackages(
	packages: Record<string, string>,
	progress: (message: string) => void,
): Promise<void> {
	const missing = Object.entries(packages)
		.filter(([, binary]) => !existsSync(binary))
		.map(([name]) => name);
	if (missing.length === 0) return;
	if (process.getuid?.() !== 0) {
		throw new Error(
			`This test needs ${missing.join(' and ')}: install them once with\n  sudo apt-get install -y ${missing.join(' ')}`,
		);
	}
	progress(`Installing ${missing.join(' and ')} from Debian's packages…`);
	const env = { DEBIAN_FRONTEND: 'noninteractive' };
	const install = async () =>
		await run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], {
			cwd: '/',
			env,
		});
	try {
		await install();
	} catch {
		await run('apt-get', ['update'], { cwd: '/', env });
		await install();
	}
}

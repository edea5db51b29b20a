import { ensureN8n } from '../../tools/n8n/install';

/** Installs n8n before the first end-to-end test (once; later runs find it in .cache/n8n). */
export default async function installN8n(): Promise<void> {
	const installation = await ensureN8n((message) => process.stdout.write(`\n${message}`));
	process.stdout.write(`\nn8n ${installation.version} on ${installation.node}\n`);
}

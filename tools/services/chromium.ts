import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';

import { ensureDebianPackages } from './debianPackages';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Without the background-networking flags Chromium keeps reaching for Google's servers.
const CHROMIUM_FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
];

/** Headless Chromium from Debian's packages (installed when missing), kept on the machine. */
export async function launchChromium(progress: (message: string) => void): Promise<Browser> {
	await ensureDebianPackages({ chromium: CHROMIUM }, progress);
	return await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
}

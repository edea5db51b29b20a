import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { PACKAGE_ROOT } from '../harness/packageRoot';

/** README and every page under docs/: each relative link resolves, to a file and, with #, to a heading there. */
const PAGES = [
	'README.md',
	...readdirSync(path.join(PACKAGE_ROOT, 'docs'))
		.filter((file) => file.endsWith('.md'))
		.map((file) => path.join('docs', file)),
];

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function slug(heading: string): string {
	return heading
		.trim()
		.toLowerCase()
		.replace(/[`*_]/g, '')
		.replace(/[^\p{L}\p{N} -]/gu, '')
		.replace(/ /g, '-');
}

function anchors(file: string): Set<string> {
	const text = readFileSync(path.join(PACKAGE_ROOT, file), 'utf8').replace(/```[\s\S]*?```/g, '');
	return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((match) => slug(match[1])));
}

function links(file: string): string[] {
	const text = readFileSync(path.join(PACKAGE_ROOT, file), 'utf8').replace(/```[\s\S]*?```/g, '');
	return [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]);
}

describe('documentation links', () => {
	test('there is a README and pages under docs/', () => {
		expect(PAGES.length).toBeGreaterThan(5);
	});

	test.each(PAGES)('every link in %s resolves', (page) => {
		const broken: string[] = [];
		for (const link of links(page)) {
			if (/^[a-z]+:/i.test(link)) continue;
			const [target, anchor] = link.split('#');
			const file = target ? path.normalize(path.join(path.dirname(page), target)) : page;
			if (!existsSync(path.join(PACKAGE_ROOT, file))) broken.push(`${link} (no ${file})`);
			else if (anchor && file.endsWith('.md') && !anchors(file).has(anchor))
				broken.push(`${link} (no heading #${anchor} in ${file})`);
		}
		expect(broken).toEqual([]);
	});
});

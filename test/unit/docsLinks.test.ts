import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { PACKAGE_HOME, PACKAGE_ROOT } from '../harness/packageRoot';

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

describe('documentation links from the editor', () => {
	const HOME = PACKAGE_HOME;
	/** A link into the package's own docs, as the file and heading it names here. */
	const local = (url: string) => {
		expect(url.startsWith(`${HOME}/blob/main/`)).toBe(true);
		const [file, anchor] = url.slice(`${HOME}/blob/main/`.length).split('#');
		expect(existsSync(path.join(PACKAGE_ROOT, file))).toBe(true);
		if (anchor) expect(anchors(file)).toContain(anchor);
	};

	test.each(['LeadIqScimApi', 'LeapsomeScimApi', 'SpekitScimApi', 'ScimApi'])(
		'the %s credential links to its vendor’s page of this package',
		(name) => {
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			const module = require(
				path.join(PACKAGE_ROOT, 'dist', 'credentials', `${name}.credentials.js`),
			) as Record<string, new () => { documentationUrl: string }>;
			local(new module[name]().documentationUrl);
		},
	);

	test('package.json names the same home', () => {
		const manifest = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
			homepage: string;
		};
		expect(manifest.homepage).toBe(`${PACKAGE_HOME}#readme`);
	});

	test('every node’s codex links to this package’s pages', () => {
		const codexes = readdirSync(path.join(PACKAGE_ROOT, 'nodes'), { withFileTypes: true })
			.filter((entry) => entry.isDirectory() && entry.name !== 'shared')
			.flatMap((entry) =>
				readdirSync(path.join(PACKAGE_ROOT, 'nodes', entry.name))
					.filter((file) => file.endsWith('.node.json'))
					.map((file) => path.join('nodes', entry.name, file)),
			);
		expect(codexes).toHaveLength(8);
		for (const codex of codexes) {
			const { resources } = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, codex), 'utf8')) as {
				resources: Record<string, Array<{ url: string }>>;
			};
			for (const { url } of Object.values(resources).flat()) local(url);
		}
	});
});

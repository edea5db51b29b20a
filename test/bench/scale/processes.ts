import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { run } from '../../../tools/n8n/install';
import type { N8nInstance } from '../../../tools/n8n/instance';

const MB = 1024 * 1024;

/** A process's resident memory in bytes, from /proc (0 once it is gone). */
function rss(pid: number): number {
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) * 1024;
	} catch {
		return 0;
	}
}

/** The direct children of a process (n8n's task runner is one of n8n's). */
function children(pid: number): number[] {
	const found: number[] = [];
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			// Fields after the command's closing parenthesis: state, then the parent's pid.
			const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			if (parent === pid) found.push(Number(entry));
		} catch {
			// The process ended while the list was read.
		}
	}
	return found;
}

/** Memory of n8n's main process and its task runner (the Code steps), sampled while a run goes on. */
export class MemorySampler {
	private timer?: NodeJS.Timeout;

	private peak = { main: 0, runner: 0 };

	private lapPeak = { main: 0, runner: 0 };

	/** Every sample taken: [time, main, runner] in ms and bytes, for a closer look. */
	readonly samples: Array<[number, number, number]> = [];

	constructor(private readonly pid: number) {}

	/** Resident memory now, in bytes: n8n's main process and its children (the task runner). */
	now(): { main: number; runner: number } {
		return {
			main: rss(this.pid),
			runner: children(this.pid).reduce((sum, child) => sum + rss(child), 0),
		};
	}

	/** Samples four times a second from now on, keeping the peaks. */
	start(): void {
		this.timer = setInterval(() => {
			const { main, runner } = this.now();
			this.samples.push([Date.now(), main, runner]);
			for (const peak of [this.peak, this.lapPeak]) {
				peak.main = Math.max(peak.main, main);
				peak.runner = Math.max(peak.runner, runner);
			}
		}, 250);
	}

	/** The peaks since the last lap (or the start), in MB. */
	lap(): { main: number; runner: number } {
		const { main, runner } = this.lapPeak;
		this.lapPeak = { main: 0, runner: 0 };
		return { main: main / MB, runner: runner / MB };
	}

	/** The peaks since start, in MB. */
	stop(): { main: number; runner: number } {
		clearInterval(this.timer);
		return { main: this.peak.main / MB, runner: this.peak.runner / MB };
	}
}

/**
 * What n8n's database holds for one execution, in bytes: its data (every step's items, as
 * n8n stores them to resume a waiting run) and the workflow beside it; and the file's size.
 */
export async function storedExecution(
	n8n: N8nInstance,
	executionId: string,
): Promise<StoredExecution> {
	const file = `${n8n.userFolder}/.n8n/database.sqlite`;
	// n8n stores an execution's data with flatted; each step's share is its items stored alone.
	const script = `
const { DatabaseSync } = require('node:sqlite');
const { statSync } = require('node:fs');
const flatted = require(require.resolve('flatted', { paths: [process.argv[3]] }));
const db = new DatabaseSync(process.argv[1], { readOnly: true });
const row = db.prepare('SELECT data, length(workflowData) AS workflow FROM execution_data WHERE executionId = ?').get(process.argv[2]) ?? {};
const runData = row.data ? flatted.parse(row.data).resultData.runData : {};
const steps = Object.fromEntries(Object.entries(runData).map(([name, runs]) => [name, flatted.stringify(runs).length]));
const wal = (() => { try { return statSync(process.argv[1] + '-wal').size; } catch { return 0; } })();
console.log(JSON.stringify({ data: row.data?.length ?? 0, workflow: row.workflow ?? 0, database: statSync(process.argv[1]).size + wal, steps }));`;
	const n8nModules = path.dirname(path.dirname(path.dirname(n8n.runtime.n8n)));
	const output = await run(n8n.runtime.node, ['-e', script, file, executionId, n8nModules], {
		cwd: n8n.userFolder,
	});
	return JSON.parse(output.trim().split('\n').pop()!) as StoredExecution;
}

export interface StoredExecution {
	/** The execution's data as stored, in bytes. */
	data: number;
	workflow: number;
	/** The database file (and its write-ahead log), in bytes. */
	database: number;
	/** Each step's items, stored alone, in bytes. */
	steps: Record<string, number>;
}

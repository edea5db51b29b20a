import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { N8nApi, nodeOutput } from '../../tools/n8n/api';
import type { PublicExecution } from '../../tools/n8n/api';
import { demoCredentials, startDemoServices } from '../../tools/n8n/demoServices';
import type { DemoServices } from '../../tools/n8n/demoServices';
import { CACHE, ensureN8n, installPackage } from '../../tools/n8n/install';
import type { CredentialFile } from '../../tools/n8n/instance';
import { freePort } from '../../tools/n8n/instance';
import { QueueCluster } from '../../tools/n8n/queue';
import { ensureDebianPackages } from '../../tools/services/debianPackages';
import { postgresBin, startPostgres } from '../../tools/services/postgres';
import type { RunningPostgres } from '../../tools/services/postgres';
import { REDIS_SERVER, startRedis } from '../../tools/services/redis';
import type { RunningRedis } from '../../tools/services/redis';
import { startLeapsomeSimulator } from '../servers/leapsomeSimulator';
import { DEFAULT_TOKEN, startScimServer } from '../servers/scimmyServer';
import type { RunningScimServer } from '../servers/scimmyServer';
import type { ScimStore, StoredUser } from '../servers/scimStore';
import { SIMULATOR_TOKEN } from '../servers/vendorSimulator';
import type { RunningSimulator } from '../servers/vendorSimulator';
import { sleep, waitFor } from '../harness/waitFor';
import { HrSyncDriver, lastRun, webhookStartedHrSync } from '../e2e/hrSyncDriver';
import { leapsomeWatch, offboardingWorkflow, onboardingWorkflow, TEAM } from './workflows';

const OWNER = {
	email: 'owner@example.com',
	firstName: 'Queue',
	lastName: 'Owner',
	password: 'Queue-mode-1',
};
const LEAVERS = 40;
const LATE_LEAVERS = 12;
const JOINERS = 10;
const STAYERS = 20;
const LEAPSOME_RATE = 30;

const names = (prefix: string, count: number) =>
	Array.from({ length: count }, (_, index) => `${prefix}${index + 1}@example.com`);

/** The same people in both services; the team (or group) holds the leavers and the stayers. */
function seed(store: ScimStore, add: (userName: string) => StoredUser): void {
	const inTeam = [
		...names('leaver', LEAVERS),
		...names('late', LATE_LEAVERS),
		...names('stayer', STAYERS),
	].map(add);
	names('joiner', JOINERS).forEach(add);
	store.addGroup(
		TEAM,
		inTeam.map((user) => user.id),
	);
}

const members = (store: ScimStore) =>
	(store.groupByName(TEAM)?.members ?? [])
		.map((member) => store.users.get(member.value)?.userName)
		.sort();

const finished = (execution: PublicExecution) =>
	execution.stoppedAt !== null || ['crashed', 'error', 'success'].includes(execution.status);

const leaverOf = (execution: PublicExecution) =>
	String((nodeOutput(execution.data, 'Leaver')[0]?.body as IDataObject | undefined)?.email ?? '');

/**
 * The package in n8n's queue mode, as users run it at scale: one main instance takes the
 * webhooks and runs the polling trigger, two `n8n worker` processes run the executions,
 * Redis queues them and PostgreSQL holds everything. Offboardings of one team run on both
 * workers at once, beside an onboarding; the trigger reports each change once; the HR sync
 * plans, waits for its approval and applies; a worker killed mid-way leaves nothing a re-run
 * does not finish.
 */
describe('queue mode: one main, two workers, Redis and PostgreSQL', () => {
	const root = path.join(CACHE, 'queue');
	let redis: RunningRedis;
	let postgres: RunningPostgres;
	let cluster: QueueCluster;
	let api: N8nApi;
	let leapsome: RunningSimulator;
	let scim: RunningScimServer;
	/** The demo's HR list, mail and apps, for the HR sync template. */
	let demo: DemoServices;
	const hrSync = { id: 'queueHrSync00001', name: 'HR sync, queue mode' };

	beforeAll(async () => {
		const say = (message: string) => process.stdout.write(`${message}\n`);
		await ensureDebianPackages(
			{ 'redis-server': REDIS_SERVER, postgresql: path.join(postgresBin(), 'postgres') },
			say,
		);
		say('Starting Redis and PostgreSQL…');
		redis = await startRedis(path.join(root, 'redis'), await freePort());
		postgres = await startPostgres(path.join(root, 'postgres'), await freePort());
		// A little latency lets the workers' writes overlap, as across a network.
		leapsome = await startLeapsomeSimulator({ rules: { latencyMs: 20 } });
		scim = await startScimServer({ patch: false, etag: true, latencyMs: 20 });
		seed(leapsome.store, (userName) => leapsome.addUser({ userName }));
		seed(scim.store, (userName) => scim.store.addUser({ userName }));

		const userFolder = path.join(root, 'n8n');
		rmSync(userFolder, { recursive: true, force: true });
		say('Setting up n8n in queue mode: the package, credentials and workflows…');
		cluster = await QueueCluster.create(
			await ensureN8n(),
			userFolder,
			{ redisPort: redis.port, postgres, encryptionKey: randomBytes(24).toString('hex') },
			2,
		);
		await installPackage(userFolder);
		const credentials: CredentialFile[] = [
			{
				id: 'queueLeapsome001',
				// Named apart from the demo's credentials, which the HR sync template names.
				name: 'Leapsome SCIM API (queue)',
				type: 'leapsomeScimApi',
				data: { baseUrl: leapsome.baseUrl, token: SIMULATOR_TOKEN },
			},
			{
				id: 'queueScim0000001',
				name: 'SCIM API (queue)',
				type: 'scimApi',
				data: {
					baseUrl: scim.baseUrl,
					authentication: 'bearer',
					token: DEFAULT_TOKEN,
					maxRequestsPerSecond: 0,
				},
			},
		];
		demo = await startDemoServices();
		await cluster.main.importCredentials([...credentials, ...demoCredentials(demo)]);
		const workflows = [
			offboardingWorkflow(credentials[0], credentials[1]),
			onboardingWorkflow(credentials[0], credentials[1]),
			leapsomeWatch(credentials[0]),
			webhookStartedHrSync(demo.hrList.url, hrSync),
		];
		await cluster.main.importWorkflows(workflows);
		for (const { id } of workflows) await cluster.main.publish(id);
		say('Starting the main instance, then two workers…');
		await cluster.start();
		api = new N8nApi(cluster.main.url);
		await api.signIn(OWNER);
	});

	afterAll(async () => {
		await cluster?.stop();
		await Promise.all([
			leapsome?.close(),
			scim?.close(),
			demo?.close(),
			redis?.stop(),
			postgres?.stop(),
		]);
	});

	const post = async (webhook: string, body: IDataObject) => {
		const response = await fetch(`${cluster.main.url}/webhook/${webhook}`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify(body),
		});
		expect(response.status).toBe(200);
	};

	const executionsOf = async (workflowId: string, count: number) =>
		await waitFor(
			`${count} finished executions of ${workflowId}`,
			async () => {
				const executions = await api.executions(workflowId);
				return executions.length >= count && executions.every(finished) ? executions : undefined;
			},
			300_000,
		);

	test('40 offboardings at once, spread over both workers, beside an onboarding: every leaver out, every joiner and stayer in', async () => {
		const leavers = names('leaver', LEAVERS);
		const requestsBefore = { leapsome: leapsome.requests.length, scim: scim.requests.length };
		const started = Date.now();
		await Promise.all([
			...leavers.map(async (email) => await post('offboard', { email })),
			post('onboard', { emails: names('joiner', JOINERS) }),
		]);
		const offboardings = await executionsOf('queueOffboard001', LEAVERS);
		const [onboarding] = await executionsOf('queueOnboard0001', 1);
		const wall =
			Math.max(
				...[...offboardings, onboarding].map((execution) => Date.parse(execution.stoppedAt!)),
			) - started;

		expect(offboardings.map((execution) => execution.status)).toEqual(
			Array(LEAVERS).fill('success'),
		);
		expect(onboarding.status).toBe('success');
		expect(offboardings.map(leaverOf).sort()).toEqual([...leavers].sort());
		const ranOn = cluster.workers.map((worker) => worker.startedExecutions());
		const ids = offboardings.map((execution) => String(execution.id));
		for (const started of ranOn) expect(ids.some((id) => started.includes(id))).toBe(true);
		expect(ids.every((id) => ranOn.some((started) => started.includes(id)))).toBe(true);

		const stayers = [
			...names('late', LATE_LEAVERS),
			...names('stayer', STAYERS),
			...names('joiner', JOINERS),
		].sort();
		for (const [service, store] of [
			['Leapsome', leapsome.store],
			['SCIM', scim.store],
		] as const) {
			expect({ service, members: members(store) }).toEqual({ service, members: stayers });
			for (const email of leavers) expect(store.userByName(email)?.active).toBe(false);
		}

		const requests = {
			leapsome: leapsome.requests.length - requestsBefore.leapsome - leapsome.rateLimited,
			scim: scim.requests.length - requestsBefore.scim,
		};
		const floor = (requests.leapsome / LEAPSOME_RATE) * 1000;
		process.stdout.write(
			[
				'',
				`Queue mode, ${LEAVERS} offboardings (one Leapsome team, one SCIM group) beside an onboarding of ${JOINERS}:`,
				`  executions per worker: ${ranOn.map((started) => ids.filter((id) => started.includes(id)).length).join(' + ')}`,
				`  wall time ${(wall / 1000).toFixed(1)} s; Leapsome requests ${requests.leapsome} (floor at ${LEAPSOME_RATE}/s: ${(floor / 1000).toFixed(1)} s, wall ÷ floor ${(wall / floor).toFixed(2)}×); SCIM requests ${requests.scim}`,
				`  429s from Leapsome: ${leapsome.rateLimited} (each worker keeps its own budget of ${LEAPSOME_RATE}/s; the 429s were waited out and retried)`,
				'',
			].join('\n'),
		);
	});

	/** What the trigger has reported so far, from its successful executions. */
	const reported = async () => {
		const events = (await api.executions('queueWatchLeaps1'))
			.filter((execution) => execution.status === 'success')
			.flatMap((execution) => nodeOutput(execution.data, 'Trigger'));
		return {
			deactivated: events
				.filter((event) => event.event === 'user.deactivated')
				.map((event) => String((event.resource as IDataObject).userName)),
			added: events.flatMap((event) => (event.added as string[] | undefined) ?? []),
			removed: events.flatMap((event) => (event.removed as string[] | undefined) ?? []),
		};
	};
	const idOf = (email: string) => leapsome.store.userByName(email)!.id;
	/** When the trigger had reported every one of the 40 offboardings. */
	let reportedAt = 0;

	const expectEachOnce = async () => {
		const leavers = names('leaver', LEAVERS);
		const seen = await reported();
		expect(seen.deactivated.filter((email) => leavers.includes(email)).sort()).toEqual(
			[...leavers].sort(),
		);
		const leaverIds = new Set(leavers.map(idOf));
		expect(seen.removed.filter((id) => leaverIds.has(id)).sort()).toEqual([...leaverIds].sort());
		expect(seen.added.sort()).toEqual(names('joiner', JOINERS).map(idOf).sort());
	};

	test('the trigger, active on the main instance, reports each change made on the two workers, once', async () => {
		// A leaver leaves the team a round after being deactivated (Leapsome's whole-list write
		// waits out its fresh window), so a poll between the two reports them apart.
		await waitFor(
			'the trigger to report every leaver and joiner',
			async () => {
				const seen = await reported();
				return seen.deactivated.length >= LEAVERS &&
					seen.removed.length >= LEAVERS &&
					seen.added.length >= JOINERS
					? true
					: undefined;
			},
			240_000,
		);
		reportedAt = Date.now();
		await expectEachOnce();
	});

	test('the HR sync with approval: planned on a worker and handed to a run that waits, approved on its page through the main instance, applied and logged', async () => {
		const driver = new HrSyncDriver(cluster.main, demo);
		await driver.webhookRegistered();
		const plan = await driver.planEmail(/to approve$/);
		const link = await driver.approvalPage(plan);
		const result = demo.mail.next(/^HR sync applied/, 120_000);
		const answered = await driver.answer(link, {
			decision: 'Approve and apply',
			name: 'Queue Owner',
		});
		expect(answered.status).toBe(200);
		expect((await result).subject).toMatch(/^HR sync applied: \d+ changes$/);
		for (const store of [demo.leadIq.store, demo.leapsome.store, demo.spekit.store]) {
			expect(store.userByName('max.turner@example.com')?.active).toBe(false);
			expect(store.userByName('riley.jordan@example.com')?.active).toBe(true);
		}
		// The run waits on, to tell anyone opening the link later what was decided (n8n's API
		// lists no execution while it runs); the run that planned handed it the plan, once.
		const { planning } = await lastRun(api, hrSync.id);
		expect(planning.status).toBe('success');
		expect(
			(await api.executions(hrSync.id)).filter(
				(execution) => execution.data?.parentExecution?.executionId === planning.id,
			),
		).toHaveLength(1);
		expect((await api.dataTableRows('Provisioning log')).length).toBeGreaterThan(0);
	});

	test('a worker killed mid-way: its executions end visibly (crashed, not lost), and offboarding those people again finishes every one', async () => {
		const late = names('late', LATE_LEAVERS);
		const [, doomed] = cluster.workers;
		const earlier = new Set(
			(await api.executions('queueOffboard001')).map((execution) => execution.id),
		);
		const before = doomed.startedExecutions().length;
		await Promise.all(late.map(async (email) => await post('offboard', { email })));
		await waitFor(
			'the second worker to take some of them',
			async () => (doomed.startedExecutions().length > before ? true : undefined),
			60_000,
		);
		doomed.kill();

		// n8n 2.x does not retry a dead worker's jobs: they fail as stalled, and the main
		// instance marks their executions crashed. None may stay "running" or go missing.
		const all = await executionsOf('queueOffboard001', LEAVERS + LATE_LEAVERS);
		const lateRuns = all.filter((execution) => !earlier.has(execution.id));
		expect(lateRuns).toHaveLength(LATE_LEAVERS);
		const failed = lateRuns.filter((execution) => execution.status !== 'success');
		for (const execution of failed) expect(['crashed', 'error']).toContain(execution.status);

		// What an operator does: offboard again everyone whose offboarding is not seen through.
		const done = (email: string) =>
			[leapsome.store, scim.store].every(
				(store) => store.userByName(email)?.active === false && !members(store).includes(email),
			);
		const again = late.filter((email) => !done(email));
		expect(again.length).toBeLessThanOrEqual(failed.length);
		process.stdout.write(
			`  killed worker-2 (pid ${doomed.pid}) mid-way: ${failed.length} of ${LATE_LEAVERS} executions ended ${[...new Set(failed.map((execution) => execution.status))].join('/') || '—'}; ${again.length} leavers offboarded again\n`,
		);
		await Promise.all(again.map(async (email) => await post('offboard', { email })));
		const rerun = await executionsOf('queueOffboard001', LEAVERS + LATE_LEAVERS + again.length);
		const reruns = rerun.filter(
			(execution) => !all.some((earlierRun) => earlierRun.id === execution.id),
		);
		expect(reruns.map((execution) => execution.status)).toEqual(
			Array(again.length).fill('success'),
		);

		const stayers = [...names('stayer', STAYERS), ...names('joiner', JOINERS)].sort();
		for (const store of [leapsome.store, scim.store]) {
			expect(members(store)).toEqual(stayers);
			for (const email of late) expect(store.userByName(email)?.active).toBe(false);
		}
	});

	// Placed after the worker test, which outlasts a poll, so that the wait is mostly spent.
	test('the trigger’s later polls repeat none of those changes', async () => {
		expect(reportedAt).toBeGreaterThan(0);
		// Polls come every minute: after 70 s at least one more has run and been recorded.
		await sleep(Math.max(0, reportedAt + 70_000 - Date.now()));
		await expectEachOnce();
		const late = names('late', LATE_LEAVERS);
		const lateReported = (await reported()).deactivated.filter((email) => late.includes(email));
		expect(lateReported).toEqual([...new Set(lateReported)]);
	});
});

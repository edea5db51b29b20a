import type { Capability, CheckName } from '../../nodes/shared/actions/service/check/verdicts';
import { verdictOf } from '../../nodes/shared/actions/service/check/verdicts';

/** Check Service's verdicts are a plain function of the checks: no server here. */

const works = (check: CheckName): Capability => ({
	check,
	advertised: null,
	observed: 'works',
	ok: true,
	nodeUses: '',
	detail: '',
});

const notTried = (check: CheckName, because: string): Capability => ({
	...works(check),
	observed: 'not tried',
	ok: false,
	untried: true,
	notTriedBecause: because,
});

const OFFBOARDING_NEEDS: CheckName[] = [
	'userNameFilter',
	'userNameCase',
	'patch',
	'deactivate',
	'membership',
	'removeMember',
];

describe('Check Service verdicts', () => {
	test('everything a workflow needs seen to work: ready', () => {
		expect(verdictOf('offboarding', OFFBOARDING_NEEDS.map(works))).toMatchObject({
			verdict: 'ready',
			why: 'Offboarding (find by email, deactivate, remove from groups): everything it needs works',
		});
	});

	test('a needed check that is not among the checks at all is not ready, and named: never silently ready', () => {
		const withoutWrites = OFFBOARDING_NEEDS.filter(
			(check) => check !== 'deactivate' && check !== 'removeMember',
		).map(works);
		expect(verdictOf('offboarding', withoutWrites)).toEqual({
			workflow: 'offboarding',
			verdict: 'notReady',
			why: 'Offboarding (find by email, deactivate, remove from groups): not checked: deactivate, removeMember',
		});
		expect(verdictOf('licenseAudit', [])).toMatchObject({ verdict: 'notReady' });
	});

	test('writes not tried are not ready, grouped by why they were not tried', () => {
		const checks = OFFBOARDING_NEEDS.map((check) =>
			check === 'patch' || check === 'deactivate'
				? notTried(check, 'createUser failed first')
				: check === 'removeMember'
					? notTried(check, 'createGroup failed first')
					: works(check),
		);
		expect(verdictOf('offboarding', checks)).toMatchObject({
			verdict: 'notReady',
			why: 'Offboarding (find by email, deactivate, remove from groups): not tried (createUser failed first): patch, deactivate; not tried (createGroup failed first): removeMember',
		});
	});
});

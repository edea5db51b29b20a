import type { INodeProperties } from 'n8n-workflow';

/** The options only Sync With List has, in the node's Options collection. */
export const SYNC_OPTIONS: INodeProperties[] = [
	{
		displayName: 'Access Ends',
		name: 'accessEnds',
		type: 'options',
		default: 'endOfLeaveDate',
		options: [
			{ name: 'At the End of the Leave Date', value: 'endOfLeaveDate' },
			{ name: 'At the Start of the Leave Date', value: 'startOfLeaveDate' },
		],
		description: 'When a leave date given without a time takes access away',
	},
	{
		displayName: 'Apply',
		name: 'apply',
		type: 'options',
		default: 'everything',
		options: [
			{ name: 'Everything', value: 'everything', description: 'Every change the plan holds' },
			{
				name: 'Only Leavers',
				value: 'leaversOnly',
				description:
					'Deactivate leavers who are due (and accounts not in the list, where set) and take them out of the managed groups; hold every other change as “deferred”',
			},
		],
	},
	{
		displayName: 'As Of',
		name: 'asOf',
		type: 'string',
		default: '',
		placeholder: 'e.g. 2026-12-21T09:00:00',
		description:
			'Plan as of this moment instead of now, to preview what the dates will do then (with Dry Run). A real run refuses a moment in the future.',
	},
	{
		displayName: 'Create Accounts Before Start',
		name: 'createBeforeStartDays',
		type: 'number',
		default: 0,
		typeOptions: { minValue: 0 },
		description: 'How many days before their start date joiners get their account',
	},
	{
		displayName: 'Expected Plan ID',
		name: 'expectedPlanId',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.planId }}',
		description:
			'The “planId” of an approved dry run: the run applies exactly that plan, or refuses as stale and writes nothing when the app changed since',
	},
	{
		displayName: 'Max Share Deactivated',
		name: 'maxShareDeactivated',
		type: 'number',
		default: 20,
		typeOptions: { minValue: 0, maxValue: 100 },
		description:
			'The most accounts one run may deactivate, in percent of the active accounts in scope (from 20 of them on); more refuses the run before any write. 0 turns it off.',
	},
	{
		displayName: 'Time Zone',
		name: 'timeZone',
		type: 'string',
		default: '',
		placeholder: 'e.g. Europe/Berlin',
		description:
			'The IANA time zone of dates given without an offset. Empty: the workflow’s time zone.',
	},
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		default: 'changes',
		options: [
			{
				name: 'Changes',
				value: 'changes',
				description:
					'One item per person or account with a write planned or held back (changes Only Leavers defers are counted in the summary only)',
			},
			{ name: 'Everyone', value: 'everyone', description: 'One item per person and per account' },
			{
				name: 'Summary',
				value: 'summary',
				description: 'One item: counts, brakes, plan ID, requests and time',
			},
		],
	},
];

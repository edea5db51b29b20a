import { ignoreNotFoundToggle } from '../../descriptions/common';
import { userLocator } from '../../descriptions/locators';
import type { Operation } from '../operation';
import { setActive } from './setActive';

export const reactivate: Operation = {
	name: 'Reactivate',
	action: 'Reactivate a user',
	description: 'Allow a deactivated user to sign in again',
	properties: () => [userLocator(), ignoreNotFoundToggle],
	run: { perItem: async (item) => (await setActive(item, true)).answer },
};

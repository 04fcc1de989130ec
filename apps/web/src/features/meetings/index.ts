import type { Feature } from '@/app/feature';

export { NextMeeting } from './next-meeting';

// Meeting screens (series, calendar, attendance) come with issue 12 part B; meeting events are
// group events, so the default ['group', id] invalidation already refreshes what is shown.
export const meetingsFeature = { name: 'meetings' } satisfies Feature;

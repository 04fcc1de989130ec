import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { Feature } from '@/app/feature';
import { appLayoutRoute } from '@/app/route-parents';
import { withCatalogues } from '@/i18n/route-catalogues';

export { NextMeeting } from './next-meeting';
export { MeetingFrame, type MeetingContext } from './meeting-frame';
export type { Meeting } from './api';

const meetingsRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: '/groups/$groupId/meetings',
  loader: withCatalogues('meetings'),
  component: lazyRouteComponent(() => import('./meetings-page'), 'MeetingsPage'),
});

const meetingRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: '/groups/$groupId/meetings/$meetingId',
  loader: withCatalogues('meetings'),
  component: lazyRouteComponent(() => import('./meeting-page'), 'MeetingPage'),
});

const newSeriesRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: '/groups/$groupId/series/new',
  loader: withCatalogues('meetings'),
  component: lazyRouteComponent(() => import('./series-pages'), 'NewSeriesPage'),
});

const editSeriesRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: '/groups/$groupId/series/$seriesId',
  loader: withCatalogues('meetings'),
  component: lazyRouteComponent(() => import('./series-pages'), 'EditSeriesPage'),
});

// Meeting events are group events: the default ['group', id] invalidation refreshes every
// meeting query (their keys start with groupKey).
export const meetingsFeature = {
  name: 'meetings',
  routes: [meetingsRoute, meetingRoute, newSeriesRoute, editSeriesRoute] as const,
} satisfies Feature;

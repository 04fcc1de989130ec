import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { withCatalogues } from '@/i18n/route-catalogues';
import type { Feature } from '@/app/feature';
import { appLayoutRoute } from '@/app/route-parents';
import { myGroupsKey } from './api';

export { canManage, useGroup, useMembers, useMyGroups, type Group, type Member } from './api';

const newGroupRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: '/groups/new',
  validateSearch: (s: Record<string, unknown>): { organisationId?: string } => ({
    organisationId: typeof s.organisationId === 'string' ? s.organisationId : undefined,
  }),
  loader: withCatalogues('groups', 'organisations'),
  component: lazyRouteComponent(() => import('./new-group-page'), 'NewGroupPage'),
});

const groupRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: '/groups/$groupId',
  loader: withCatalogues('groups'),
  component: lazyRouteComponent(() => import('./group-layout'), 'GroupLayout'),
});

const overviewRoute = createRoute({
  getParentRoute: () => groupRoute,
  path: '/',
  component: lazyRouteComponent(() => import('./overview-page'), 'GroupOverviewPage'),
});

const membersRoute = createRoute({
  getParentRoute: () => groupRoute,
  path: '/members',
  loader: withCatalogues('organisations'),
  component: lazyRouteComponent(() => import('./members-page'), 'MembersPage'),
});

const coChairsRoute = createRoute({
  getParentRoute: () => groupRoute,
  path: '/co-chairs',
  component: lazyRouteComponent(() => import('./co-chairs-page'), 'CoChairsPage'),
});

const stakeholderMapRoute = createRoute({
  getParentRoute: () => groupRoute,
  path: '/stakeholder-map',
  component: lazyRouteComponent(() => import('./stakeholder-map-page'), 'StakeholderMapPage'),
});

// Membership and co-chair changes alter the caller's own list of groups and roles too.
const refreshMine = (_e: unknown, queries: import('@tanstack/react-query').QueryClient) => {
  void queries.invalidateQueries({ queryKey: myGroupsKey });
  void queries.invalidateQueries({ queryKey: ['me'] });
};

export const groupsFeature = {
  name: 'groups',
  routes: [
    newGroupRoute,
    groupRoute.addChildren([overviewRoute, membersRoute, coChairsRoute, stakeholderMapRoute]),
  ] as const,
  realtime: {
    events: {
      'group.updated': refreshMine,
      'member.joined': refreshMine,
      'member.left': refreshMine,
      'member.updated': refreshMine,
      'cochair.appointed': refreshMine,
      'cochair.ended': refreshMine,
    },
  },
} satisfies Feature;

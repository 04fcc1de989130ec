import { createRouter } from '@tanstack/react-router';
import { attachmentsFeature } from '@/features/attachments';
import { accountFeature } from '@/features/account';
import { agendaFeature } from '@/features/agenda';
import { agreementsFeature } from '@/features/agreements';
import { engagementFeature } from '@/features/engagement';
import { auditFeature } from '@/features/audit';
import { authFeature } from '@/features/auth';
import { dashboardFeature } from '@/features/dashboard';
import { documentsFeature } from '@/features/documents';
import { groupRoute, groupsFeature } from '@/features/groups';
import { homeFeature } from '@/features/home';
import { incidentsFeature } from '@/features/incidents';
import { invitationsFeature } from '@/features/invitations';
import { meetingsFeature } from '@/features/meetings';
import { minutesFeature } from '@/features/minutes';
import { notificationsFeature } from '@/features/notifications';
import { organisationsFeature } from '@/features/organisations';
import { preferencesFeature } from '@/features/preferences';
import { recommendationsFeature } from '@/features/recommendations';
import type { Feature } from './feature';
import { NotFoundPage } from './not-found';
import { appLayoutRoute, publicLayoutRoute, rootRoute } from './route-parents';
import type { Services } from './services';

// Every feature, once: its realtime handlers are collected from here.
export const FEATURES: Feature[] = [
  authFeature,
  homeFeature,
  invitationsFeature,
  notificationsFeature,
  meetingsFeature,
  organisationsFeature,
  groupsFeature,
  attachmentsFeature,
  engagementFeature,
  accountFeature,
  agendaFeature,
  minutesFeature,
  preferencesFeature,
  incidentsFeature,
  recommendationsFeature,
  auditFeature,
  dashboardFeature,
  agreementsFeature,
  documentsFeature,
];

// The route tree: one line per feature, under the parent its screens need (spelled out rather
// than computed from FEATURES so links stay type-checked).
const routeTree = rootRoute.addChildren([
  publicLayoutRoute.addChildren([...authFeature.publicRoutes, ...accountFeature.publicRoutes]),
  appLayoutRoute.addChildren([
    ...homeFeature.routes,
    ...invitationsFeature.routes,
    ...organisationsFeature.routes,
    ...groupsFeature.routes,
    ...engagementFeature.routes,
    ...accountFeature.routes,
    ...meetingsFeature.routes,
    ...agendaFeature.routes,
    ...minutesFeature.routes,
    ...notificationsFeature.routes,
    ...preferencesFeature.routes,
    // A group's screens, inside its frame (name and tabs): one line per feature.
    groupRoute.addChildren([
      ...groupsFeature.groupRoutes,
      ...incidentsFeature.groupRoutes,
      ...recommendationsFeature.groupRoutes,
      ...auditFeature.groupRoutes,
      ...dashboardFeature.groupRoutes,
    ]),
    ...agreementsFeature.routes,
    ...documentsFeature.routes,
  ]),
]);

export function createAppRouter(services: Services) {
  return createRouter({
    routeTree,
    context: { services },
    defaultPreload: 'intent',
    defaultNotFoundComponent: NotFoundPage,
    scrollRestoration: true,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}

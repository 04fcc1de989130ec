import { createRouter } from '@tanstack/react-router';
import { authFeature } from '@/features/auth';
import { documentsFeature } from '@/features/documents';
import { groupsFeature } from '@/features/groups';
import { homeFeature } from '@/features/home';
import { invitationsFeature } from '@/features/invitations';
import { meetingsFeature } from '@/features/meetings';
import { notificationsFeature } from '@/features/notifications';
import { organisationsFeature } from '@/features/organisations';
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
  documentsFeature,
];

// The route tree: one line per feature, under the parent its screens need (spelled out rather
// than computed from FEATURES so links stay type-checked).
const routeTree = rootRoute.addChildren([
  publicLayoutRoute.addChildren([...authFeature.publicRoutes]),
  appLayoutRoute.addChildren([
    ...homeFeature.routes,
    ...invitationsFeature.routes,
    ...organisationsFeature.routes,
    ...groupsFeature.routes,
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

import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { Feature } from '@/app/feature';
import { appLayoutRoute } from '@/app/route-parents';
import { withCatalogues } from '@/i18n/route-catalogues';

export { UnreadNotifications } from './unread-notifications';

const notificationsRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: '/notifications',
  loader: withCatalogues('notifications'),
  component: lazyRouteComponent(() => import('./notifications-page'), 'NotificationsPage'),
});

// The realtime layer refreshes ['notifications'] on notification.created.
export const notificationsFeature = {
  name: 'notifications',
  routes: [notificationsRoute] as const,
} satisfies Feature;

import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { Feature } from '@/app/feature';
import { groupRoute } from '@/features/groups';
import { withCatalogues } from '@/i18n/route-catalogues';

const dashboardRoute = createRoute({
  getParentRoute: () => groupRoute,
  path: '/dashboard',
  loader: withCatalogues('dashboard', 'recommendations'),
  component: lazyRouteComponent(() => import('./dashboard-page'), 'DashboardPage'),
});

export const dashboardFeature = {
  name: 'dashboard',
  groupRoutes: [dashboardRoute] as const,
} satisfies Feature;

import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { Feature } from '@/app/feature';
import { groupRoute } from '@/features/groups';
import { withCatalogues } from '@/i18n/route-catalogues';

const auditRoute = createRoute({
  getParentRoute: () => groupRoute,
  path: '/audit',
  loader: withCatalogues('audit'),
  component: lazyRouteComponent(() => import('./audit-page'), 'AuditPage'),
});

export const auditFeature = { name: 'audit', groupRoutes: [auditRoute] as const } satisfies Feature;

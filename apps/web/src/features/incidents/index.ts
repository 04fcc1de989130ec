import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { Feature } from '@/app/feature';
import { groupRoute } from '@/features/groups';
import { withCatalogues } from '@/i18n/route-catalogues';

const listRoute = createRoute({
  getParentRoute: () => groupRoute,
  path: '/incidents',
  loader: withCatalogues('incidents'),
  component: lazyRouteComponent(() => import('./incidents-page'), 'IncidentsPage'),
});

const reportRoute = createRoute({
  getParentRoute: () => groupRoute,
  path: '/incidents/new',
  loader: withCatalogues('incidents'),
  component: lazyRouteComponent(() => import('./report-incident-page'), 'ReportIncidentPage'),
});

const detailRoute = createRoute({
  getParentRoute: () => groupRoute,
  path: '/incidents/$incidentId',
  loader: withCatalogues('incidents', 'attachments'),
  component: lazyRouteComponent(() => import('./incident-page'), 'IncidentPage'),
});

// incident.reported / incident.updated are group events: the default ['group', id] invalidation
// refreshes the list, the detail and the thread. The server sends a restricted incident's events
// only to those who may see it, so nothing here filters.
export const incidentsFeature = {
  name: 'incidents',
  groupRoutes: [listRoute, reportRoute, detailRoute] as const,
} satisfies Feature;

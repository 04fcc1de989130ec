import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { Feature } from '@/app/feature';
import { groupRoute } from '@/features/groups';
import { withCatalogues } from '@/i18n/route-catalogues';

export { isTerminal as isTerminalRecommendation, useRecommendations, type Recommendation } from './api';

const listRoute = createRoute({
  getParentRoute: () => groupRoute,
  path: '/recommendations',
  loader: withCatalogues('recommendations'),
  component: lazyRouteComponent(() => import('./recommendations-page'), 'RecommendationsPage'),
});

const summaryRoute = createRoute({
  getParentRoute: () => groupRoute,
  path: '/recommendations/summary',
  loader: withCatalogues('recommendations'),
  component: lazyRouteComponent(() => import('./summary-page'), 'RecommendationSummaryPage'),
});

const detailRoute = createRoute({
  getParentRoute: () => groupRoute,
  path: '/recommendations/$recommendationId',
  // The language switch: ?locale= (unset: the server negotiates).
  validateSearch: (s: Record<string, unknown>): { locale?: string } => ({
    locale: typeof s.locale === 'string' ? s.locale : undefined,
  }),
  loader: withCatalogues('recommendations', 'attachments', 'documents'),
  component: lazyRouteComponent(() => import('./recommendation-page'), 'RecommendationPage'),
});

// recommendation.* are group events: the default ['group', id] invalidation refreshes the
// tracker, the detail and the summary.
export const recommendationsFeature = {
  name: 'recommendations',
  groupRoutes: [listRoute, summaryRoute, detailRoute] as const,
} satisfies Feature;

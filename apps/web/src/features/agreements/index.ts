import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { Feature } from '@/app/feature';
import { appLayoutRoute } from '@/app/route-parents';
import { withCatalogues } from '@/i18n/route-catalogues';

// The co-chair's dashboard shows the same indicators as the agreements list.
export { AgreementIndicators } from './indicators-lazy';
// The group's sites, also for the engagement screens (training, equipment requests).
export { useSites } from './api';

const agreementsRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: '/groups/$groupId/agreements',
  loader: withCatalogues('agreements'),
  component: lazyRouteComponent(() => import('./agreements-page'), 'AgreementsPage'),
});

const newAgreementRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: '/groups/$groupId/agreements/new',
  validateSearch: (s: Record<string, unknown>): { parentAgreementId?: string } => ({
    parentAgreementId: typeof s.parentAgreementId === 'string' ? s.parentAgreementId : undefined,
  }),
  loader: withCatalogues('agreements'),
  component: lazyRouteComponent(() => import('./new-agreement-page'), 'NewAgreementPage'),
});

const agreementRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: '/groups/$groupId/agreements/$agreementId',
  loader: withCatalogues('agreements', 'attachments'),
  component: lazyRouteComponent(() => import('./agreement-page'), 'AgreementPage'),
});

// Every agreement, obligation and report event already refreshes ['group', id] (the agreement,
// its versions, obligations, reviews, reports and the indicators all live under it).
export const agreementsFeature = {
  name: 'agreements',
  routes: [agreementsRoute, newAgreementRoute, agreementRoute] as const,
} satisfies Feature;

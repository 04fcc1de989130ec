import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { withCatalogues } from '@/i18n/route-catalogues';
import { appLayoutRoute } from '@/app/route-parents';
import type { Feature } from '@/app/feature';

export { ORGANISATION_KINDS, type OrganisationKind } from './api';
export { OrganisationPicker } from './organisation-picker';

// ?next: where to go once created (e.g. back to the new-group form, which then preselects it).
const newOrganisationRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: '/organisations/new',
  validateSearch: (s: Record<string, unknown>): { next?: '/groups/new' } => ({
    next: s.next === '/groups/new' ? '/groups/new' : undefined,
  }),
  loader: withCatalogues('organisations'),
  component: lazyRouteComponent(() => import('./new-organisation-page'), 'NewOrganisationPage'),
});

// For the organisation's admins (others get the API's 403 as a message).
const organisationRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: '/organisations/$organisationId',
  loader: withCatalogues('organisations'),
  component: lazyRouteComponent(() => import('./organisation-page'), 'OrganisationPage'),
});

export const organisationsFeature = {
  name: 'organisations',
  routes: [newOrganisationRoute, organisationRoute] as const,
} satisfies Feature;

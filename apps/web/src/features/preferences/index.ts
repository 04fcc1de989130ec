import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { Feature } from '@/app/feature';
import { appLayoutRoute } from '@/app/route-parents';
import { withCatalogues } from '@/i18n/route-catalogues';

export { useAccountLanguage } from './account-language';
// The signed-in account (GET /me), one query for every feature that needs it.
export { meKey, useMe } from './api';

const preferencesRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: '/preferences',
  loader: withCatalogues('preferences'),
  component: lazyRouteComponent(() => import('./preferences-page'), 'PreferencesPage'),
});

export const preferencesFeature = {
  name: 'preferences',
  routes: [preferencesRoute] as const,
} satisfies Feature;

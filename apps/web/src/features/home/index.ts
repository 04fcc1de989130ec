import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { withCatalogues } from '@/i18n/route-catalogues';
import type { Feature } from '@/app/feature';
import { appLayoutRoute } from '@/app/route-parents';

const homeRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: '/',
  loader: withCatalogues('home', 'invitations', 'notifications', 'meetings'),
  component: lazyRouteComponent(() => import('./home-page'), 'HomePage'),
});

export const homeFeature = { name: 'home', routes: [homeRoute] as const } satisfies Feature;

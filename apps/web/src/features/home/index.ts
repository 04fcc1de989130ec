import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { Feature } from '@/app/feature';
import { appLayoutRoute } from '@/app/route-parents';

const homeRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: '/',
  component: lazyRouteComponent(() => import('./home-page'), 'HomePage'),
});

export const homeFeature = { name: 'home', routes: [homeRoute] as const } satisfies Feature;

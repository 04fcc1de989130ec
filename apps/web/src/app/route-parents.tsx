import { createRootRouteWithContext, createRoute, Outlet, redirect } from '@tanstack/react-router';
import { AppLayout, PublicLayout } from './layout';
import type { Services } from './services';

export interface RouterContext {
  services: Services;
}

// The three parents every feature's routes hang from: the root, the signed-out screens (sign in,
// register) and the signed-in app.
export const rootRoute = createRootRouteWithContext<RouterContext>()({ component: Outlet });

export const publicLayoutRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'public',
  component: PublicLayout,
});

export const appLayoutRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  component: AppLayout,
  // Signed out (or the stored session no longer refreshes): to the sign-in screen, coming back here
  // afterwards. Only the path is carried, never page content.
  beforeLoad: async ({ context, location }) => {
    const token = await context.services.session.accessTokenOrRefresh().catch(() => null);
    if (!token) throw redirect({ to: '/sign-in', search: { next: location.pathname } });
  },
});

import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { withCatalogues } from '@/i18n/route-catalogues';
import { appLayoutRoute } from '@/app/route-parents';
import type { Feature } from '@/app/feature';
import { invitationsKey } from './api';

export { InvitationList } from './invitation-list';

const invitationsRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: '/invitations',
  loader: withCatalogues('invitations'),
  component: lazyRouteComponent(() => import('./invitations-page'), 'InvitationsPage'),
});

export const invitationsFeature = {
  name: 'invitations',
  routes: [invitationsRoute] as const,
  realtime: {
    // An invitation arrives as a notification (the invitee is not in the group's rooms yet).
    notification: (n, queries) => {
      if (n.type === 'member.invited') void queries.invalidateQueries({ queryKey: invitationsKey });
    },
  },
} satisfies Feature;

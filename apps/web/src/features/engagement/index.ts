import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { Feature } from '@/app/feature';
import { appLayoutRoute } from '@/app/route-parents';
import { withCatalogues } from '@/i18n/route-catalogues';

// Engagement with public security: training, equipment requests, contributions (one chunk each).
const trainingRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: '/groups/$groupId/engagement/training',
  loader: withCatalogues('engagement', 'attachments'),
  component: lazyRouteComponent(() => import('./training-page'), 'TrainingPage'),
});

const equipmentRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: '/groups/$groupId/engagement/equipment',
  loader: withCatalogues('engagement', 'attachments'),
  component: lazyRouteComponent(() => import('./equipment-page'), 'EquipmentPage'),
});

const contributionsRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: '/groups/$groupId/engagement/contributions',
  loader: withCatalogues('engagement'),
  component: lazyRouteComponent(() => import('./contributions-page'), 'ContributionsPage'),
});

// Group events already refresh every ['group', id] query (the registers' keys start with it).
export const engagementFeature = {
  name: 'engagement',
  routes: [trainingRoute, equipmentRoute, contributionsRoute] as const,
} satisfies Feature;

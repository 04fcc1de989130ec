import type { AnyRoute } from '@tanstack/react-router';
import type { RealtimeHandlers } from '@/realtime/realtime';

// What a feature contributes to the app: its routes (under one of the parents in
// route-parents.tsx) and its reactions to realtime events. Its catalogues are found by path
// (features/<name>/locales/<lng>.json, namespace <name>).
export interface Feature {
  name: string;
  routes?: readonly AnyRoute[];
  publicRoutes?: readonly AnyRoute[];
  // Screens inside a group (children of the groups feature's groupRoute: its name and tabs).
  groupRoutes?: readonly AnyRoute[];
  realtime?: RealtimeHandlers;
}

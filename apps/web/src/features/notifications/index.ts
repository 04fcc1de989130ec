import type { Feature } from '@/app/feature';

export { UnreadNotifications } from './unread-notifications';

// The notifications list screen comes later (issue 12, screen 7); the realtime layer already
// refreshes ['notifications'] on notification.created.
export const notificationsFeature = { name: 'notifications' } satisfies Feature;

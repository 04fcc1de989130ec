import type { Feature } from '@/app/feature';
import { authRoutes } from './routes';

export const authFeature = { name: 'auth', publicRoutes: authRoutes } satisfies Feature;

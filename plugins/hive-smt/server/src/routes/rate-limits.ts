import type { Core } from '@strapi/strapi';
import { RATE_LIMITS } from './rewards';

interface RouteConfig {
  handler: string;
  config: { middlewares?: unknown[]; [key: string]: unknown };
}

/** The app's rate limiter (global::rate-limit), when the app has one, on the member write routes. */
export function attachRateLimits(strapi: Core.Strapi, routes: RouteConfig[]): void {
  if (!strapi.get('middlewares').get('global::rate-limit')) return;
  for (const route of routes) {
    const limit = RATE_LIMITS[route.handler];
    if (limit) route.config.middlewares = [...(route.config.middlewares ?? []), { name: 'global::rate-limit', config: limit }];
  }
}

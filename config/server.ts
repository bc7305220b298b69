import { DEVELOPMENT_SECRETS as DEV } from '../src/secrets/development-defaults';
import { assertProductionSecrets } from '../src/secrets/production-guard';

export default ({ env }) => {
  // Strapi reads this before anything else starts: production goes no further on a secret anyone
  // can read in this repository (the fallbacks below are for development only).
  assertProductionSecrets(process.env);
  return {
    host: env('HOST', '0.0.0.0'),
    port: env.int('PORT', 1337),
    url: env('PUBLIC_URL', ''),
    app: {
      keys: env.array('APP_KEYS', DEV.APP_KEYS.split(',')),
    },
    // Behind a reverse proxy (nginx, a load balancer): the client's address is read from the header the
    // proxy sets, so per-IP rate limits see clients and not the proxy. The last SERVER_PROXY_HOPS addresses
    // of the header are the ones proxies added; anything before them the client may have written itself.
    proxy: {
      koa: env.bool('SERVER_PROXY', false),
      ipHeader: env('SERVER_PROXY_IP_HEADER', 'X-Forwarded-For'),
      maxIpsCount: env.int('SERVER_PROXY_HOPS', 1),
    },
  };
};

export default [
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  'strapi::cors',
  'strapi::poweredBy',
  // The public reads (feed, featured list, cached anonymous post details) are answered here, with Strapi's
  // logging, error shape, security headers and CORS but before query and body parsing, sessions and routing.
  'global::fast-read',
  'strapi::query',
  {
    name: 'strapi::body',
    config: {
      // Members send posts and comments, not files: keep JSON bodies small.
      jsonLimit: '256kb',
      formLimit: '256kb',
      textLimit: '256kb',
    },
  },
  // Malformed JSON shapes get a 400 before any handler sees them.
  'global::json-guard',
  // Members' likes, unlikes and comments run their route (its rate limit, its controller) from here, without the
  // router's search through every route and users-permissions' per-request lookups; anything else goes on.
  { name: 'global::fast-write', config: { routes: ['plugin::hive-smt.rewards.like', 'plugin::hive-smt.rewards.unlike', 'api::comment.comment.create'] } },
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
  // The member web app (apps/web, built by Vite) at / and its client routes; the API and the admin keep theirs.
  'global::web-app',
];

export default [
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  'strapi::cors',
  'strapi::poweredBy',
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
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
  // The member web app (apps/web, built by Vite) at / and its client routes; the API and the admin keep theirs.
  'global::web-app',
  // Anonymous post details already in the cache are answered here, before routing and users-permissions.
  'global::detail-cache',
];

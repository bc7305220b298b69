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
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];

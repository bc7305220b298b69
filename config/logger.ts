export default ({ env }) => ({
  // 'http' logs every request; tests and quiet deployments use LOG_LEVEL=warn.
  level: env('LOG_LEVEL', 'http'),
});

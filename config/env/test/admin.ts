export default {
  // Tests log in many admins within a minute.
  rateLimit: { enabled: false },
};

/**
 * users-permissions, with `email` private in the user schema: its sign-up
 * hands the confirmation mailer the member as sent back to the client, which
 * no longer carries the address. The mailer reads it from the database when
 * it is missing; nothing else of the plugin changes.
 */
const USER = 'plugin::users-permissions.user';

export default (plugin: any) => {
  const createUserService = plugin.services.user;
  plugin.services.user = (context: { strapi: any }) => {
    const service = createUserService(context);
    const send = service.sendConfirmationEmail;
    service.sendConfirmationEmail = async function sendWithAddress(this: unknown, user: { id: number; email?: string }) {
      const email = user?.email ?? (await context.strapi.db.query(USER).findOne({ where: { id: user.id }, select: ['email'] }))?.email;
      return send.call(this, { ...user, email });
    };
    return service;
  };
  return plugin;
};

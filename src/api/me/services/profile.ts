import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { displayNameOf, hiveAccountsOf, pictureUrl } from '../../../people/cards';

const USER = 'plugin::users-permissions.user';

export interface ProfileChange {
  displayName?: string;
  bio?: string;
  avatar?: number | null;
  notifications?: { wechat: boolean };
}

const refused = (path: string, message: string) => new errors.ValidationError(message, { errors: [{ path: [path], message, name: 'ValidationError' }] });

/** The member's own profile: what GET /api/me answers and PUT /api/me changes. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async read(memberId: number) {
    const user: any = await strapi.db.query(USER).findOne({
      where: { id: memberId },
      select: ['id', 'username', 'displayName', 'bio', 'notificationOptIns'],
      populate: { avatar: { select: ['id', 'url', 'formats'] } },
    });
    if (!user) throw new errors.NotFoundError('Your account no longer exists.');
    const [accounts, unread] = await Promise.all([hiveAccountsOf(strapi, [memberId]), strapi.service('api::notification.notification').unreadCount(memberId)]);
    return {
      id: user.id,
      username: user.username,
      displayName: displayNameOf(user),
      avatarUrl: pictureUrl(user.avatar),
      avatar: user.avatar ? { id: user.avatar.id, url: user.avatar.url } : null,
      bio: user.bio ?? '',
      hiveAccount: accounts.get(memberId) ?? null,
      unreadNotifications: unread,
      notifications: { wechat: Boolean(user.notificationOptIns?.wechat) },
    };
  },

  async update(member: { id: number }, change: ProfileChange) {
    const data: Record<string, unknown> = {};
    if (change.avatar !== undefined) {
      if (change.avatar !== null && !(await strapi.service('api::me.uploads').ownPicture(member.id, change.avatar))) {
        throw refused('avatar', 'Your avatar must be a picture you uploaded yourself (POST /api/me/uploads): this id is not one of yours.');
      }
      data.avatar = change.avatar;
    }
    // WeChat asks UGC mini programs to check what members write, names and bios included.
    const checks = strapi.service('api::wechat.content-check') as any;
    for (const field of ['displayName', 'bio'] as const) {
      const text = change[field];
      if (text === undefined) continue;
      if (text && checks) {
        const verdict = await checks.checkProfileText(member.id, field, text);
        if (verdict === 'risky' || verdict === 'review') {
          throw refused(field, `WeChat's content check did not accept this ${field === 'bio' ? 'bio' : 'name'}: choose other words.`);
        }
      }
      data[field] = text;
    }
    if (change.notifications) {
      const current: any = await strapi.db.query(USER).findOne({ where: { id: member.id }, select: ['notificationOptIns'] });
      data.notificationOptIns = { ...(current?.notificationOptIns ?? {}), wechat: change.notifications.wechat };
    }
    await strapi.db.query(USER).update({ where: { id: member.id }, data });
    return this.read(member.id);
  },
});

import type { Core } from '@strapi/strapi';
import { SUBSCRIBE_REFUSED } from '../../../wechat/protocol';
import { wechatConfigured, wechatSettings } from '../../../wechat/settings';
import { WechatRefusedError } from './security';

const USER = 'plugin::users-permissions.user';
/** A subscribe template's `thing` field holds at most 20 characters. */
const THING_MAX = 20;

const thing = (text: string) => {
  const chars = Array.from(text);
  return chars.length <= THING_MAX ? text : `${chars.slice(0, THING_MAX - 1).join('')}…`;
};

/**
 * Notifications as WeChat subscribe messages (subscribeMessage.send), for
 * members who signed in with WeChat and accepted the prompt (PUT /api/me
 * `notifications.wechat`), with the template of each kind from the
 * environment (WECHAT_TEMPLATE_REPLY, …). A template's fields are `thing1`
 * (what happened, 20 characters) and `time2` (when): choose templates with
 * those keys in the mini program's admin console.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  enabled(): boolean {
    const s = wechatSettings();
    return wechatConfigured(s) && Object.values(s.templates).some(Boolean);
  },

  async send(recipientId: number, item: { kind: keyof ReturnType<typeof wechatSettings>['templates']; text: string; lastAt: string; post: { documentId: string } | null }): Promise<boolean> {
    const templateId = wechatSettings().templates[item.kind];
    if (!templateId) return false;
    const user: any = await strapi.db.query(USER).findOne({ where: { id: recipientId }, select: ['wechatOpenId', 'notificationOptIns'] });
    if (!user?.wechatOpenId || user.notificationOptIns?.wechat !== true) return false;
    const when = new Date(item.lastAt);
    const time = `${when.getFullYear()}-${String(when.getMonth() + 1).padStart(2, '0')}-${String(when.getDate()).padStart(2, '0')} ${String(when.getHours()).padStart(2, '0')}:${String(when.getMinutes()).padStart(2, '0')}`;
    try {
      await (strapi.service('api::wechat.security') as any).sendSubscribeMessage({
        openid: user.wechatOpenId,
        templateId,
        page: item.post ? `pages/post/index?id=${item.post.documentId}` : 'pages/notifications/index',
        data: { thing1: { value: thing(item.text) }, time2: { value: time } },
      });
      return true;
    } catch (error) {
      // The member withdrew their acceptance in WeChat: stop sending until they accept again.
      if (error instanceof WechatRefusedError && error.errcode === SUBSCRIBE_REFUSED) {
        await strapi.db.query(USER).update({ where: { id: recipientId }, data: { notificationOptIns: { ...(user.notificationOptIns ?? {}), wechat: false } } });
        return false;
      }
      throw error;
    }
  },
});

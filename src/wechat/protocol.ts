/**
 * WeChat server API facts Quanzi relies on, one constant each
 * (developers.weixin.qq.com/miniprogram/dev/OpenApiDoc: getStableAccessToken,
 * msgSecCheck, mediaCheckAsync, subscribeMessage.send, and the message-push
 * guide for the server's signature check).
 */
export const STABLE_TOKEN_PATH = '/cgi-bin/stable_token';
export const MSG_SEC_CHECK_PATH = '/wxa/msg_sec_check';
export const MEDIA_CHECK_ASYNC_PATH = '/wxa/media_check_async';
export const SUBSCRIBE_SEND_PATH = '/cgi-bin/message/subscribe/send';

/** Content-security API version 2: results carry `result.suggest` (pass / review / risky). */
export const SEC_CHECK_VERSION = 2;
/** Scenes of msgSecCheck / mediaCheckAsync 2.0: 1 profile, 2 comment, 3 forum post, 4 social log. */
export const SCENE = { profile: 1, comment: 2, forum: 3, socialLog: 4 } as const;
/** mediaCheckAsync media_type: 1 audio, 2 image. */
export const MEDIA_TYPE_IMAGE = 2;
/** The push event carrying an asynchronous media check's result. */
export const MEDIA_CHECK_EVENT = 'wxa_media_check';

/** access_token lives 7200 s; refresh ahead of its end so no call races the expiry. */
export const TOKEN_REFRESH_MARGIN_S = 300;
/** errcodes meaning the access_token is no longer good: invalid credential, invalid token, token expired. */
export const TOKEN_ERRCODES = new Set([40001, 40014, 42001]);
/** errcode -1: "system busy, try again". */
export const SYSTEM_BUSY = -1;
/** msgSecCheck refuses text over 2,500 characters (errcode 87014 is its "risky content" in version 1; version 2 answers in result). */
export const MAX_CHECK_TEXT = 2500;
/** subscribeMessage.send: the member has not accepted this template (or used up their one-time acceptance). */
export const SUBSCRIBE_REFUSED = 43101;

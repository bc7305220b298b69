import { z } from 'zod';
import { documented } from '../../../openapi/registry';

const signed = z.object({
  signature: z.string().describe('sha1 of WECHAT_PUSH_TOKEN, timestamp and nonce, sorted and joined.'),
  timestamp: z.string(),
  nonce: z.string(),
});

/** WeChat's message push (public: WeChat calls it; the signature is the credential). */
export default {
  routes: [
    {
      method: 'GET',
      path: '/wechat/push',
      handler: 'push.verify',
      config: {
        auth: false,
        openapi: documented({
          summary: "WeChat's message-push URL check",
          description: 'WeChat calls this when the push URL is saved in the mini program\'s console; a valid signature is answered with `echostr`. Not for frontends.',
          tags: ['WeChat'],
          access: 'public',
          query: signed.extend({ echostr: z.string() }),
          responses: { 200: { description: '`echostr`, as text.', schema: { type: 'string' } }, 403: { description: 'A wrong or missing signature, or WECHAT_PUSH_TOKEN is not set.' } },
        }),
      },
    },
    {
      method: 'POST',
      path: '/wechat/push',
      handler: 'push.receive',
      config: {
        auth: false,
        openapi: documented({
          summary: 'WeChat pushes an event',
          description:
            "Events from WeChat's message push (JSON data format, plaintext mode). `wxa_media_check` carries the result of a picture's content check (`trace_id`, `result.suggest`): risky pictures are taken down, review sends their posts to the editors. Answered `success`. Not for frontends.",
          tags: ['WeChat'],
          access: 'public',
          query: signed,
          body: { type: 'object', properties: { Event: { type: 'string' }, trace_id: { type: 'string' }, result: { type: 'object', properties: { suggest: { enum: ['pass', 'review', 'risky'] }, label: { type: 'integer' } } } } },
          responses: { 200: { description: '`success`, as text.', schema: { type: 'string' } }, 400: { description: 'Not JSON, or a media check event without trace_id or result.' }, 403: { description: 'A wrong or missing signature, or WECHAT_PUSH_TOKEN is not set.' } },
        }),
      },
    },
  ],
};

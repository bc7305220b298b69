import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { foreignImages, imageSources } from './body-images';

const refused = (path: string, message: string) => new errors.ValidationError(message, { errors: [{ path: [path], message, name: 'ValidationError' }] });

/**
 * A member's post shows only pictures they uploaded (POST /api/me/uploads):
 * those were re-encoded without location data, and a hotlinked picture could
 * change after an editor looked at it.
 */
export async function assertOwnPictures(strapi: Core.Strapi, memberId: number, post: { cover?: number | null; body?: string }): Promise<void> {
  const uploads = strapi.service('api::me.uploads') as any;
  if (post.cover != null && !(await uploads.ownPicture(memberId, post.cover))) {
    throw refused('cover', 'The cover must be a picture you uploaded yourself (POST /api/me/uploads): this id is not one of yours.');
  }
  if (typeof post.body === 'string') {
    const sources = imageSources(post.body);
    if (sources.length === 0) return;
    const foreign = foreignImages(sources, await uploads.ownPictureUrls(memberId, sources), strapi.config.get('server.url') as string | undefined);
    if (foreign.length > 0) {
      throw refused('body', `Pictures in a post must be your own uploads (POST /api/me/uploads, then the server's address + the url it answers): ${foreign.slice(0, 3).join(', ')} is not.`);
    }
  }
}

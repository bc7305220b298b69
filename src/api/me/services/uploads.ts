import fs from 'fs/promises';
import os from 'os';
import path from 'path';
import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { MAX_UPLOAD_BYTES, uploadsPerDay } from '../../../uploads/limits';
import { PICTURE_MIME, sniffPicture } from '../../../uploads/sniff';
import { reencodePicture, UnreadablePictureError } from '../../../uploads/reencode';

const MEMBER_UPLOAD = 'api::member-upload.member-upload';
const FILE = 'plugin::upload.file';
const DAY_MS = 24 * 60 * 60 * 1000;
const EXTENSION = { jpeg: 'jpg', png: 'png', webp: 'webp', gif: 'gif' } as const;

const invalidFile = (message: string) => new errors.ValidationError(message, { errors: [{ path: ['files'], message, name: 'ValidationError' }] });

export interface PictureFile {
  id: number;
  url: string;
  width: number | null;
  height: number | null;
  formats: Record<string, { url: string; width: number; height: number }>;
}

export function pictureOf(file: any): PictureFile {
  const formats: PictureFile['formats'] = {};
  for (const [name, format] of Object.entries<any>(file.formats ?? {})) formats[name] = { url: format.url, width: format.width, height: format.height };
  return { id: file.id, url: file.url, width: file.width ?? null, height: file.height ?? null, formats };
}

/**
 * Members' pictures: sniffed by content, re-encoded without metadata, stored
 * through Strapi's upload plugin (which makes the thumbnail and responsive
 * formats), and remembered as the member's own so only they can use them.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async uploadPicture(memberId: number, file: { filepath: string; originalFilename?: string | null; size: number }) {
    if (file.size > MAX_UPLOAD_BYTES) throw invalidFile(`The picture is ${(file.size / 1048576).toFixed(1)} MB: at most ${MAX_UPLOAD_BYTES / 1048576} MB.`);
    const quota = uploadsPerDay();
    const today = await strapi.db.query(MEMBER_UPLOAD as any).count({ where: { ownerId: memberId, createdAt: { $gt: new Date(Date.now() - DAY_MS) } } });
    if (today >= quota) {
      throw new errors.RateLimitError(`You uploaded ${quota} pictures in the last 24 hours, the most a member may: try again tomorrow.`, { quota, retryAfter: 3600 });
    }
    const input = await fs.readFile(file.filepath);
    const type = sniffPicture(input);
    if (!type) throw invalidFile('Only pictures can be uploaded: JPEG, PNG, WebP or GIF (told by the file\'s content, not its name).');
    let picture;
    try {
      picture = await reencodePicture(input, type);
    } catch (error) {
      if (error instanceof UnreadablePictureError) throw invalidFile(`This ${type.toUpperCase()} file is damaged or incomplete: it cannot be read as a picture.`);
      throw error;
    }

    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'quanzi-upload-'));
    try {
      const base = (file.originalFilename ?? 'picture').replace(/\.[^.]*$/, '').replace(/[^\p{L}\p{N}_-]+/gu, '-').slice(0, 60) || 'picture';
      const name = `${base}.${EXTENSION[type]}`;
      const filepath = path.join(dir, `${crypto.randomUUID()}.${EXTENSION[type]}`);
      await fs.writeFile(filepath, picture.data);
      const [stored] = await (strapi.plugin('upload').service('upload') as any).upload({
        data: { fileInfo: { name, alternativeText: null, caption: null } },
        files: { filepath, originalFilename: name, mimetype: PICTURE_MIME[type], size: picture.data.length },
      });
      await strapi.db.query(MEMBER_UPLOAD as any).create({ data: { fileId: stored.id, ownerId: memberId, bytes: picture.data.length, url: stored.url } });
      // WeChat's asynchronous picture check, for members whose content it covers (its result comes by push).
      await (strapi.service('api::wechat.content-check') as any)?.checkPicture(memberId, stored.id, stored.url);
      return pictureOf(stored);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  },

  /** The upload, if this member made it; null otherwise (someone else's picture, or none with this id). */
  async ownPicture(memberId: number, fileId: number): Promise<PictureFile | null> {
    const owned = await strapi.db.query(MEMBER_UPLOAD as any).findOne({ where: { fileId, ownerId: memberId } });
    if (!owned) return null;
    const file = await strapi.db.query(FILE).findOne({ where: { id: fileId } });
    return file ? pictureOf(file) : null;
  },

  /** Every URL (originals and formats) of the member's own pictures among these: what a post body may show. */
  async ownPictureUrls(memberId: number, urls: string[]): Promise<Set<string>> {
    const own = new Set<string>();
    if (urls.length === 0) return own;
    const rows: any[] = await strapi.db.query(MEMBER_UPLOAD as any).findMany({ where: { ownerId: memberId }, select: ['fileId'] });
    if (rows.length === 0) return own;
    const files: any[] = await strapi.db.query(FILE).findMany({ where: { id: { $in: rows.map((r) => r.fileId) } }, select: ['url', 'formats'] });
    for (const file of files) {
      own.add(file.url);
      for (const format of Object.values<any>(file.formats ?? {})) if (format?.url) own.add(format.url);
    }
    return own;
  },
});

import { call, type Upload } from './client';

/** POST /api/me/uploads: one picture in the multipart field `files`, re-encoded by the server without EXIF. */
export async function uploadPicture(file: File): Promise<Upload> {
  const form = new FormData();
  form.append('files', file, file.name);
  return (await call('post', '/me/uploads', { form })).data;
}

import sharp from 'sharp';
import { MAX_INPUT_PIXELS, MAX_PICTURE_SIDE } from './limits';
import type { PictureType } from './sniff';

export interface Reencoded {
  data: Buffer;
  width: number;
  height: number;
}

/** The picture could not be decoded as the type its bytes claim. */
export class UnreadablePictureError extends Error {}

/**
 * Decodes and encodes the picture anew in its own format. sharp writes no
 * metadata unless asked (withMetadata / keepExif), so EXIF — GPS position,
 * camera, time — XMP, IPTC and comments are gone; the orientation EXIF gave is
 * applied to the pixels first so the photo still stands the right way up.
 * Animated GIF and WebP keep their frames.
 */
export async function reencodePicture(input: Buffer, type: PictureType): Promise<Reencoded> {
  const animated = type === 'gif' || type === 'webp';
  let pipeline = sharp(input, { animated, limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
    .rotate()
    .resize({ width: MAX_PICTURE_SIDE, height: MAX_PICTURE_SIDE, fit: 'inside', withoutEnlargement: true });
  if (type === 'jpeg') pipeline = pipeline.jpeg({ quality: 85, mozjpeg: true });
  else if (type === 'png') pipeline = pipeline.png({ compressionLevel: 9 });
  else if (type === 'webp') pipeline = pipeline.webp({ quality: 85 });
  else pipeline = pipeline.gif();
  try {
    const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.pageHeight ?? info.height };
  } catch (error) {
    throw new UnreadablePictureError((error as Error).message);
  }
}

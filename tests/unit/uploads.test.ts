import sharp from 'sharp';
import { sniffPicture } from '../../src/uploads/sniff';
import { reencodePicture, UnreadablePictureError } from '../../src/uploads/reencode';
import { foreignImages, imageSources } from '../../src/uploads/body-images';
import { gifPicture, phoneJpeg, pngPicture, webpPicture } from '../helpers/pictures';

describe('sniffPicture', () => {
  it('tells the four picture types by their first bytes', async () => {
    expect(sniffPicture(await phoneJpeg(16, 16))).toBe('jpeg');
    expect(sniffPicture(await pngPicture(8, 8))).toBe('png');
    expect(sniffPicture(await webpPicture(8, 8))).toBe('webp');
    expect(sniffPicture(await gifPicture(8, 8))).toBe('gif');
  });

  it('refuses everything else, whatever it is called', () => {
    expect(sniffPicture(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>'))).toBeNull();
    expect(sniffPicture(Buffer.from('%PDF-1.7'))).toBeNull();
    expect(sniffPicture(Buffer.from('RIFF\u0000\u0000\u0000\u0000WAVEfmt '))).toBeNull();
    expect(sniffPicture(Buffer.alloc(0))).toBeNull();
  });
});

describe('reencodePicture', () => {
  it('drops EXIF (camera, GPS) and keeps the picture', async () => {
    const input = await phoneJpeg(200, 100);
    expect((await sharp(input).metadata()).exif).toBeDefined();
    expect(input.includes('SecretCam')).toBe(true);
    const out = await reencodePicture(input, 'jpeg');
    const meta = await sharp(out.data).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.format).toBe('jpeg');
    expect(out.data.includes('SecretCam')).toBe(false);
    expect([out.width, out.height]).toEqual([200, 100]);
  });

  it('applies the EXIF orientation to the pixels before dropping it', async () => {
    const rotated = await sharp({ create: { width: 60, height: 20, channels: 3, background: '#000' } }).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const out = await reencodePicture(rotated, 'jpeg');
    expect([out.width, out.height]).toEqual([20, 60]);
  });

  it('says a damaged file cannot be read', async () => {
    const truncated = (await phoneJpeg(64, 64)).subarray(0, 200);
    await expect(reencodePicture(truncated, 'jpeg')).rejects.toBeInstanceOf(UnreadablePictureError);
  });
});

describe('post body images', () => {
  it('finds markdown images, not links', () => {
    expect(imageSources('![a](https://x.test/a.jpg) [link](https://x.test/b.jpg) text ![b](/uploads/c.png "t")')).toEqual(['https://x.test/a.jpg', '/uploads/c.png']);
  });

  it('accepts only the member\'s own uploads, at this server\'s public address once it is known', () => {
    const own = new Set(['/uploads/mine.jpg', '/uploads/thumbnail_mine.jpg']);
    expect(foreignImages(['https://q.test/uploads/mine.jpg', 'https://q.test/uploads/thumbnail_mine.jpg'], own, 'https://q.test')).toEqual([]);
    expect(foreignImages(['https://evil.test/uploads/mine.jpg', 'https://q.test/uploads/other.jpg', 'not a url'], own, 'https://q.test')).toEqual([
      'https://evil.test/uploads/mine.jpg',
      'https://q.test/uploads/other.jpg',
      'not a url',
    ]);
    // Without PUBLIC_URL (development) the path decides.
    expect(foreignImages(['http://localhost:1337/uploads/mine.jpg'], own, '')).toEqual([]);
  });
});

import sharp from 'sharp';

/** A JPEG as a phone writes it: EXIF with the camera, a GPS position and an orientation. */
export async function phoneJpeg(width = 640, height = 480): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#3a7' } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'SecretCam', Model: 'Playground-9', Copyright: 'Maple Street' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 14/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '121/1 28/1 0/1' },
    })
    .toBuffer();
}

export const pngPicture = (width = 300, height = 200) => sharp({ create: { width, height, channels: 4, background: '#123456ff' } }).png().toBuffer();
export const webpPicture = (width = 300, height = 200) => sharp({ create: { width, height, channels: 3, background: '#654321' } }).webp().toBuffer();
export const gifPicture = (width = 40, height = 30) => sharp({ create: { width, height, channels: 3, background: '#ff0000' } }).gif().toBuffer();

/** A member's picture is at most this big as sent (phones' photos are 2–4 MB). */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
/** Larger sides are scaled down: nothing a mini program shows needs more, and a smaller file strips nothing it needs. */
export const MAX_PICTURE_SIDE = 2560;
/** Decoding stops past this many pixels (a small file can claim a huge canvas). */
export const MAX_INPUT_PIXELS = 40_000_000;

export function uploadsPerDay(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.UPLOADS_PER_MEMBER_PER_DAY);
  return Number.isInteger(value) && value > 0 ? value : 30;
}

import fc from 'fast-check';
import { MAX_PERMLINK_LENGTH, PERMLINK_CHARSET } from '../chain/protocol';
import { PERMLINK_HASH_LENGTH, PERMLINK_UNIQUENESS_RESERVE, lastResortPermlink, permlinkFromSlug, uniquePermlink } from './permlink';

describe('permlinkFromSlug', () => {
  it('keeps Latin words, lowercases, and joins them with single dashes', () => {
    expect(permlinkFromSlug('Spring Fair 2024!!')).toBe('spring-fair-2024');
    expect(permlinkFromSlug('--a__b  c--')).toBe('a-b-c');
  });

  it('drops accents rather than the letters', () => {
    expect(permlinkFromSlug('Café Crème')).toBe('cafe-creme');
  });

  it('gives non-Latin titles a short stable hash instead of an empty or colliding permlink', () => {
    const a = permlinkFromSlug('春节联欢会');
    const b = permlinkFromSlug('中秋节活动');
    expect(a).toMatch(new RegExp(`^post-[0-9a-f]{${PERMLINK_HASH_LENGTH}}$`));
    expect(a).not.toBe(b);
    expect(permlinkFromSlug('春节联欢会')).toBe(a);
  });

  it('keeps the Latin part of mixed titles and still tells them apart', () => {
    const a = permlinkFromSlug('2024 春节');
    const b = permlinkFromSlug('2024 中秋');
    expect(a).toMatch(/^2024-[0-9a-f]+$/);
    expect(a).not.toBe(b);
  });

  it('hashes the same visible text the same whatever its Unicode form', () => {
    expect(permlinkFromSlug('Ωmega'.normalize('NFC'))).toBe(permlinkFromSlug('Ωmega'.normalize('NFD')));
  });

  it('appends a suffix and refuses a malformed one', () => {
    expect(permlinkFromSlug('Town News', { suffix: 'daily-2024-05-01' })).toBe('town-news-daily-2024-05-01');
    expect(() => permlinkFromSlug('x', { suffix: 'Bad Suffix' })).toThrow(RangeError);
    expect(() => permlinkFromSlug('x', { suffix: '-x' })).toThrow(RangeError);
  });

  it('leaves room for the uniqueness suffix on very long slugs', () => {
    const p = permlinkFromSlug('word-'.repeat(200));
    expect(p.length).toBeLessThanOrEqual(MAX_PERMLINK_LENGTH - PERMLINK_UNIQUENESS_RESERVE);
    expect(p.endsWith('-')).toBe(false);
  });

  it('is always a valid permlink with room to spare, and deterministic', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 400 }),
        fc.option(fc.stringMatching(/^[a-z0-9]{1,10}(-[a-z0-9]{1,10}){0,2}$/), { nil: undefined }),
        (slug, suffix) => {
          const p = permlinkFromSlug(slug, { suffix });
          expect(p).toMatch(PERMLINK_CHARSET);
          expect(p).not.toMatch(/--|^-|-$/);
          expect(Buffer.byteLength(p)).toBeLessThanOrEqual(MAX_PERMLINK_LENGTH - PERMLINK_UNIQUENESS_RESERVE);
          if (suffix) expect(p.endsWith(`-${suffix}`)).toBe(true);
          expect(permlinkFromSlug(slug, { suffix })).toBe(p);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('uniquePermlink', () => {
  it('returns the base when it is free', () => {
    expect(uniquePermlink('hello', () => false)).toBe('hello');
  });

  it('appends -2, -3… until free', () => {
    const taken = new Set(['hello', 'hello-2', 'hello-3']);
    expect(uniquePermlink('hello', (p) => taken.has(p))).toBe('hello-4');
  });

  it('shortens a maximal base to fit the suffix', () => {
    const base = 'a'.repeat(MAX_PERMLINK_LENGTH);
    const p = uniquePermlink(base, (x) => x === base);
    expect(p).toBe(`${'a'.repeat(MAX_PERMLINK_LENGTH - 2)}-2`);
  });

  it('refuses an invalid base and gives up after the attempt limit', () => {
    expect(() => uniquePermlink('Not Valid', () => false)).toThrow(RangeError);
    expect(() => uniquePermlink('x', () => true, 5)).toThrow(/after 5 attempts/);
  });
});

describe('lastResortPermlink', () => {
  it('stays within 255 bytes for the longest base', () => {
    const base = permlinkFromSlug('a'.repeat(400));
    const permlink = lastResortPermlink(base, Date.parse('2026-12-01T00:00:00Z'));
    expect(Buffer.byteLength(permlink)).toBeLessThanOrEqual(255);
    expect(permlink).toMatch(/^a+-[0-9a-z]+$/);
  });
});

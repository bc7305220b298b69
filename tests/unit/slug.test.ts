import { firstFreeSlug, MAX_SLUG_LENGTH, slugBase, slugCandidates } from '../../src/posts/slug';

describe('slugBase', () => {
  it('reads Chinese titles as pinyin', () => {
    expect(slugBase('学校花园：周六种植日')).toBe('xue-xiao-hua-yuan-zhou-liu-zhong-zhi-ri');
    expect(slugBase('二年级 Reading List 2026')).toBe('er-nian-ji-reading-list-2026');
  });

  it('keeps Latin words, drops accents and punctuation', () => {
    expect(slugBase('Café crème: the Year-4 trip!')).toBe('cafe-creme-the-year-4-trip');
    expect(slugBase('   ')).toBe('post');
    expect(slugBase('🎉🎉')).toBe('post');
  });

  it('stops at a word boundary within the length limit', () => {
    const slug = slugBase('word '.repeat(40));
    expect(slug.length).toBeLessThanOrEqual(MAX_SLUG_LENGTH);
    expect(slug.endsWith('-')).toBe(false);
    expect(slug).toMatch(/^[a-z0-9-]+$/);
  });
});

describe('firstFreeSlug', () => {
  it('numbers a taken slug from 2', () => {
    expect(firstFreeSlug('garden', new Set())).toBe('garden');
    expect(firstFreeSlug('garden', new Set(['garden']))).toBe('garden-2');
    expect(firstFreeSlug('garden', new Set(['garden', 'garden-2']))).toBe('garden-3');
  });
});

describe('slugCandidates', () => {
  it('lists the slugs a base may take in the order they are tried, numbered ones shortened to fit', () => {
    expect(slugCandidates('garden', 1, 3)).toEqual(['garden', 'garden-2', 'garden-3']);
    expect(slugCandidates('garden', 21, 2)).toEqual(['garden-21', 'garden-22']);
    const long = 'a'.repeat(MAX_SLUG_LENGTH);
    const [first, second] = slugCandidates(long, 1, 2);
    expect(first).toBe(long);
    expect(second).toBe(`${'a'.repeat(MAX_SLUG_LENGTH - 2)}-2`);
    // A shortened candidate that is taken is seen as taken (a prefix match on the base would miss it).
    expect(firstFreeSlug(long, new Set([long, second]))).toBe(`${'a'.repeat(MAX_SLUG_LENGTH - 2)}-3`);
  });
});

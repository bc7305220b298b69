import { firstFreeSlug, MAX_SLUG_LENGTH, slugBase } from '../../src/posts/slug';

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

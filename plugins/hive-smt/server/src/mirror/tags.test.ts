import fc from 'fast-check';
import { FRONTEND_MAX_TAGS, HIVEMIND_TAG_MAX_LENGTH } from '../chain/protocol';
import { normalizeTag, normalizeTags } from './tags';

describe('normalizeTag', () => {
  it.each([
    ['Photography', 'photography'],
    ['#hive', 'hive'],
    ['  travel ', 'travel'],
    ['##c#s#', 'cs'], // hivemind strips every '#', not only the first
    ['new york', 'newyork'], // and every whitespace
    ['dev_ops', 'dev_ops'],
    ['hive-engine', 'hive-engine'],
    [2024, '2024'],
  ])('%j → %j', (raw, expected) => expect(normalizeTag(raw)).toBe(expected));

  it.each([[''], ['#'], ['   '], ['中文'], ['c++'], ['node.js'], [null], [{}], [true]])('drops %j', (raw) => {
    expect(normalizeTag(raw)).toBeNull();
  });

  it(`truncates to ${HIVEMIND_TAG_MAX_LENGTH} characters after stripping, like hivemind's LEFT(…, 32)`, () => {
    const long = `#${'a'.repeat(20)} ${'b'.repeat(20)}`;
    expect(normalizeTag(long)).toBe('a'.repeat(20) + 'b'.repeat(HIVEMIND_TAG_MAX_LENGTH - 20));
  });
});

describe('normalizeTags', () => {
  it('de-duplicates after normalizing, keeping the first position', () => {
    expect(normalizeTags(['Hive', 'news', '#hive', 'NEWS', 'local'])).toEqual(['hive', 'news', 'local']);
  });

  it('caps the count after dropping and de-duplicating', () => {
    expect(normalizeTags(['a1', 'A1', '', '中文', 'b2', 'c3', 'd4'], { maxTags: 3 })).toEqual(['a1', 'b2', 'c3']);
    const many = Array.from({ length: 30 }, (_, i) => `tag${i}`);
    expect(normalizeTags(many)).toHaveLength(FRONTEND_MAX_TAGS);
  });

  it('refuses a nonsensical cap', () => {
    expect(() => normalizeTags(['a'], { maxTags: -1 })).toThrow(RangeError);
  });

  it('always yields unique, queryable, short tags, and is idempotent', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 40 }), { maxLength: 20 }), fc.integer({ min: 0, max: 12 }), (raw, maxTags) => {
        const tags = normalizeTags(raw, { maxTags });
        expect(tags.length).toBeLessThanOrEqual(maxTags);
        expect(new Set(tags).size).toBe(tags.length);
        for (const t of tags) {
          expect(t).toMatch(/^[a-z0-9_-]+$/);
          expect(t.length).toBeLessThanOrEqual(HIVEMIND_TAG_MAX_LENGTH);
        }
        expect(normalizeTags(tags, { maxTags })).toEqual(tags);
      }),
    );
  });
});

import { changedFields, logValue, LOGGED_TEXT_LIMIT } from './content-manager';

describe('what a Content Manager edit’s entry shows', () => {
  it('keeps only the fields whose value changed, on both sides', () => {
    const before = { title: 'Old', featured: false, featuredRank: null, tags: ['a'] };
    const after = { title: 'New', featured: false, featuredRank: 3, tags: ['a'] };
    expect(changedFields(before, after, ['title', 'featured', 'featuredRank', 'tags'])).toEqual({
      before: { title: 'Old', featuredRank: null },
      after: { title: 'New', featuredRank: 3 },
    });
  });

  it('treats a missing field as null, and a deleted subject as all fields gone', () => {
    expect(changedFields({ hidden: false }, { hidden: false, body: undefined }, ['hidden', 'body'])).toEqual({ before: {}, after: {} });
    expect(changedFields({ body: 'Hi', hidden: true }, null, ['body', 'hidden'])).toEqual({
      before: { body: 'Hi', hidden: true },
      after: { body: null, hidden: null },
    });
  });

  it('cuts long text and writes dates as ISO strings', () => {
    expect(logValue('x'.repeat(LOGGED_TEXT_LIMIT))).toBe('x'.repeat(LOGGED_TEXT_LIMIT));
    expect(logValue('x'.repeat(LOGGED_TEXT_LIMIT + 1))).toBe(`${'x'.repeat(LOGGED_TEXT_LIMIT)}…`);
    expect(logValue(new Date('2026-12-03T08:00:00Z'))).toBe('2026-12-03T08:00:00.000Z');
    // Two long texts that differ only past the cut are still an edit (shown cut).
    const cut = `${'y'.repeat(LOGGED_TEXT_LIMIT)}…`;
    expect(changedFields({ body: 'y'.repeat(300) + 'a' }, { body: 'y'.repeat(300) + 'b' }, ['body'])).toEqual({ before: { body: cut }, after: { body: cut } });
  });
});

import { startOf } from '../../src/moderation/decide';

describe('startOf', () => {
  const cases: Array<[boolean, any, boolean, string]> = [
    [false, 'skipped', false, 'published'],
    [false, 'pass', true, 'published'],
    [false, 'unchecked', false, 'published'],
    [false, 'unchecked', true, 'awaiting-check'],
    [false, 'review', false, 'awaiting-editor'],
    [false, 'risky', false, 'hidden'],
    [true, 'pass', false, 'awaiting-editor'],
    [true, 'unchecked', true, 'awaiting-editor'],
    [true, 'risky', false, 'hidden'],
  ];
  it.each(cases)('board reviews %s, check %s, fail closed %s → %s', (boardReviews, gate, failClosed, moderation) => {
    const start = startOf({ boardReviews, gate, failClosed });
    expect(start.moderation).toBe(moderation);
    expect(start.visible).toBe(moderation === 'published');
  });
});

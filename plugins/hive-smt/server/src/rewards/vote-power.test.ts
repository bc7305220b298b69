import fc from 'fast-check';
import { SCOT_MAX_VOTING_POWER } from '../chain/protocol';
import { powerAfterLike, votePowerAt, weighLikes, type LikeEvent } from './vote-power';

const params = { votePowerConsumption: 200, voteRegenerationDays: 5 };
const DAY = 24 * 3600 * 1000;

describe('votePowerAt', () => {
  it('is full for a member never seen', () => expect(votePowerAt(undefined, 0, params)).toBe(SCOT_MAX_VOTING_POWER));

  it('regenerates linearly to full over voteRegenerationDays, rounding down', () => {
    expect(votePowerAt({ power: 0, at: 0 }, DAY, params)).toBe(2000);
    expect(votePowerAt({ power: 0, at: 0 }, DAY / 2 - 1, params)).toBe(999);
    expect(votePowerAt({ power: 5000, at: 0 }, 10 * DAY, params)).toBe(SCOT_MAX_VOTING_POWER);
  });

  it('does not regenerate backwards in time', () => {
    expect(votePowerAt({ power: 4000, at: DAY }, 0, params)).toBe(4000);
  });

  it('stays exact for long gaps', () => {
    expect(votePowerAt({ power: 0, at: 0 }, 40 * 365 * DAY, params)).toBe(SCOT_MAX_VOTING_POWER);
  });

  it('refuses parameters outside what the contract accepts', () => {
    expect(() => votePowerAt(undefined, 0, { votePowerConsumption: 0, voteRegenerationDays: 5 })).toThrow(RangeError);
    expect(() => votePowerAt(undefined, 0, { votePowerConsumption: 200, voteRegenerationDays: 31 })).toThrow(RangeError);
  });
});

describe('powerAfterLike', () => {
  it('spends votePowerConsumption/10000 of the current power, rounding the cost up', () => {
    expect(powerAfterLike(10000, params)).toBe(9800);
    expect(powerAfterLike(9800, params)).toBe(9604);
    expect(powerAfterLike(1, params)).toBe(0);
    expect(powerAfterLike(10000, { ...params, votePowerConsumption: 10000 })).toBe(0);
  });
});

describe('weighLikes', () => {
  const authors: Record<string, string> = { p1: 'alice', p2: 'bob', p3: 'carol' };
  const context = { authorOf: (id: string) => authors[id], mutedMembers: ['mallory'] };

  it("weighs each like by the liker's power at that moment, which then drops", () => {
    const { likes, powers } = weighLikes(
      [
        { member: 'dave', postId: 'p1', at: 0 },
        { member: 'dave', postId: 'p2', at: 1 },
        { member: 'dave', postId: 'p3', at: 2 },
      ],
      context,
      params,
    );
    expect(likes.map((l) => l.weight)).toEqual([10000, 9800, 9604]);
    expect(powers.get('dave')).toEqual({ power: powerAfterLike(9604, params), at: 2 });
  });

  it('gives self-likes, muted members and repeated likes no weight and no cost', () => {
    const { likes } = weighLikes(
      [
        { member: 'alice', postId: 'p1', at: 0 }, // self-like
        { member: 'mallory', postId: 'p2', at: 1 }, // muted
        { member: 'dave', postId: 'p2', at: 2 },
        { member: 'dave', postId: 'p2', at: 3 }, // again
        { member: 'alice', postId: 'p2', at: 4 },
      ],
      context,
      params,
    );
    expect(likes.map((l) => [l.member, l.postId, l.weight])).toEqual([
      ['alice', 'p1', 0],
      ['mallory', 'p2', 0],
      ['dave', 'p2', 10000],
      ['dave', 'p2', 0],
      ['alice', 'p2', 10000], // the self-like spent nothing
    ]);
  });

  it('starts from the power the previous period left', () => {
    const { likes } = weighLikes(
      [{ member: 'dave', postId: 'p1', at: DAY }],
      { ...context, initialPower: new Map([['dave', { power: 1000, at: 0 }]]) },
      params,
    );
    expect(likes[0].weight).toBe(3000);
  });

  it('lets about 10 full likes a day go on for ever with consumption 200 over 5 days', () => {
    const day = Array.from({ length: 10 }, (_, i) => ({ member: 'dave', postId: 'p1', at: i * (DAY / 10) }));
    const many: LikeEvent[] = [];
    for (let d = 0; d < 30; d += 1) day.forEach((l, i) => many.push({ ...l, postId: `d${d}-${i}`, at: l.at + d * DAY }));
    const { likes } = weighLikes(many, { authorOf: () => 'alice' }, params);
    expect(likes[likes.length - 1].weight).toBeGreaterThan(9000);
  });

  it('does not depend on the order likes are listed in', () => {
    const like = fc.record({
      member: fc.constantFrom('alice', 'bob', 'dave', 'mallory'),
      postId: fc.constantFrom('p1', 'p2', 'p3'),
      at: fc.integer({ min: 0, max: 5 * DAY }),
    });
    fc.assert(
      fc.property(fc.array(like, { maxLength: 30 }), fc.integer(), (likes, seed) => {
        const shuffled = [...likes].sort((a, b) => hash(a, seed) - hash(b, seed));
        expect(weighLikes(shuffled, context, params)).toEqual(weighLikes(likes, context, params));
      }),
    );
  });
});

function hash(value: unknown, seed: number): number {
  let h = seed | 0;
  for (const ch of JSON.stringify(value)) h = (Math.imul(h ^ ch.charCodeAt(0), 2654435761) >>> 0) | 0;
  return h;
}

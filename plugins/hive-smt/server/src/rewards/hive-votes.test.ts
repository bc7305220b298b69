import { chainVoteFrom } from '../chain/hive-chain';
import { voteChange } from './hive-votes';

const at = Date.UTC(2026, 11, 3, 12, 0, 0);
const vote = (percent: number, time = at) => ({ voter: 'alice', percent, time });

describe('voteChange', () => {
  it('makes an upvote a like and a downvote a downvote the first time it is seen', () => {
    expect(voteChange(vote(10000), undefined)).toBe('like');
    expect(voteChange(vote(1), undefined)).toBe('like');
    expect(voteChange(vote(-2500), undefined)).toBe('downvote');
  });

  it('does nothing for the vote already counted, and acts again when the vote changed (even to the same percent later)', () => {
    expect(voteChange(vote(5000), { percent: 5000, votedAt: at })).toBeNull();
    expect(voteChange(vote(-5000), { percent: 5000, votedAt: at })).toBe('downvote');
    expect(voteChange(vote(5000, at + 3000), { percent: 5000, votedAt: at })).toBe('like');
  });

  it('withdraws what the earlier Hive vote made when the vote is taken back (percent 0), and nothing it did not make', () => {
    expect(voteChange(vote(0, at + 3000), { percent: 10000, votedAt: at })).toBe('unlike');
    expect(voteChange(vote(0, at + 3000), { percent: -10000, votedAt: at })).toBe('undownvote');
    expect(voteChange(vote(0), undefined)).toBeNull();
    expect(voteChange(vote(0, at + 3000), { percent: 0, votedAt: at })).toBeNull();
  });
});

describe('chainVoteFrom', () => {
  it("reads hived's and hivemind's answers alike: a number or a string percent, a UTC time without a zone", () => {
    expect(chainVoteFrom({ voter: 'alice', percent: 10000, rshares: 5, time: '2026-12-03T12:00:00' })).toEqual(vote(10000));
    expect(chainVoteFrom({ voter: 'alice', percent: '-5000', time: '2026-12-03T12:00:00Z' })).toEqual(vote(-5000));
    expect(chainVoteFrom({ voter: 'alice', vote_percent: 0, last_update: '2026-12-03T12:00:00' })).toEqual(vote(0));
  });
});

import { pinDecision, pinOperation, type PinInputs } from './community-pins';

const onHive = { community: 'hive-155234', pinned: false };
const base: PinInputs = { featured: true, community: 'hive-155234', mirror: { state: 'confirmed', author: 'maple-school', permlink: 'p1' }, onHive };

describe('pinDecision', () => {
  it('pins a featured post and unpins one no longer featured (or no longer published)', () => {
    expect(pinDecision(base)).toEqual({ send: 'pin' });
    expect(pinDecision({ ...base, featured: false, onHive: { ...onHive, pinned: true } })).toEqual({ send: 'unpin' });
    expect(pinDecision({ ...base, featured: null, onHive: { ...onHive, pinned: true } })).toEqual({ send: 'unpin' });
  });

  it('sends nothing hivemind already shows (it would refuse a second pin)', () => {
    expect(pinDecision({ ...base, onHive: { ...onHive, pinned: true } })).toEqual({ skip: 'already pinned on Hive' });
    expect(pinDecision({ ...base, featured: false })).toEqual({ skip: 'not pinned on Hive' });
  });

  it('waits for a post on its way to Hive or not indexed yet, and skips one that is not there or not in the community', () => {
    expect(pinDecision({ ...base, mirror: { state: 'queued', author: null, permlink: null } })).toHaveProperty('wait');
    expect(pinDecision({ ...base, onHive: null })).toHaveProperty('wait');
    expect(pinDecision({ ...base, mirror: null })).toEqual({ skip: 'the post is not on Hive' });
    expect(pinDecision({ ...base, mirror: { ...base.mirror!, state: 'removed' } })).toEqual({ skip: 'the post is not on Hive' });
    expect(pinDecision({ ...base, community: null })).toHaveProperty('skip');
    expect(pinDecision({ ...base, onHive: { community: 'hive-255234', pinned: false } })).toHaveProperty('skip');
    expect(pinDecision({ ...base, onHive: 'unsupported' })).toHaveProperty('skip');
  });
});

describe('pinOperation', () => {
  it("is hivemind's pinPost / unpinPost custom_json, with the board account's posting authority", () => {
    const [name, body] = pinOperation('pin', 'maple-school', 'hive-155234', 'maple-school', 'p1');
    expect(name).toBe('custom_json');
    expect(body).toEqual({
      required_auths: [],
      required_posting_auths: ['maple-school'],
      id: 'community',
      json: '["pinPost",{"community":"hive-155234","account":"maple-school","permlink":"p1"}]',
    });
    expect(JSON.parse(pinOperation('unpin', 'a', 'hive-1', 'b', 'c')[1].json)[0]).toBe('unpinPost');
  });
});

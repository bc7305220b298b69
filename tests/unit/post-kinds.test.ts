import { allowedKinds, hiveBodyBlock, kindProblem, kindView, POST_KINDS } from '../../src/posts/kinds';
import { memberPostCreateSchema } from '../../src/validation/post';

const base = { title: 'A post', body: 'Some text', board: 'oak-hill' };
const event = { startsAt: '2027-01-10T10:00:00+08:00', endsAt: '2027-01-10T12:00:00+08:00', place: 'Community hall' };

/** The path and message of each problem zod finds, or null when the input passes. */
function problems(data: unknown) {
  const result = memberPostCreateSchema.safeParse(data);
  return result.success ? null : result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

describe('a post create with a kind', () => {
  it('is news when no kind is given, as every post was before kinds', () => {
    expect(memberPostCreateSchema.parse(base).kind).toBe('news');
  });

  it('takes an event with its times in ISO form, capacity and deadline optional', () => {
    const parsed = memberPostCreateSchema.parse({ ...base, kind: 'event', event: { ...event, capacity: 20 } });
    expect(parsed.event).toEqual({ startsAt: '2027-01-10T02:00:00.000Z', endsAt: '2027-01-10T04:00:00.000Z', place: 'Community hall', capacity: 20 });
  });

  it('names the field at fault', () => {
    const { startsAt, ...noStart } = event;
    expect(startsAt).toBeTruthy();
    expect(problems({ ...base, kind: 'event', event: noStart })).toEqual([{ path: 'event.startsAt', message: expect.stringContaining('startsAt is required') }]);
    expect(problems({ ...base, kind: 'event', event: { ...event, capacity: -3 } })).toEqual([{ path: 'event.capacity', message: expect.stringContaining('at least 1') }]);
    expect(problems({ ...base, kind: 'event', event: { ...event, capacity: 2.5 } })?.[0].path).toBe('event.capacity');
    expect(problems({ ...base, kind: 'event', event: { ...event, endsAt: '2027-01-10T09:00:00+08:00' } })).toEqual([{ path: 'event.endsAt', message: expect.stringContaining('before startsAt') }]);
    expect(problems({ ...base, kind: 'event', event: { ...event, rsvpDeadline: '2027-01-11T00:00:00Z' } })?.[0].path).toBe('event.rsvpDeadline');
    expect(problems({ ...base, kind: 'event', event: { ...event, startsAt: 'next Friday' } })?.[0].path).toBe('event.startsAt');
  });

  it('wants a price that is a positive decimal', () => {
    const sale = { price: '12.50', currency: 'CNY', condition: 'good' };
    expect(memberPostCreateSchema.parse({ ...base, kind: 'sale', sale }).sale).toEqual({ ...sale, status: 'available' });
    for (const price of ['0', '-5', 'abc', '1e3', '12.', '0.000000001', 12]) {
      expect(problems({ ...base, kind: 'sale', sale: { ...sale, price } })?.[0].path).toBe('sale.price');
    }
    expect(problems({ ...base, kind: 'sale', sale: { ...sale, condition: 'broken' } })?.[0].path).toBe('sale.condition');
    expect(problems({ ...base, kind: 'service', service: { category: 'tutoring', price: '-1', unit: 'hour', area: 'Oak Hill' } })?.[0].path).toBe('service.price');
  });

  it('needs the object of a kind that has one, and refuses another kind\'s object', () => {
    expect(problems({ ...base, kind: 'event' })).toEqual([{ path: 'event', message: 'A event post needs its "event" object.' }]);
    expect(problems({ ...base, kind: 'sale' })?.[0].path).toBe('sale');
    expect(problems({ ...base, kind: 'news', event })?.[0].path).toBe('event');
    expect(problems({ ...base, event })?.[0].path).toBe('event');
    expect(problems({ ...base, kind: 'party' })?.[0].path).toBe('kind');
    expect(problems({ ...base, kind: 'request' })).toBeNull();
  });
});

describe("a board's kinds", () => {
  it('allows every kind when the board lists none (boards written before kinds)', () => {
    expect(allowedKinds({ postKinds: null })).toEqual([...POST_KINDS]);
    expect(allowedKinds({ postKinds: [] })).toEqual([...POST_KINDS]);
    expect(allowedKinds({ postKinds: ['news', 'event', 'nonsense'] })).toEqual(['news', 'event']);
  });

  it('refuses a kind the board does not take, and a currency that is neither CNY nor its token', () => {
    const board = { name: 'Oak Hill', postKinds: ['news', 'event'], tokenSymbol: 'OAK' };
    expect(kindProblem(board, 'sale', {})).toEqual({ path: ['kind'], message: 'The board "Oak Hill" does not take sale posts; it takes news, event.' });
    expect(kindProblem(board, 'event', {})).toBeNull();
    const open = { ...board, postKinds: null };
    expect(kindProblem(open, 'sale', { sale: { currency: 'OAK' } })).toBeNull();
    expect(kindProblem(open, 'sale', { sale: { currency: 'CNY' } })).toBeNull();
    expect(kindProblem(open, 'sale', { sale: { currency: 'USD' } })?.path).toEqual(['sale', 'currency']);
  });
});

describe('what readers and Hive see of a kind', () => {
  it('shows the kind and its own object only; news for posts without a kind', () => {
    expect(kindView({ kind: null, event: null })).toEqual({ kind: 'news' });
    expect(kindView({ kind: 'sale', sale: '{"price":"5"}', event: { place: 'x' } })).toEqual({ kind: 'sale', sale: { price: '5' } });
  });

  it('writes a readable block: price, when and where, inert in markdown', () => {
    expect(hiveBodyBlock({ kind: 'news' })).toBe('');
    expect(hiveBodyBlock({ kind: 'sale', sale: { price: '300', currency: 'CNY', condition: 'good', status: 'available' } })).toBe('**For sale:** 300 CNY · condition: good · available');
    const block = hiveBodyBlock({ kind: 'event', event: { startsAt: '2027-01-10T02:00:00.000Z', endsAt: '2027-01-10T04:00:00.000Z', place: '[click](http://x) <b>', capacity: 20 } });
    expect(block).toContain('**When:** 2027-01-10 02:00 UTC – 2027-01-10 04:00 UTC');
    expect(block).toContain('**Where:** \\[click\\]\\(http://x\\) \\<b\\>');
    expect(block).toContain('**Seats:** 20');
  });
});

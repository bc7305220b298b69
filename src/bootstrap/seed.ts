import type { Core } from '@strapi/strapi';
import { demoEconomics, likeDemoPosts, linkDemoAccounts } from './demo-economy';

/** The demo password of every seeded member: demo data only, never seeded in production. */
export const DEMO_MEMBER_PASSWORD = 'Quanzi-demo-2026';

export const DEMO_BOARDS = [
  {
    name: 'Maple Street Primary',
    slug: 'maple-street-primary',
    kind: 'school',
    description: 'Parents, teachers and pupils of Maple Street Primary: events, homework help and the school garden.',
    hiveAccount: 'maple-school',
    hiveCommunity: 'hive-155234',
    defaultTags: 'school, parents',
    tokenSymbol: 'MAPLE',
    moderationMode: 'review',
    economics: demoEconomics('MAPLE', 'maple-tokens', 3),
  },
  {
    name: 'Riverside Photography Club',
    slug: 'riverside-photo',
    kind: 'interest',
    description: 'Weekly photo walks along the river, critiques and gear swaps.',
    hiveAccount: 'riverside-photo',
    defaultTags: 'photography, riverside',
    tokenSymbol: 'SNAP',
    moderationMode: 'direct',
    economics: demoEconomics('SNAP', 'photo-tokens', 3),
  },
  {
    name: 'Oak Hill Neighbours',
    slug: 'oak-hill',
    kind: 'neighbourhood',
    description: 'Lost cats, street parties, the tool library and everything else on Oak Hill.',
    hiveAccount: 'oakhill-hood',
    defaultTags: 'oakhill, neighbourhood',
    tokenSymbol: 'OAK',
    moderationMode: 'direct',
    economics: demoEconomics('OAK', 'oakhill-tokens', 2),
  },
] as const;

const DEMO_MEMBERS = ['alice', 'bob', 'carol', 'dave'];

/** An event of the demo, in days and hours from the moment the demo is seeded (so it is always ahead). */
interface DemoEvent {
  inDays: number;
  atHourUtc: number;
  hours: number;
  place: string;
  capacity?: number;
  /** Replies close this many hours before the start. */
  rsvpHoursBefore?: number;
}

type DemoPost = { board: string; author: string; title: string; body: string; tags: string[] } & (
  | { kind?: 'news' }
  | { kind: 'event'; event: DemoEvent }
  | { kind: 'sale'; sale: Record<string, string> }
  | { kind: 'service'; service: Record<string, string> }
  | { kind: 'request'; request: Record<string, string> }
);

const DEMO_POSTS: DemoPost[] = [
  {
    board: 'maple-street-primary',
    author: 'alice',
    title: 'School garden: planting day on Saturday',
    body: 'We plant the **spring bulbs** this Saturday from 10:00. Bring gloves; tea and cake provided.',
    tags: ['garden', 'events'],
    kind: 'event',
    event: { inDays: 3, atHourUtc: 2, hours: 3, place: 'School garden, Maple Street Primary', capacity: 20, rsvpHoursBefore: 12 },
  },
  { board: 'maple-street-primary', author: 'carol', title: 'Year 4 reading list', body: 'Here is the reading list the teachers shared:\n\n1. *Charlotte\'s Web*\n2. *The Iron Man*\n3. *Matilda*', tags: ['reading'] },
  { board: 'riverside-photo', author: 'bob', title: 'Golden hour walk: results', body: 'Thanks to everyone who came along. Share your three best frames below!', tags: ['walks', 'goldenhour'] },
  {
    board: 'riverside-photo',
    author: 'alice',
    title: 'Swap: 50mm lens for a tripod',
    body: 'My old 50mm f/1.8 is looking for a new home. I would swap it for a light tripod, or sell it.',
    tags: ['gear'],
    kind: 'sale',
    sale: { price: '300', currency: 'CNY', condition: 'good', status: 'available' },
  },
  {
    board: 'riverside-photo',
    author: 'bob',
    title: 'Night walk: the bridges after dark',
    body: 'Bring a tripod: we shoot the three bridges from the east bank. Beginners welcome.',
    tags: ['walks', 'night'],
    kind: 'event',
    event: { inDays: 5, atHourUtc: 11, hours: 2, place: 'East bank, by the ferry steps', capacity: 12, rsvpHoursBefore: 2 },
  },
  {
    board: 'oak-hill',
    author: 'dave',
    title: 'Street party on the 14th',
    body: 'The council approved the closure of Oak Hill Road on the 14th. Volunteers for the barbecue?',
    tags: ['events'],
    kind: 'event',
    event: { inDays: 10, atHourUtc: 6, hours: 6, place: 'Oak Hill Road' },
  },
  {
    board: 'oak-hill',
    author: 'carol',
    title: 'Maths tutoring for primary pupils',
    body: 'Retired teacher, happy to help with times tables and fractions at home or in the library.',
    tags: ['tutoring'],
    kind: 'service',
    service: { category: 'tutoring', price: '80', unit: 'hour', area: 'Oak Hill and Maple Street' },
  },
  { board: 'oak-hill', author: 'dave', title: "Wanted: a child's bicycle", body: 'Looking for a 20-inch bicycle for my daughter, any colour.', tags: ['wanted'], kind: 'request', request: { budget: '150', currency: 'CNY' } },
  { board: 'oak-hill', author: 'carol', title: 'Tool library opening hours', body: 'The tool library in the community hall is open **Tuesdays 18–20** and **Saturdays 10–12**.', tags: ['tools'] },
];

const DEMO_COMMENTS: Array<{ post: string; author: string; body: string }> = [
  { post: 'School garden: planting day on Saturday', author: 'dave', body: 'I can bring two spades.' },
  { post: 'Golden hour walk: results', author: 'carol', body: 'That heron shot was amazing!' },
  { post: 'Street party on the 14th', author: 'alice', body: 'Count me in for the barbecue.' },
  { post: 'Street party on the 14th', author: 'bob', body: 'I have a gazebo we can use.' },
];

/** The demo's merchants, one or two per board; `staff` are demo members serving at the counter. */
export const DEMO_MERCHANTS: Array<{ board: string; name: string; address: string; offer: string; openingHours: string; tokenDiscountPercent: number; hiveAccount: string; staff: string[] }> = [
  {
    board: 'maple-street-primary',
    name: 'Maple Corner Stationery',
    address: '3 Maple Street, opposite the school gate',
    offer: 'Exercise books, pens and craft supplies; pay in MAPLE and get 10% off.',
    openingHours: 'Mon–Fri 7:30–17:30',
    tokenDiscountPercent: 10,
    hiveAccount: 'maple-corner',
    staff: ['carol'],
  },
  {
    board: 'riverside-photo',
    name: 'Riverside Camera Repair',
    address: '18 Quay Lane',
    offer: 'Sensor cleaning, lens repairs and film developing.',
    openingHours: 'Tue–Sat 10:00–18:00',
    tokenDiscountPercent: 5,
    hiveAccount: 'river-camera',
    staff: ['bob'],
  },
  {
    board: 'oak-hill',
    name: 'Oak Hill Bakery',
    address: '12 Oak Hill Road',
    offer: 'Bread, cakes and coffee baked every morning.',
    openingHours: 'Mon–Sat 7:00–18:00',
    tokenDiscountPercent: 10,
    hiveAccount: 'oak-bakery',
    staff: ['dave'],
  },
  {
    board: 'oak-hill',
    name: 'Hilltop Bike Repairs',
    address: 'Community hall yard, Oak Hill',
    offer: 'Puncture repairs, brakes and second-hand children\'s bicycles.',
    openingHours: 'Sat 9:00–13:00',
    tokenDiscountPercent: 0,
    hiveAccount: 'hilltop-bikes',
    staff: ['carol'],
  },
];

const HOUR_MS = 3_600_000;

/** A demo post's kind and its object; an event's times from the seeding moment. */
function demoKind(post: DemoPost, now: number): Record<string, unknown> {
  if (!post.kind || post.kind === 'news') return { kind: 'news' };
  if (post.kind !== 'event') return { kind: post.kind, [post.kind]: (post as any)[post.kind] };
  const e = post.event;
  const day = new Date(now + e.inDays * 24 * HOUR_MS);
  const start = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), e.atHourUtc);
  return {
    kind: 'event',
    event: {
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(start + e.hours * HOUR_MS).toISOString(),
      place: e.place,
      capacity: e.capacity ?? null,
      rsvpDeadline: e.rsvpHoursBefore ? new Date(start - e.rsvpHoursBefore * HOUR_MS).toISOString() : null,
    },
  };
}

/** Whether to seed: only into an empty database, never in production or tests unless SEED_DEMO=true asks. */
export function shouldSeed(env: NodeJS.ProcessEnv): boolean {
  if (env.SEED_DEMO === 'true') return true;
  if (env.SEED_DEMO === 'false') return false;
  return env.NODE_ENV !== 'production' && env.NODE_ENV !== 'test';
}

/** The demo boards' documentIds, when the database holds them. */
export async function demoBoardIds(strapi: Core.Strapi): Promise<string[]> {
  const boards = await strapi.db.query('api::board.board').findMany({ where: { slug: { $in: DEMO_BOARDS.map((b) => b.slug) } }, select: ['documentId'] });
  return boards.map((b: any) => b.documentId);
}

/** A living community on first start: three boards with their token rewards on, four members linked to Hive, posts, comments and likes. */
export async function seedDemoCommunity(strapi: Core.Strapi, log: (line: string) => void = (l) => strapi.log.info(l)) {
  const existing = await strapi.documents('api::board.board').count({});
  if (existing > 0) return false;
  log('[seed] empty database: creating the demo communities');

  const authenticated = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
  const userService = strapi.plugin('users-permissions').service('user') as any;
  const members: Record<string, any> = {};
  for (const username of DEMO_MEMBERS) {
    members[username] =
      (await strapi.db.query('plugin::users-permissions.user').findOne({ where: { username } })) ??
      (await userService.add({
        username,
        email: `${username}@demo.quanzi.local`,
        password: DEMO_MEMBER_PASSWORD,
        provider: 'local',
        confirmed: true,
        blocked: false,
        role: authenticated?.id,
      }));
  }
  log(`[seed] ${DEMO_MEMBERS.length} members (password "${DEMO_MEMBER_PASSWORD}")`);
  const linked = await linkDemoAccounts(strapi, members, log);
  if (linked) log(`[seed] ${linked} members linked to their devnet Hive accounts`);

  const boards: Record<string, any> = {};
  for (const board of DEMO_BOARDS) {
    boards[board.slug] = await strapi.documents('api::board.board').create({ data: { ...board, active: true } as any });
  }
  log(`[seed] ${DEMO_BOARDS.length} boards`);

  for (const merchant of DEMO_MERCHANTS) {
    const { board, staff, ...fields } = merchant;
    await strapi.documents('api::merchant.merchant').create({
      data: { ...fields, board: boards[board].documentId, staff: staff.map((name) => members[name].documentId), active: true } as any,
    });
  }
  log(`[seed] ${DEMO_MERCHANTS.length} merchants`);

  const posts: Record<string, any> = {};
  for (const [i, post] of DEMO_POSTS.entries()) {
    posts[post.title] = await strapi.documents('api::post.post').create({
      data: {
        title: post.title,
        body: post.body,
        excerpt: post.body.replace(/[*_#]/g, '').slice(0, 140),
        tags: post.tags,
        board: boards[post.board].documentId,
        author: members[post.author].documentId,
        ...demoKind(post, Date.now()),
      } as any,
      status: 'published',
    });
    log(`[seed] post ${i + 1}/${DEMO_POSTS.length}: ${post.title}`);
  }

  for (const comment of DEMO_COMMENTS) {
    await strapi.documents('api::comment.comment').create({
      data: { body: comment.body, post: posts[comment.post].documentId, author: members[comment.author].documentId, source: 'quanzi' } as any,
    });
  }
  log(`[seed] ${DEMO_COMMENTS.length} comments`);
  const likes = await likeDemoPosts(strapi, members, posts);
  log(`[seed] ${likes} likes; token rewards on for every board (MAPLE, SNAP, OAK); the first reward period is paid in a minute or so`);
  return true;
}

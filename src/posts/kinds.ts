import { z } from 'zod';

/**
 * Post kinds: what a post is besides its title and body. A news post is the
 * plain post every board had before kinds existed; the others carry an object
 * of their own (`sale`, `service`, `event`), named like the kind. Pure: the
 * rules are tested without a server (tests/unit/post-kinds.test.ts).
 */
export const POST_KINDS = ['news', 'sale', 'service', 'event', 'request'] as const;
export type PostKind = (typeof POST_KINDS)[number];

/** A post written before kinds existed, or without one, is news: what it always was. */
export const DEFAULT_POST_KIND: PostKind = 'news';

/** The kinds whose object is required (a request may say what is wanted in its body alone). */
export const KIND_OBJECT_REQUIRED: Record<PostKind, boolean> = { news: false, sale: true, service: true, event: true, request: false };

/** The local currency a price may be in besides the board's own token. */
export const FIAT_CURRENCY = 'CNY';
export const SALE_CONDITIONS = ['new', 'like-new', 'good', 'worn'] as const;
export const SALE_STATUSES = ['available', 'reserved', 'sold'] as const;
/** More seats than any neighbourhood hall holds: a typo, not a venue. */
export const MAX_EVENT_CAPACITY = 100_000;

/** A price as text: digits with at most 8 decimals (a token's precision), never a float rounding a member's money. */
const PRICE = /^\d{1,12}(\.\d{1,8})?$/;

export const priceSchema = z
  .string({ required_error: 'A price is required, e.g. "25" or "12.50".', invalid_type_error: 'The price must be text, e.g. "12.50".' })
  .trim()
  .refine((p) => PRICE.test(p) && Number(p) > 0, { message: 'The price must be a positive decimal, e.g. "25" or "12.50".' });

const shortText = (what: string, max: number) =>
  z
    .string({ required_error: `${what} is required.`, invalid_type_error: `${what} must be text.` })
    .trim()
    .min(1, `${what} is required.`)
    .max(max, `${what} is at most ${max} characters.`);

const isoDate = (what: string) =>
  z
    .string({ required_error: `${what} is required (an ISO date-time, e.g. 2026-12-31T18:00:00+08:00).`, invalid_type_error: `${what} must be an ISO date-time.` })
    .datetime({ offset: true, message: `${what} must be an ISO date-time, e.g. 2026-12-31T18:00:00+08:00.` })
    .transform((value) => new Date(value).toISOString());

export const saleSchema = z
  .object({
    price: priceSchema,
    currency: z
      .string({ required_error: `The currency is required: "${FIAT_CURRENCY}" or the board's token symbol.`, invalid_type_error: 'The currency must be text.' })
      .trim()
      .regex(/^[A-Z][A-Z0-9.]{0,9}$/, `The currency is "${FIAT_CURRENCY}" or the board's token symbol (capital letters).`),
    condition: z.enum(SALE_CONDITIONS, { errorMap: () => ({ message: `The condition is one of ${SALE_CONDITIONS.join(', ')}.` }) }),
    status: z.enum(SALE_STATUSES, { errorMap: () => ({ message: `The status is one of ${SALE_STATUSES.join(', ')}.` }) }).default('available'),
  })
  .strict();

export const serviceSchema = z
  .object({
    category: shortText('The category (tutoring, repairs, childcare…)', 60),
    price: priceSchema,
    unit: shortText('The unit of the price (hour, lesson, visit…)', 30),
    area: shortText('The area served', 120),
  })
  .strict();

/** An event's fields, without the rules between them (what readers get; writes go through eventSchema). */
export const eventFieldsSchema = z
  .object({
    startsAt: isoDate('startsAt'),
    endsAt: isoDate('endsAt'),
    place: shortText('The place', 200),
    capacity: z
      .number({ invalid_type_error: 'The capacity must be a whole number of seats.' })
      .int('The capacity must be a whole number of seats.')
      .min(1, 'The capacity is at least 1 (leave it out for no limit).')
      .max(MAX_EVENT_CAPACITY, `The capacity is at most ${MAX_EVENT_CAPACITY}.`)
      .nullable()
      .optional(),
    rsvpDeadline: isoDate('rsvpDeadline').nullable().optional(),
  })
  .strict();

export const eventSchema = eventFieldsSchema.superRefine((event, ctx) => {
    if (Date.parse(event.endsAt) < Date.parse(event.startsAt)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['endsAt'], message: 'endsAt is before startsAt: an event ends after it starts.' });
    }
    if (event.rsvpDeadline && Date.parse(event.rsvpDeadline) > Date.parse(event.startsAt)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['rsvpDeadline'], message: 'rsvpDeadline is after startsAt: replies close before the event starts.' });
    }
});

export const requestSchema = z
  .object({
    budget: priceSchema.optional(),
    currency: saleSchema.shape.currency.optional(),
  })
  .strict();

export type SaleDetails = z.output<typeof saleSchema>;
export type ServiceDetails = z.output<typeof serviceSchema>;
export type EventDetails = z.output<typeof eventSchema>;
export type RequestDetails = z.output<typeof requestSchema>;

/** The object of each kind that has one, by the field name it travels under. */
export const KIND_OBJECT_SCHEMAS = { sale: saleSchema, service: serviceSchema, event: eventSchema, request: requestSchema } as const;
export type KindObjectField = keyof typeof KIND_OBJECT_SCHEMAS;
export const KIND_OBJECT_FIELDS = Object.keys(KIND_OBJECT_SCHEMAS) as KindObjectField[];

export const kindSchema = z.enum(POST_KINDS, { errorMap: () => ({ message: `The kind is one of ${POST_KINDS.join(', ')}.` }) });

/** The kind's fields a post create (or edit) takes: `kind` and at most the one object of that kind. */
export const kindFields = {
  kind: kindSchema.optional(),
  sale: saleSchema.optional(),
  service: serviceSchema.optional(),
  event: eventSchema.optional(),
  request: requestSchema.optional(),
};

/**
 * Checks that the objects sent belong to the kind: the kind's own object when
 * it needs one, no object of another kind (a sale with an event would be
 * read two ways).
 */
export function checkKindObjects(data: Partial<Record<KindObjectField, unknown>>, kind: PostKind, ctx: z.RefinementCtx, options: { requireObject: boolean }): void {
  for (const field of KIND_OBJECT_FIELDS) {
    if (data[field] !== undefined && field !== kind) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [field], message: `A ${kind} post has no "${field}" object: send "kind": "${field}" for one.` });
    }
  }
  if (options.requireObject && KIND_OBJECT_REQUIRED[kind] && data[kind as KindObjectField] === undefined) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: [kind], message: `A ${kind} post needs its "${kind}" object.` });
  }
}

/** The kinds a board allows: its list when an admin set one, every kind otherwise (what boards did before kinds existed, and what the demo shows). */
export function allowedKinds(board: { postKinds?: unknown } | null | undefined): PostKind[] {
  const list = Array.isArray(board?.postKinds) ? (board!.postKinds as unknown[]).filter((k): k is PostKind => (POST_KINDS as readonly string[]).includes(String(k))) : [];
  return list.length > 0 ? list : [...POST_KINDS];
}

/** Why a post of this kind cannot be written on the board (null: it can), naming the field at fault. */
export function kindProblem(
  board: { postKinds?: unknown; tokenSymbol?: string | null; name?: string | null },
  kind: PostKind,
  details: { sale?: { currency?: string }; request?: { currency?: string } },
): { path: string[]; message: string } | null {
  const allowed = allowedKinds(board);
  if (!allowed.includes(kind)) return { path: ['kind'], message: `The board "${board.name ?? ''}" does not take ${kind} posts; it takes ${allowed.join(', ')}.` };
  const currencies = [FIAT_CURRENCY, ...(board.tokenSymbol ? [board.tokenSymbol.toUpperCase()] : [])];
  const currency = details.sale?.currency ?? details.request?.currency;
  if (currency !== undefined && !currencies.includes(currency)) {
    return { path: [details.sale ? 'sale' : 'request', 'currency'], message: `Prices on this board are in ${currencies.join(' or ')}, not "${currency}".` };
  }
  return null;
}

/** A stored kind, as readers see it: news for posts without one. */
export const kindOf = (value: unknown): PostKind => ((POST_KINDS as readonly string[]).includes(String(value)) ? (value as PostKind) : DEFAULT_POST_KIND);

/** What a post shows of its kind: `kind` and, for kinds with one, its object (null when missing). */
export function kindView(post: { kind?: unknown; sale?: unknown; service?: unknown; event?: unknown; request?: unknown }): Record<string, unknown> {
  const kind = kindOf(post.kind);
  const view: Record<string, unknown> = { kind };
  if (kind !== 'news') view[kind] = parseObject(post[kind]);
  return view;
}

const parseObject = (value: unknown): Record<string, unknown> | null => {
  if (typeof value === 'string') {
    try {
      return JSON.parse(value);
    } catch {
      return null;
    }
  }
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
};

/** Text a member typed, made inert in markdown for the Hive body block. */
const inert = (text: unknown) =>
  String(text ?? '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_[\]<>#|~!()]/g, (ch) => `\\${ch}`);

const when = (iso: unknown) => String(iso ?? '').replace('T', ' ').replace(/:00\.000Z$/, ' UTC').replace(/\.\d{3}Z$/, ' UTC');

/**
 * A short readable block for readers on Hive frontends, who see the body and
 * not Quanzi's fields: price, when and where. Empty for news and for a kind
 * without its object.
 */
export function hiveBodyBlock(post: { kind?: unknown; sale?: unknown; service?: unknown; event?: unknown; request?: unknown }): string {
  const view = kindView(post);
  const o = view[view.kind as string] as Record<string, any> | null | undefined;
  if (!o) return '';
  switch (view.kind) {
    case 'sale':
      return `**For sale:** ${inert(o.price)} ${inert(o.currency)} · condition: ${inert(o.condition)} · ${inert(o.status)}`;
    case 'service':
      return `**Service:** ${inert(o.category)} · ${inert(o.price)} per ${inert(o.unit)} · area: ${inert(o.area)}`;
    case 'event': {
      const lines = [`**When:** ${inert(when(o.startsAt))} – ${inert(when(o.endsAt))}`, `**Where:** ${inert(o.place)}`];
      if (o.capacity) lines.push(`**Seats:** ${inert(o.capacity)}`);
      if (o.rsvpDeadline) lines.push(`**Reply by:** ${inert(when(o.rsvpDeadline))}`);
      return lines.join('  \n');
    }
    case 'request':
      return o.budget ? `**Wanted**, budget ${inert(o.budget)} ${inert(o.currency ?? '')}`.trim() : '**Wanted**';
    default:
      return '';
  }
}

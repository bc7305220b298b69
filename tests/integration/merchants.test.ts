import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { createBoard } from '../helpers/fixtures';
import { createMember } from '../helpers/members';

const MERCHANT = 'api::merchant.merchant';

let strapi: Core.Strapi;
const api = () => request(strapi.server.httpServer);
let counter = 0;

/** A merchant as an admin makes one in the Content Manager (through the Document Service). */
const createMerchant = (board: { documentId: string }, overrides: Record<string, unknown> = {}) => {
  counter += 1;
  return strapi.documents(MERCHANT as any).create({
    data: { name: `Shop ${counter}`, hiveAccount: 'oak-bakery', tokenDiscountPercent: 5, board: board.documentId, active: true, ...overrides } as any,
  });
};

/** What a write refused by the merchant check throws: Strapi's ValidationError (a 400 over HTTP) with the fields at fault. */
async function refusal(work: Promise<unknown>) {
  const error: any = await work.then(
    () => null,
    (e) => e,
  );
  expect(error).not.toBeNull();
  return { name: error.name, message: String(error.message), paths: (error.details?.errors ?? []).map((e: any) => e.path.join('.')) };
}

beforeAll(async () => {
  strapi = await startStrapi({ HIVE_WORKER_ENABLED: 'false' });
}, 120000);
afterAll(stopStrapi);

describe('GET /api/boards/:slug/merchants', () => {
  it("lists a board's active merchants by name, with what members need and without staff", async () => {
    const board = await createBoard(strapi);
    const other = await createBoard(strapi);
    const cashier = await createMember(strapi);
    await createMerchant(board, {
      name: 'Oak Hill Bakery',
      address: '12 Oak Hill Road',
      offer: 'Bread and cakes',
      openingHours: 'Mon–Sat 7:00–18:00',
      tokenDiscountPercent: 10,
      staff: [cashier.documentId],
    });
    await createMerchant(board, { name: 'Apple Grocer', hiveAccount: 'apple-grocer', tokenDiscountPercent: 0 });
    await createMerchant(board, { name: 'Closed Shop', active: false });
    await createMerchant(other, { name: 'Elsewhere' });

    const res = await api().get(`/api/boards/${board.slug}/merchants`).expect(200);
    expect(res.body.data.map((m: any) => m.name)).toEqual(['Apple Grocer', 'Oak Hill Bakery']);
    expect(res.body.data[1]).toEqual({
      documentId: expect.any(String),
      name: 'Oak Hill Bakery',
      address: '12 Oak Hill Road',
      offer: 'Bread and cakes',
      openingHours: 'Mon–Sat 7:00–18:00',
      tokenDiscountPercent: 10,
      hiveAccount: 'oak-bakery',
    });
    expect(res.text).not.toContain(cashier.username);
    // The board's documentId finds it as its slug does.
    expect((await api().get(`/api/boards/${board.documentId}/merchants`).expect(200)).body.data).toHaveLength(2);
  });

  it('answers an empty list for a board without merchants', async () => {
    const board = await createBoard(strapi);
    expect((await api().get(`/api/boards/${board.slug}/merchants`).expect(200)).body).toEqual({ data: [] });
  });

  it('answers 404 for an unknown or closed board', async () => {
    const res = await api().get('/api/boards/no-such-board/merchants').expect(404);
    expect(res.body).toMatchObject({ data: null, error: { status: 404, name: 'NotFoundError', message: 'No active board with this slug or id.' } });
    const closed = await createBoard(strapi, { active: false });
    await createMerchant(closed);
    await api().get(`/api/boards/${closed.slug}/merchants`).expect(404);
  });
});

describe('what an admin may store', () => {
  it('refuses a receiving account that is not a Hive account name, naming the field, and stores nothing', async () => {
    const board = await createBoard(strapi);
    const before = await strapi.db.query(MERCHANT).count({});
    const bad = await refusal(createMerchant(board, { hiveAccount: 'Oak Bakery' }));
    expect(bad.name).toBe('ValidationError');
    expect(bad.paths).toEqual(['hiveAccount']);
    expect(bad.message).toMatch(/lowercase/);
    expect((await refusal(createMerchant(board, { hiveAccount: '@oak-bakery' }))).message).toMatch(/Leave out the "@"/);
    expect(await strapi.db.query(MERCHANT).count({})).toBe(before);
  });

  it('refuses a discount outside 0–100', async () => {
    const board = await createBoard(strapi);
    for (const tokenDiscountPercent of [-5, 101]) {
      const bad = await refusal(createMerchant(board, { tokenDiscountPercent }));
      expect(bad.name).toBe('ValidationError');
      expect(bad.paths).toEqual(['tokenDiscountPercent']);
    }
  });

  it('checks an update too', async () => {
    const board = await createBoard(strapi);
    const merchant: any = await createMerchant(board);
    const bad = await refusal(strapi.documents(MERCHANT as any).update({ documentId: merchant.documentId, data: { hiveAccount: 'oak_bakery' } as any }));
    expect(bad.paths).toEqual(['hiveAccount']);
    const row = await strapi.db.query(MERCHANT).findOne({ where: { documentId: merchant.documentId } });
    expect(row.hiveAccount).toBe('oak-bakery');
  });

  it('is not writable over REST by members or anyone', async () => {
    const member = await createMember(strapi);
    // No content-API route for the type: the router finds nothing to call (405 where another route shares the path's prefix).
    const write = await api().post('/api/merchants').set({ Authorization: `Bearer ${member.jwt}` }).send({ data: { name: 'Mine' } });
    expect([404, 405]).toContain(write.status);
    expect([404, 405]).toContain((await api().get('/api/merchants')).status);
    expect(await strapi.db.query(MERCHANT).count({ where: { name: 'Mine' } })).toBe(0);
  });
});

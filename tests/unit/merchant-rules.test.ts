import { merchantFieldProblems, publicMerchant } from '../../src/merchants/rules';

/** A stand-in with the chain rule's shape: the real one is the plugin's (its own tests), used by the app's hook. */
const nameError = (name: string) => (/^[a-z][a-z0-9.-]{2,15}$/.test(name) ? null : `bad name ${name}`);

describe('merchant fields', () => {
  it('accepts a valid receiving account and a discount from 0 to 100', () => {
    expect(merchantFieldProblems({ hiveAccount: 'oak-bakery', tokenDiscountPercent: 0 }, nameError)).toEqual([]);
    expect(merchantFieldProblems({ hiveAccount: 'oak-bakery', tokenDiscountPercent: 100 }, nameError)).toEqual([]);
  });

  it('names the receiving account when it is not a Hive account name, or empty', () => {
    expect(merchantFieldProblems({ hiveAccount: 'Oak Bakery' }, nameError)).toEqual([{ path: ['hiveAccount'], message: 'bad name Oak Bakery' }]);
    expect(merchantFieldProblems({ hiveAccount: '' }, nameError)[0].path).toEqual(['hiveAccount']);
    expect(merchantFieldProblems({ hiveAccount: null }, nameError)[0].message).toMatch(/Enter the Hive account/);
  });

  it('refuses a discount outside 0–100 or not whole', () => {
    for (const bad of [-1, 101, 12.5, 'ten']) {
      expect(merchantFieldProblems({ tokenDiscountPercent: bad }, nameError)).toEqual([{ path: ['tokenDiscountPercent'], message: expect.stringMatching(/0 to 100/) }]);
    }
  });

  it('checks only the fields an update sends', () => {
    expect(merchantFieldProblems({ name: 'New name' }, nameError)).toEqual([]);
    expect(merchantFieldProblems(undefined, nameError)).toEqual([]);
  });

  it('shows the public fields only', () => {
    const shown = publicMerchant({ documentId: 'd1', name: 'Bakery', hiveAccount: 'oak-bakery', staff: [{ id: 1 }], id: 7 } as any);
    expect(shown).toEqual({ documentId: 'd1', name: 'Bakery', address: null, offer: null, openingHours: null, tokenDiscountPercent: 0, hiveAccount: 'oak-bakery' });
  });
});

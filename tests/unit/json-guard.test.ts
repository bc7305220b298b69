import { jsonDepth, MAX_JSON_DEPTH } from '../../src/middlewares/json-guard';

describe('jsonDepth', () => {
  it('counts nesting of objects and arrays', () => {
    expect(jsonDepth(1)).toBe(0);
    expect(jsonDepth({})).toBe(1);
    expect(jsonDepth({ a: [{ b: 1 }] })).toBe(3);
  });

  it('measures a hostile 100,000-level body without overflowing the stack, stopping at the limit', () => {
    let value: any = 0;
    for (let i = 0; i < 100000; i++) value = { a: value };
    expect(jsonDepth(value, MAX_JSON_DEPTH)).toBe(MAX_JSON_DEPTH + 1);
    expect(jsonDepth(value)).toBe(100000);
  });
});

import fc from 'fast-check';
import { truncateChars, truncateUtf8, utf8ByteLength } from './utf8';

describe('utf8ByteLength', () => {
  it('counts UTF-8 bytes, not UTF-16 units', () => {
    expect(utf8ByteLength('abc')).toBe(3);
    expect(utf8ByteLength('圈子')).toBe(6);
    expect(utf8ByteLength('😀')).toBe(4);
    expect(utf8ByteLength('é')).toBe(2);
  });
});

describe('truncateUtf8', () => {
  it('keeps short text as is', () => expect(truncateUtf8('hello', 5)).toBe('hello'));

  it('never cuts inside a character or a grapheme cluster', () => {
    expect(truncateUtf8('圈子圈子', 7)).toBe('圈子');
    expect(truncateUtf8('ab👍🏽cd', 5)).toBe('ab'); // thumbs up + skin tone is 8 bytes, kept whole or not at all
    expect(truncateUtf8('e\u0301e\u0301', 3)).toBe('e\u0301');
  });

  it('always fits the limit and is a prefix', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.integer({ min: 0, max: 80 }), (text, max) => {
        const cut = truncateUtf8(text, max);
        expect(utf8ByteLength(cut)).toBeLessThanOrEqual(max);
        expect(text.startsWith(cut)).toBe(true);
        expect(cut).toBe(cut.toWellFormed());
      }),
    );
  });
});

describe('truncateChars', () => {
  it('adds an ellipsis only when something was cut, staying within the limit', () => {
    expect(truncateChars('short', 10)).toBe('short');
    expect(truncateChars('abcdefghij', 5)).toBe('abcd…');
    expect(Array.from(truncateChars('圈'.repeat(400), 300))).toHaveLength(300);
  });
});

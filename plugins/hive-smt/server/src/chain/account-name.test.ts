import fc from 'fast-check';
import { accountNameError, communityNameError, isValidAccountName } from './account-name';

// Reference: hived's is_valid_account_name (libraries/protocol/authority.cpp), transcribed literally.
function hivedIsValid(name: string): boolean {
  if (name.length < 3 || name.length > 16) return false;
  let begin = 0;
  for (;;) {
    let end = name.indexOf('.', begin);
    if (end === -1) end = name.length;
    if (end - begin < 3) return false;
    if (!/[a-z]/.test(name[begin])) return false;
    if (!/[a-z0-9]/.test(name[end - 1])) return false;
    for (let i = begin + 1; i < end - 1; i += 1) if (!/[a-z0-9-]/.test(name[i])) return false;
    if (end === name.length) return true;
    begin = end + 1;
  }
}

describe('accountNameError', () => {
  it.each(['abc', 'quanzi', 'hive-123456', 'a-b-c', 'abc.def', 'abc.d3f.g-h', 'a1234567890123z', 'ab--c', 'x9y'])('accepts %s', (name) =>
    expect(accountNameError(name)).toBeNull(),
  );

  it.each([
    ['', /Enter a Hive account name/],
    ['ab', /3 to 16 characters long; "ab" has 2/],
    ['abcdefghijklmnopq', /3 to 16 characters long; "abcdefghijklmnopq" has 17/],
    ['Alice', /lowercase: use "alice"/],
    ['@alice', /Leave out the "@": the account name is "alice"/],
    [' alice', /Remove the spaces around "alice"/],
    ['al ice', /" " is not allowed/],
    ['al_ice', /"_" is not allowed/],
    ['阿丽丝abc', /"阿" is not allowed/],
    ['1abc', /must start with a letter; "1abc" starts with "1"/],
    ['-abc', /must start with a letter/],
    ['abc-', /must end with a letter or digit; "abc-" ends with "-"/],
    ['abc.de', /"de" in "abc.de" is too short/],
    ['abc..def', /is too short/],
    ['.abc', /is too short/],
    ['abc.', /is too short/],
    ['abc.1de', /Each dot-separated part .* must start with a letter/],
  ])('rejects %j with an actionable message', (name, message) => {
    expect(accountNameError(name)).toMatch(message);
  });

  it('follows hived on double dashes, and forbids them only under signup rules', () => {
    expect(accountNameError('ab--cd')).toBeNull();
    expect(accountNameError('ab--cd', { rules: 'signup' })).toMatch(/two dashes in a row/);
    expect(accountNameError('ab-cd', { rules: 'signup' })).toBeNull();
  });

  it('agrees with hived on every name built from the account alphabet', () => {
    const alphabet = fc.constantFrom(...'abcz0129-.'.split(''));
    fc.assert(
      fc.property(fc.array(alphabet, { minLength: 0, maxLength: 18 }), (chars) => {
        const name = chars.join('');
        expect(isValidAccountName(name)).toBe(hivedIsValid(name));
      }),
      { numRuns: 3000 },
    );
  });

  it('returns a message for every invalid name and null for every valid one (any string)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (name) => {
        const error = accountNameError(name);
        expect(error === null).toBe(hivedIsValid(name));
        if (error !== null) expect(error.length).toBeGreaterThan(10);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('communityNameError', () => {
  it.each(['hive-10000', 'hive-123456', 'hive-3999999', 'hive-200000'])('accepts %s', (name) => {
    expect(communityNameError(name)).toBeNull();
  });

  it.each(['hive-4123456', 'hive-1234', 'hive-12345678', 'hive123456', 'hive-12a456', 'peakd', ''])('rejects %j', (name) => {
    expect(communityNameError(name)).toMatch(/look like "hive-123456"/);
  });

  it('suggests the fix when only case or spaces are wrong', () => {
    expect(communityNameError(' HIVE-123456 ')).toBe('Use "hive-123456": lowercase, without spaces.');
  });
});

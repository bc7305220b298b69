import { PrivateKey } from '@hiveio/dhive';
import { challengeDigest, recoverSigner, verifyLinkSignature } from './verify-signature';

const posting = PrivateKey.fromLogin('alice', 'pw', 'posting');
const active = PrivateKey.fromLogin('alice', 'pw', 'active');
const stranger = PrivateKey.fromLogin('mallory', 'pw', 'posting');
const account = {
  name: 'alice',
  owner: { key_auths: [[PrivateKey.fromLogin('alice', 'pw', 'owner').createPublic('TST').toString(), 1]] },
  active: { key_auths: [[active.createPublic('TST').toString(), 1]] },
  posting: { key_auths: [[posting.createPublic('TST').toString(), 1]] },
};
const challenge = 'quanzi account link: member 7, nonce 00ff, valid until 2030-01-01T00:00:00.000Z';
const sign = (key: PrivateKey, text = challenge) => key.sign(challengeDigest(text)).toString();

describe('verifyLinkSignature', () => {
  it('accepts a Keychain-style signature by the posting key (and active), naming the role', () => {
    expect(verifyLinkSignature({ challenge, signature: sign(posting), account, addressPrefix: 'TST' })).toMatchObject({ ok: true, role: 'posting' });
    expect(verifyLinkSignature({ challenge, signature: sign(active), account, addressPrefix: 'TST' })).toMatchObject({ ok: true, role: 'active' });
    expect(recoverSigner(challenge, sign(posting), 'TST')).toBe(posting.createPublic('TST').toString());
  });

  it('refuses another key, another text, a malformed signature and a missing account', () => {
    expect(verifyLinkSignature({ challenge, signature: sign(stranger), account, addressPrefix: 'TST' })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/not signed with a key of @alice/),
    });
    expect(verifyLinkSignature({ challenge, signature: sign(posting, `${challenge}!`), account, addressPrefix: 'TST' }).ok).toBe(false);
    expect(verifyLinkSignature({ challenge, signature: 'zz', account, addressPrefix: 'TST' })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/130 hex/),
    });
    expect(verifyLinkSignature({ challenge, signature: sign(posting), account: null, addressPrefix: 'TST' }).ok).toBe(false);
  });
});

describe('verifyLinkSignature and weight thresholds', () => {
  const cosigner = PrivateKey.fromLogin('family', 'pw-2', 'posting');
  const multisig = {
    name: 'family',
    owner: { weight_threshold: 2, key_auths: [[PrivateKey.fromLogin('family', 'pw', 'owner').createPublic('TST').toString(), 2]] },
    active: { weight_threshold: 2, key_auths: [[PrivateKey.fromLogin('family', 'pw', 'active').createPublic('TST').toString(), 2]] },
    // A 2-of-3 posting authority: one key of weight 1 cannot act alone.
    posting: {
      weight_threshold: 2,
      key_auths: [
        [PrivateKey.fromLogin('family', 'pw-1', 'posting').createPublic('TST').toString(), 1],
        [cosigner.createPublic('TST').toString(), 1],
        [PrivateKey.fromLogin('family', 'pw-3', 'posting').createPublic('TST').toString(), 1],
      ],
    },
  };

  it('does not take one key below the threshold as proof of the account', () => {
    const result = verifyLinkSignature({ challenge, signature: sign(cosigner), account: multisig, addressPrefix: 'TST' });
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/below the authority's threshold/) });
  });

  it('takes a key whose own weight meets the threshold', () => {
    const active = PrivateKey.fromLogin('family', 'pw', 'active');
    expect(verifyLinkSignature({ challenge, signature: sign(active), account: multisig, addressPrefix: 'TST' })).toMatchObject({ ok: true, role: 'active' });
  });
});

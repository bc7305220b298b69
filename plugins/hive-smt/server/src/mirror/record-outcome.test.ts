import { mirrorEventOf, mirrorRecordChange, type SentOperations } from './record-outcome';
import { MIRROR_PUBLISH, MIRROR_REMOVE } from './jobs';

const NOW = 1_700_000_000_000;
const nothingSent: SentOperations = { comment: null, deleted: false, contentHash: null };
const postSent: SentOperations = { comment: { parent_permlink: 'board-daily-2026-05-01' }, deleted: false, contentHash: 'abc' };
const confirmed = { kind: 'confirmed' as const, txId: 'f'.repeat(40), blockNum: 42 };

describe('mirrorRecordChange', () => {
  it('marks a confirmed publish with its transaction, block, content fingerprint and parent', () => {
    expect(mirrorRecordChange(MIRROR_PUBLISH, confirmed, { state: 'broadcasting', txId: null }, postSent, NOW)).toEqual({
      state: 'confirmed',
      txId: confirmed.txId,
      blockNum: 42,
      confirmedAt: NOW,
      lastError: null,
      removedMode: null,
      contentHash: 'abc',
      parentPermlink: 'board-daily-2026-05-01',
    });
  });

  it('marks a confirmed removal deleted or tombstoned by what the transaction did', () => {
    expect(mirrorRecordChange(MIRROR_REMOVE, confirmed, null, { ...nothingSent, deleted: true }, NOW)).toMatchObject({
      state: 'removed',
      removedMode: 'deleted',
    });
    expect(mirrorRecordChange(MIRROR_REMOVE, confirmed, null, postSent, NOW)).toMatchObject({ state: 'removed', removedMode: 'tombstone' });
  });

  it('turns a skip into the state Hive already shows, and otherwise writes nothing', () => {
    const skipped = { kind: 'skipped' as const, note: 'Hive already shows this version.' };
    expect(mirrorRecordChange(MIRROR_PUBLISH, skipped, { state: 'retrying', txId: 'a' }, nothingSent)).toEqual({ state: 'confirmed', lastError: null });
    // Never sent anything: a skip does not make it confirmed.
    expect(mirrorRecordChange(MIRROR_PUBLISH, skipped, { state: 'retrying', txId: null }, nothingSent)).toBeNull();
    expect(mirrorRecordChange(MIRROR_PUBLISH, skipped, { state: 'removed', txId: 'a' }, nothingSent)).toBeNull();
    expect(mirrorRecordChange(MIRROR_REMOVE, skipped, { state: 'confirmed', txId: 'a' }, nothingSent)).toEqual({ state: 'removed', lastError: null });
    expect(mirrorRecordChange(MIRROR_REMOVE, skipped, { state: 'removed', txId: 'a' }, nothingSent)).toBeNull();
  });

  it("shows a rate rule's wait, keeps a confirmed post confirmed, and spares the write behind another post of the account", () => {
    const deferred = { kind: 'deferred' as const, notBefore: NOW, reason: 'Hive allows @a one comment every 3 seconds.' };
    expect(mirrorRecordChange(MIRROR_PUBLISH, deferred, { state: 'broadcasting', txId: null }, nothingSent)).toEqual({
      state: 'scheduled',
      lastError: deferred.reason,
    });
    expect(mirrorRecordChange(MIRROR_PUBLISH, deferred, { state: 'confirmed', txId: 'a' }, nothingSent)).toEqual({
      state: 'confirmed',
      lastError: deferred.reason,
    });
    expect(mirrorRecordChange(MIRROR_PUBLISH, { ...deferred, behindLane: true }, { state: 'broadcasting', txId: null }, nothingSent)).toBeNull();
    expect(mirrorRecordChange(MIRROR_PUBLISH, deferred, null, nothingSent)).toBeNull();
  });

  it('fails, retries or gives up as the worker decided', () => {
    expect(mirrorRecordChange(MIRROR_PUBLISH, { kind: 'failed', error: 'no key' }, null, nothingSent)).toEqual({ state: 'failed', lastError: 'no key' });
    expect(mirrorRecordChange(MIRROR_PUBLISH, { kind: 'error', error: 'timeout', dead: false, retryAt: 1 }, null, nothingSent)).toEqual({
      state: 'retrying',
      lastError: 'timeout',
    });
    expect(mirrorRecordChange(MIRROR_PUBLISH, { kind: 'error', error: 'timeout', dead: true, retryAt: 0 }, null, nothingSent)).toEqual({
      state: 'failed',
      lastError: 'timeout',
    });
    expect(mirrorRecordChange(MIRROR_PUBLISH, { kind: 'pending', txId: 'a' }, null, nothingSent)).toBeNull();
  });
});

describe('mirrorEventOf: which webhook event a record change announces', () => {
  test('a first confirmation, and an edit sent to a confirmed post, are news; a repeated state is not', () => {
    expect(mirrorEventOf(null, { state: 'confirmed', txId: 'a' })).toBe('mirrored');
    expect(mirrorEventOf({ state: 'retrying', txId: null }, { state: 'confirmed', txId: 'a' })).toBe('mirrored');
    expect(mirrorEventOf({ state: 'confirmed', txId: 'a' }, { state: 'confirmed', txId: 'b' })).toBe('mirrored');
    expect(mirrorEventOf({ state: 'confirmed', txId: 'a' }, { state: 'confirmed', txId: 'a' })).toBeNull();
    expect(mirrorEventOf({ state: 'confirmed', txId: 'a' }, { state: 'confirmed', lastError: null })).toBeNull();
  });

  test('giving up and removal are announced once; waiting and retrying are not', () => {
    expect(mirrorEventOf({ state: 'retrying', txId: null }, { state: 'failed', lastError: 'x' })).toBe('failed');
    expect(mirrorEventOf({ state: 'failed', txId: null }, { state: 'failed', lastError: 'y' })).toBeNull();
    expect(mirrorEventOf({ state: 'confirmed', txId: 'a' }, { state: 'removed', txId: 'r' })).toBe('removed');
    expect(mirrorEventOf({ state: 'removed', txId: 'r' }, { state: 'removed' })).toBeNull();
    expect(mirrorEventOf({ state: 'scheduled', txId: null }, { state: 'retrying', lastError: 'z' })).toBeNull();
    expect(mirrorEventOf(null, null)).toBeNull();
  });
});

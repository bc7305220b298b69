/**
 * Linking a member's Hive account: the server issues a random, expiring,
 * single-use challenge; the member signs it with the account's posting key;
 * the server recovers the key from the signature and finds it among the
 * account's current keys on chain; the link is stored and the member's
 * pending rewards are scheduled for payout. A member may unlink, and link another account.
 */
import { randomBytes } from 'crypto';
import type { Core } from '@strapi/strapi';
import type { ChainAccount, HiveChain } from '../chain/hive-chain';
import { accountNameError } from '../chain/account-name';
import { UID, changed, isUniqueViolation, q } from '../core/db';
import { PluginError } from '../core/errors';
import type { PayoutLine } from '../payouts/lines';
import type { AccountLinkRow, ChallengeRow } from './rows';
import { verifyLinkSignature } from './verify-signature';

export interface Challenge {
  challenge: string;
  expiresAt: string;
}

export interface LinkedAccount {
  account: string;
  publicKey: string;
  keyRole: string;
  verifiedAt: string;
}

/** A link request tries the member's newest unused challenges: older ones can never be used, and are not kept. */
export const CHALLENGES_TRIED = 5;

export function createAccountLinking(
  strapi: Core.Strapi,
  deps: { chain: () => HiveChain; appName: () => string; ttlSeconds: () => number; onLinked: (userId: number) => Promise<unknown> },
) {
  /** Forgets challenges past their expiry, used or not: nothing can be done with them any more. */
  async function purgeExpired(now = Date.now()): Promise<number> {
    return changed(await q(strapi, UID.challenge).deleteMany({ where: { expiresAt: { $lte: now } } }));
  }

  return {
    purgeExpired,

    /** A new challenge for the member; their last few unused ones stay valid until they expire. */
    async createChallenge(userId: number, now = Date.now()): Promise<Challenge> {
      const expiresAt = now + deps.ttlSeconds() * 1000;
      const nonce = randomBytes(16).toString('hex');
      // Human-readable, so Keychain shows the member what they are signing.
      const challenge = `${deps.appName().split('/')[0]} account link: member ${userId}, nonce ${nonce}, valid until ${new Date(expiresAt).toISOString()}`;
      await q(strapi, UID.challenge).create({ data: { userId, challenge, expiresAt, usedAt: null } });
      // The table stays the size of what is in use: expired challenges go, and a member asking again and
      // again keeps only the ones a link request would still try.
      await purgeExpired(now);
      const kept = await q<ChallengeRow>(strapi, UID.challenge).findMany({
        where: { userId, usedAt: { $null: true } },
        orderBy: { id: 'desc' },
        select: ['id'],
        limit: CHALLENGES_TRIED,
      });
      if (kept.length === CHALLENGES_TRIED) {
        await q(strapi, UID.challenge).deleteMany({ where: { userId, usedAt: { $null: true }, id: { $lt: kept[kept.length - 1].id } } });
      }
      return { challenge, expiresAt: new Date(expiresAt).toISOString() };
    },

    async link(userId: number, input: { account: string; signature: string; challenge?: string }, now = Date.now()): Promise<LinkedAccount> {
      const nameError = accountNameError(input.account);
      if (nameError) throw new PluginError(400, nameError);
      const candidates = await q<ChallengeRow>(strapi, UID.challenge).findMany({
        where: { userId, usedAt: { $null: true }, expiresAt: { $gt: now }, ...(input.challenge ? { challenge: input.challenge } : {}) },
        orderBy: { id: 'desc' },
        limit: input.challenge ? 1 : CHALLENGES_TRIED,
      });
      if (candidates.length === 0) {
        throw new PluginError(
          400,
          'No valid challenge: request one with POST /api/me/hive-account/challenge, sign it within its validity, and send the signature.',
        );
      }
      let account: ChainAccount | null;
      try {
        account = await deps.chain().getAccount(input.account);
      } catch (error) {
        throw new PluginError(503, `Could not reach Hive to check @${input.account}'s keys (${(error as Error).message}); try again in a moment.`);
      }
      if (!account) throw new PluginError(404, `There is no Hive account @${input.account}. Check the spelling.`);
      const prefix = deps.chain().endpoint.addressPrefix;
      // Without an explicit challenge, any of the member's recent unused challenges may be the signed one.
      let verified: ReturnType<typeof verifyLinkSignature> = { ok: false, reason: '' };
      let used: ChallengeRow | null = null;
      for (const candidate of candidates) {
        verified = verifyLinkSignature({ challenge: candidate.challenge, signature: input.signature, account, addressPrefix: prefix });
        if (verified.ok) {
          used = candidate;
          break;
        }
      }
      if (!verified.ok || !used) throw new PluginError(400, verified.ok ? 'The signature does not match.' : verified.reason);

      const takenMessage = `@${input.account} is already linked to another member. Each Hive account can be linked to one member; ask for help if this is your account.`;
      const other = await q<AccountLinkRow>(strapi, UID.accountLink).findOne({ where: { account: input.account, userId: { $ne: userId } } });
      if (other) throw new PluginError(409, takenMessage);

      const verifiedAt = now;
      // The unique indexes on user and account settle a race the check above cannot see.
      await strapi.db
        .transaction(async () => {
          // Single use: a replayed signature finds its challenge spent.
          const spent = changed(await q(strapi, UID.challenge).updateMany({ where: { id: used!.id, usedAt: { $null: true } }, data: { usedAt: now } }));
          if (!spent) throw new PluginError(400, 'This challenge was used already: request a new one.');
          const existing = await q<AccountLinkRow>(strapi, UID.accountLink).findOne({ where: { userId } });
          const data = { account: input.account, verifiedAt, publicKey: verified.ok ? verified.publicKey : null };
          if (existing) await q(strapi, UID.accountLink).update({ where: { id: existing.id }, data });
          else await q(strapi, UID.accountLink).create({ data: { userId, ...data } });
        })
        .catch(async (error: unknown) => {
          if (!isUniqueViolation(error)) throw error;
          const winner = await q<AccountLinkRow>(strapi, UID.accountLink).findOne({ where: { account: input.account } });
          if (winner && winner.userId !== userId) throw new PluginError(409, takenMessage);
          throw new PluginError(409, 'Another link request of yours finished at the same moment; reload to see which account is linked.');
        });
      await deps
        .onLinked(userId)
        .catch((error) => strapi.log.warn(`[hive-smt] scheduling payouts after linking failed (the next pass retries): ${(error as Error).message}`));
      return { account: input.account, publicKey: verified.publicKey, keyRole: verified.role, verifiedAt: new Date(verifiedAt).toISOString() };
    },

    /**
     * Forgets the member's linked account. Rewards not yet on their way wait for the next link;
     * payouts already scheduled to the old account are on the chain's side of the line and still go there.
     */
    async unlink(userId: number): Promise<{ account: string; paymentsUnderway: number }> {
      const link = await q<AccountLinkRow>(strapi, UID.accountLink).findOne({ where: { userId } });
      if (!link) throw new PluginError(404, 'No Hive account is linked to you.');
      const paymentsUnderway = await q<PayoutLine>(strapi, UID.payout).count({ where: { memberId: userId, account: link.account, state: { $ne: 'paid' } } });
      await q(strapi, UID.accountLink).deleteMany({ where: { id: link.id } });
      return { account: link.account, paymentsUnderway: Number(paymentsUnderway) };
    },

    async linkOf(userId: number): Promise<{ account: string; verifiedAt: string | null } | null> {
      const link = await q<AccountLinkRow>(strapi, UID.accountLink).findOne({ where: { userId } });
      return link ? { account: link.account, verifiedAt: link.verifiedAt ? new Date(Number(link.verifiedAt)).toISOString() : null } : null;
    },
  };
}

export type AccountLinking = ReturnType<typeof createAccountLinking>;

import * as React from 'react';
import { Layouts, Page } from '@strapi/strapi/admin';
import { Alert, Box, Button, Divider, EmptyStateLayout, Flex, Grid, LinkButton, Typography } from '@strapi/design-system';
import { ArrowClockwise, Pencil } from '@strapi/icons';
import { useHiveData } from '../utils/api';
import { useT } from '../utils/useT';
import { useHivePermissions } from '../utils/permissions';
import { Amount, Check, Meter, Mono, StatCard, ToneBadge } from '../components/ui';
import type { BoardHealth, ChainOverview } from '../types';

export const BoardsPage = () => {
  const t = useT();
  const can = useHivePermissions();
  const boards = useHiveData<BoardHealth[]>('/boards');
  // The app account's name, for the fix steps (chain health is readable by whoever reads boards in the default roles).
  const chain = useHiveData<ChainOverview>(can('chain.read') ? '/chain' : null);
  const appAccount = chain.data?.app.account ?? 'quanzi';

  if (boards.loading && !boards.data) return <Page.Loading />;
  const list = boards.data ?? [];
  const needsAttention = list.filter((b) => b.account.problem || b.token?.problem).length;

  return (
    <Page.Main>
      <Page.Title>{t('boards.title')}</Page.Title>
      <Layouts.Header
        title={t('boards.title')}
        subtitle={t('boards.subtitle')}
        primaryAction={
          <Button variant="secondary" startIcon={<ArrowClockwise />} onClick={() => boards.reload()}>
            {t('common.refresh')}
          </Button>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          {boards.error && (
            <Alert variant="danger" title={t('common.loadFailed')} closeLabel={t('common.close')}>
              {boards.error}
            </Alert>
          )}
          {list.length === 0 ? (
            <Box background="neutral0" hasRadius shadow="tableShadow">
              <EmptyStateLayout content={t('boards.empty')} />
            </Box>
          ) : (
            <>
              <Grid.Root gap={4}>
                <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
                  <StatCard label={t('boards.stat.boards')} value={list.length} tone="primary" />
                </Grid.Item>
                <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
                  <StatCard
                    label={t('boards.stat.ready')}
                    value={list.length - needsAttention}
                    tone={needsAttention ? 'warning' : 'success'}
                    hint={needsAttention ? t('boards.stat.attention', { count: needsAttention }) : t('boards.stat.allReady')}
                  />
                </Grid.Item>
                <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
                  <StatCard
                    label={t('boards.stat.onChain')}
                    value={list.reduce((n, b) => n + b.chainSummary.confirmed, 0)}
                    tone="success"
                    hint={t('boards.stat.onChainHint', { failed: list.reduce((n, b) => n + b.chainSummary.failed, 0) })}
                  />
                </Grid.Item>
              </Grid.Root>
              <Grid.Root gap={4}>
                {list.map((board) => (
                  <Grid.Item key={board.documentId} col={6} s={12} direction="column" alignItems="stretch">
                    <BoardCard board={board} appAccount={appAccount} />
                  </Grid.Item>
                ))}
              </Grid.Root>
            </>
          )}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

const BoardCard = ({ board, appAccount }: { board: BoardHealth; appAccount: string }) => {
  const t = useT();
  const { account, token } = board;
  const communityProblem = board.community?.problem && board.community.problem.code !== 'community-unchecked' ? board.community.problem : null;
  const healthy = !account.problem && !token?.problem && !communityProblem;
  return (
    <Box background="neutral0" hasRadius shadow="tableShadow" padding={6} height="100%" data-testid="board-card" data-board={board.slug}>
      <Flex justifyContent="space-between" alignItems="flex-start" gap={3}>
        <Flex direction="column" alignItems="flex-start" gap={1}>
          <Typography variant="delta" tag="h2">
            {board.name}
          </Typography>
          <Typography variant="pi" textColor="neutral600">
            {t('boards.postsSummary', board.chainSummary)}
          </Typography>
        </Flex>
        <Flex gap={2}>
          {!board.active && <ToneBadge tone="neutral">{t('boards.inactive')}</ToneBadge>}
          <ToneBadge tone={healthy ? 'success' : 'danger'} testId="board-health">
            {healthy ? t('boards.ready') : t('boards.needsAttention')}
          </ToneBadge>
        </Flex>
      </Flex>
      <Box paddingTop={4} paddingBottom={4}>
        <Divider />
      </Box>

      <Flex direction="column" alignItems="stretch" gap={3}>
        <Typography variant="sigma" textColor="neutral600">
          {t('boards.section.account')}
        </Typography>
        <Check ok={account.exists} testId="check-account">
          {account.exists === false ? t('boards.account.missing', { account: account.name }) : t('boards.account.exists', { account: account.name })}
        </Check>
        <Check ok={account.exists === false ? false : account.grantsAuthority} testId="check-authority">
          {account.grantsAuthority ? t('boards.authority.granted', { app: appAccount }) : t('boards.authority.missing', { app: appAccount })}
        </Check>
        {account.problem && <FixSteps board={board} appAccount={appAccount} />}
        {!board.community ? (
          <Check ok={null}>{t('boards.community.none')}</Check>
        ) : (
          <>
            <Check ok={board.community.exists === false ? false : board.community.exists ? true : null} testId="check-community">
              {board.community.exists === false
                ? t('boards.community.missing', { community: board.community.name })
                : t('boards.community.set', { community: board.community.title ? `${board.community.title} (${board.community.name})` : board.community.name })}
            </Check>
            {board.community.type && (
              <Check ok={communityProblem ? false : true} testId="check-community-role">
                {t(`boards.community.type.${board.community.type}` as any, { role: board.community.role ?? 'guest', account: account.name })}
              </Check>
            )}
            {communityProblem && (
              <Alert variant="warning" closeLabel={t('common.close')} title={t('boards.community.fix.title')}>
                {communityProblem.code === 'community-role'
                  ? t('boards.community.fix.role', { account: account.name, community: board.community.name })
                  : communityProblem.help}
              </Alert>
            )}
          </>
        )}

        <Box paddingTop={2}>
          <Typography variant="sigma" textColor="neutral600">
            {t('boards.section.token')}
          </Typography>
        </Box>
        {!token ? (
          <Typography variant="omega" textColor="neutral600">
            {t('boards.token.none')}
          </Typography>
        ) : (
          <>
            <Check ok={token.exists} testId="check-token">
              {token.exists === false ? t('boards.token.missing', { symbol: token.symbol }) : t('boards.token.exists', { symbol: token.symbol })}
            </Check>
            {token.exists && (
              <>
                <Check ok={token.issuerMatches === false ? false : token.issuerKey === 'missing' ? false : true} testId="check-issuer">
                  {token.issuerMatches === false
                    ? t('boards.issuer.mismatch', { issuer: token.issuer ?? '', expected: token.expectedIssuer ?? '' })
                    : token.issuerKey === 'missing'
                      ? t('boards.issuer.noKey', { issuer: token.expectedIssuer ?? token.issuer ?? '' })
                      : t('boards.issuer.ok', { issuer: token.issuer ?? '' })}
                </Check>
                <Box paddingLeft={7}>
                  <Flex justifyContent="space-between" paddingBottom={1}>
                    <Typography variant="pi" textColor="neutral600">
                      {t('boards.supply.left')}
                    </Typography>
                    <Typography variant="pi" fontWeight="semiBold" data-testid="supply-left">
                      <Amount value={token.supplyLeft} /> / <Amount value={token.maxSupply} symbol={token.symbol} />
                    </Typography>
                  </Flex>
                  <Meter percent={supplyLeftPercent(token.supplyLeft, token.maxSupply)} tone="primary" label={t('boards.supply.left')} />
                </Box>
                <Check ok={token.rewardsEnabled ? true : null}>{token.rewardsEnabled ? t('boards.rewards.on') : t('boards.rewards.off')}</Check>
              </>
            )}
            {token.problem && token.problem.code !== 'issuer-mismatch' && token.problem.code !== 'issuer-key-missing' && (
              <Alert variant="warning" closeLabel={t('common.close')} title={t(`boards.tokenProblem.${token.problem.code}` as any)}>
                {token.problem.help}
              </Alert>
            )}
          </>
        )}
      </Flex>
      <Flex paddingTop={5} justifyContent="flex-end">
        <LinkButton variant="tertiary" size="S" startIcon={<Pencil />} href={board.editPath}>
          {t('boards.edit')}
        </LinkButton>
      </Flex>
    </Box>
  );
};

const supplyLeftPercent = (left: string | null, max: string | null) => {
  const l = Number(left ?? 0);
  const m = Number(max ?? 0);
  return m > 0 ? (l / m) * 100 : 0;
};

/** The exact steps to let Quanzi post for the board, in the admin's language. */
const FixSteps = ({ board, appAccount }: { board: BoardHealth; appAccount: string }) => {
  const t = useT();
  const { account } = board;
  const code = account.problem!.code;
  const steps =
    code === 'authority-missing'
      ? [
          t('boards.fix.authority.1', { account: account.name }),
          t('boards.fix.authority.2'),
          t('boards.fix.authority.3', { app: appAccount }),
          t('boards.fix.authority.4', { account: account.name }),
          t('boards.fix.retry'),
        ]
      : code === 'account-missing'
        ? [t('boards.fix.account.1', { account: account.name }), t('boards.fix.account.2'), t('boards.fix.retry')]
        : [account.problem!.help];
  return (
    <Box background={code === 'chain-unreachable' ? 'warning100' : 'danger100'} hasRadius padding={4} data-testid="fix-steps">
      <Typography variant="omega" fontWeight="bold" tag="p">
        {t(
          code === 'authority-missing'
            ? 'boards.fix.authority.title'
            : code === 'account-missing'
              ? 'boards.fix.account.title'
              : 'boards.fix.unreachable.title',
        )}
      </Typography>
      <Flex direction="column" alignItems="stretch" gap={2} paddingTop={3} tag="ol" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {steps.map((step, index) => (
          <Flex key={step} tag="li" gap={3} alignItems="flex-start">
            <Box
              background="neutral0"
              color="danger700"
              hasRadius
              width="1.5rem"
              height="1.5rem"
              style={{ display: 'inline-flex', alignItems: 'center', justifyContent: 'center', flexShrink: 0, fontWeight: 700, fontSize: 12 }}
            >
              {index + 1}
            </Box>
            <Typography variant="omega" style={{ paddingTop: 2 }}>
              {step}
            </Typography>
          </Flex>
        ))}
      </Flex>
      {code === 'authority-missing' && (
        <Box paddingTop={2}>
          <Typography variant="pi" textColor="neutral600">
            {t('boards.fix.technical')} <Mono>account_update2 · posting.account_auths += [{appAccount}, 1]</Mono>
          </Typography>
        </Box>
      )}
    </Box>
  );
};

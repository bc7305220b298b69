import * as React from 'react';
import { Layouts, Page } from '@strapi/strapi/admin';
import {
  Alert,
  Box,
  Button,
  Dialog,
  Flex,
  Grid,
  Link,
  SingleSelect,
  SingleSelectOption,
  Table,
  Tbody,
  Td,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { ArrowClockwise, Gift, PaperPlane } from '@strapi/icons';
import { useHiveAction, useHiveData } from '../utils/api';
import { useT, type MessageKey } from '../utils/useT';
import { useHivePermissions } from '../utils/permissions';
import { Amount, EmptyBlock, Mono, Panel, StatCard, ToneBadge, When } from '../components/ui';
import { EmissionChart } from '../components/EmissionChart';
import type { RewardsView } from '../types';

const BATCH_STATE: Record<string, { label: MessageKey; tone: 'success' | 'danger' | 'warning' | 'primary' | 'neutral' }> = {
  queued: { label: 'rewards.batch.queued', tone: 'neutral' },
  sending: { label: 'rewards.batch.sending', tone: 'primary' },
  paid: { label: 'rewards.batch.paid', tone: 'success' },
  failed: { label: 'rewards.batch.failed', tone: 'danger' },
};

export const RewardsPage = () => {
  const t = useT();
  const can = useHivePermissions();
  const view = useHiveData<RewardsView>('/rewards', { refreshMs: 10000 });
  const [boardId, setBoardId] = React.useState<string | null>(null);
  const { run, busy } = useHiveAction();

  if (view.loading && !view.data) return <Page.Loading />;
  const data = view.data;
  const boards = data?.boards ?? [];
  const board = boards.find((b) => b.boardDocumentId === boardId) ?? boards[0] ?? null;
  const payout = async () => {
    const result = await run<{ batches?: number; payouts?: number }>(
      'payout',
      'post',
      '/rewards/payout',
      board ? { board: board.boardDocumentId } : {},
      t('rewards.payout.done'),
    );
    if (result) void view.reload();
  };
  const canPay = can('rewards.payout') && !!data?.canRunPayout && !!board;

  return (
    <Page.Main>
      <Page.Title>{t('rewards.title')}</Page.Title>
      <Layouts.Header
        title={t('rewards.title')}
        subtitle={t('rewards.subtitle')}
        primaryAction={
          <Flex gap={2}>
            <Button variant="tertiary" startIcon={<ArrowClockwise />} onClick={() => view.reload()}>
              {t('common.refresh')}
            </Button>
            {canPay && (
              <Dialog.Root>
                <Dialog.Trigger>
                  <Button startIcon={<PaperPlane />} loading={busy === 'payout'} data-testid="run-payout">
                    {t('rewards.payout.run')}
                  </Button>
                </Dialog.Trigger>
                <Dialog.Content>
                  <Dialog.Header>{t('rewards.payout.confirmTitle')}</Dialog.Header>
                  <Dialog.Body>
                    <Typography>{t('rewards.payout.confirmBody', { board: board?.boardName ?? '', symbol: board?.symbol ?? '' })}</Typography>
                  </Dialog.Body>
                  <Dialog.Footer>
                    <Dialog.Cancel>
                      <Button variant="tertiary">{t('common.notNow')}</Button>
                    </Dialog.Cancel>
                    <Dialog.Action>
                      <Button onClick={payout} data-testid="run-payout-confirm">
                        {t('rewards.payout.run')}
                      </Button>
                    </Dialog.Action>
                  </Dialog.Footer>
                </Dialog.Content>
              </Dialog.Root>
            )}
          </Flex>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          {view.error && (
            <Alert variant="danger" title={t('common.loadFailed')} closeLabel={t('common.close')}>
              {view.error}
            </Alert>
          )}
          {!data?.configured || !board ? (
            <Box background="neutral0" hasRadius shadow="tableShadow">
              <EmptyBlock testId="rewards-empty" icon={<Gift />} title={t('rewards.empty.title')} body={t('rewards.empty.body')} />
            </Box>
          ) : (
            <>
              {boards.length > 1 && (
                <Box maxWidth="320px">
                  <SingleSelect aria-label={t('rewards.board')} value={board.boardDocumentId} onChange={(v) => setBoardId(String(v))}>
                    {boards.map((b) => (
                      <SingleSelectOption key={b.boardDocumentId} value={b.boardDocumentId}>
                        {`${b.boardName} (${b.symbol})`}
                      </SingleSelectOption>
                    ))}
                  </SingleSelect>
                </Box>
              )}
              <Grid.Root gap={4} data-testid="rewards-stats">
                <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
                  <StatCard
                    label={t('rewards.pool')}
                    tone="primary"
                    value={<Amount value={board.pool} symbol={board.symbol} />}
                    hint={
                      board.nextSettlementAt ? (
                        <>
                          {t('rewards.nextSettlement')} <When at={board.nextSettlementAt} />
                        </>
                      ) : (
                        t('rewards.poolHint')
                      )
                    }
                  />
                </Grid.Item>
                <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
                  <StatCard
                    label={t('rewards.pending')}
                    tone="warning"
                    value={<Amount value={board.pending} symbol={board.symbol} />}
                    hint={t('rewards.pendingHint')}
                  />
                </Grid.Item>
                <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
                  <StatCard label={t('rewards.paid')} tone="success" value={<Amount value={board.paid} symbol={board.symbol} />} hint={t('rewards.paidHint')} />
                </Grid.Item>
              </Grid.Root>

              <Grid.Root gap={4}>
                <Grid.Item col={7} s={12} direction="column" alignItems="stretch">
                  <Panel title={t('rewards.chart.title')} description={t('rewards.chart.description')}>
                    <EmissionChart
                      symbol={board.symbol}
                      labels={{ emitted: t('rewards.chart.emitted'), paid: t('rewards.chart.paid'), title: t('rewards.chart.title') }}
                      points={(data.history ?? [])
                        .filter((h) => !h.boardDocumentId || h.boardDocumentId === board.boardDocumentId)
                        .map((h) => ({ day: h.day, emitted: Number(h.emitted), paid: Number(h.paid) }))}
                    />
                  </Panel>
                </Grid.Item>
                <Grid.Item col={5} s={12} direction="column" alignItems="stretch">
                  <Panel title={t('rewards.earners.title')} description={t('rewards.earners.description')} testId="top-earners">
                    {board.topEarners.length === 0 ? (
                      <Typography textColor="neutral600">{t('rewards.earners.none')}</Typography>
                    ) : (
                      <Table colCount={3} rowCount={board.topEarners.length + 1}>
                        <Thead>
                          <Tr>
                            <Th>
                              <Typography variant="sigma">#</Typography>
                            </Th>
                            <Th>
                              <Typography variant="sigma">{t('rewards.earners.member')}</Typography>
                            </Th>
                            <Th>
                              <Typography variant="sigma">{t('rewards.earners.amount')}</Typography>
                            </Th>
                          </Tr>
                        </Thead>
                        <Tbody>
                          {board.topEarners.map((e, i) => (
                            <Tr key={e.memberId}>
                              <Td>
                                <Typography textColor="neutral600">{i + 1}</Typography>
                              </Td>
                              <Td>
                                <Flex direction="column" alignItems="flex-start">
                                  <Typography fontWeight="semiBold">{e.name}</Typography>
                                  <Typography variant="pi" textColor="neutral600">
                                    {e.account ? `@${e.account}` : t('rewards.earners.noAccount')}
                                  </Typography>
                                </Flex>
                              </Td>
                              <Td>
                                <Typography fontWeight="semiBold">
                                  <Amount value={e.amount} symbol={board.symbol} />
                                </Typography>
                              </Td>
                            </Tr>
                          ))}
                        </Tbody>
                      </Table>
                    )}
                  </Panel>
                </Grid.Item>
              </Grid.Root>

              <Panel title={t('rewards.batches.title')} description={t('rewards.batches.description')} testId="payout-batches">
                {data.batches.length === 0 ? (
                  <Typography textColor="neutral600">{t('rewards.batches.none')}</Typography>
                ) : (
                  <Table colCount={6} rowCount={data.batches.length + 1}>
                    <Thead>
                      <Tr>
                        <Th>
                          <Typography variant="sigma">{t('rewards.batches.when')}</Typography>
                        </Th>
                        <Th>
                          <Typography variant="sigma">{t('rewards.batches.board')}</Typography>
                        </Th>
                        <Th>
                          <Typography variant="sigma">{t('rewards.batches.recipients')}</Typography>
                        </Th>
                        <Th>
                          <Typography variant="sigma">{t('rewards.batches.amount')}</Typography>
                        </Th>
                        <Th>
                          <Typography variant="sigma">{t('rewards.batches.state')}</Typography>
                        </Th>
                        <Th>
                          <Typography variant="sigma">{t('rewards.batches.tx')}</Typography>
                        </Th>
                      </Tr>
                    </Thead>
                    <Tbody>
                      {data.batches.map((b) => {
                        const state = BATCH_STATE[b.state] ?? { label: 'rewards.batch.queued' as MessageKey, tone: 'neutral' as const };
                        return (
                          <Tr key={b.id} data-testid="batch-row">
                            <Td>
                              <Typography>
                                <When at={b.createdAt} />
                              </Typography>
                            </Td>
                            <Td>
                              <Typography>{b.boardName ?? '—'}</Typography>
                            </Td>
                            <Td>
                              <Typography>{b.recipients}</Typography>
                            </Td>
                            <Td>
                              <Typography>
                                <Amount value={b.amount} symbol={b.symbol} />
                              </Typography>
                            </Td>
                            <Td>
                              <Flex direction="column" alignItems="flex-start" gap={1}>
                                <ToneBadge tone={state.tone}>{t(state.label)}</ToneBadge>
                                {b.error && (
                                  <Typography variant="pi" textColor="danger600" style={{ whiteSpace: 'normal' }}>
                                    {b.error}
                                  </Typography>
                                )}
                              </Flex>
                            </Td>
                            <Td>
                              {b.txId ? (
                                b.url ? (
                                  <Link href={b.url} isExternal>
                                    {b.txId.slice(0, 10)}…
                                  </Link>
                                ) : (
                                  <Mono>{b.txId.slice(0, 10)}…</Mono>
                                )
                              ) : (
                                '—'
                              )}
                            </Td>
                          </Tr>
                        );
                      })}
                    </Tbody>
                  </Table>
                )}
              </Panel>
            </>
          )}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

import * as React from 'react';
import { Layouts, Page } from '@strapi/strapi/admin';
import { Alert, Box, Button, Dialog, EmptyStateLayout, Flex, Grid, Link, Table, Tbody, Td, Th, Thead, Tooltip, Tr, Typography } from '@strapi/design-system';
import { ArrowClockwise, Cross, Database, Lightning, Server, Stack } from '@strapi/icons';
import { useHiveAction, useHiveData } from '../utils/api';
import { useT, type MessageKey } from '../utils/useT';
import { useHivePermissions } from '../utils/permissions';
import { Meter, Mono, Panel, StatCard, ToneBadge, When } from '../components/ui';
import type { ChainOverview, JobRow } from '../types';

type Filter = 'all' | 'open' | 'failed' | 'done';
const FILTERS: Array<{ value: Filter; label: MessageKey }> = [
  { value: 'all', label: 'chain.queue.filter.all' },
  { value: 'open', label: 'chain.queue.filter.open' },
  { value: 'failed', label: 'chain.queue.filter.failed' },
  { value: 'done', label: 'chain.queue.filter.done' },
];

const REFRESH_MS = 3000;

/** A job's state in words: a finished publish is "Confirmed" on chain. */
function jobStatus(job: JobRow): { label: MessageKey; tone: 'success' | 'danger' | 'warning' | 'neutral' | 'primary' | 'secondary' } {
  switch (job.state) {
    case 'done':
      return job.kind === 'mirror.remove' ? { label: 'job.state.removed', tone: 'neutral' } : { label: 'job.state.confirmed', tone: 'success' };
    case 'dead':
      return { label: 'job.state.failed', tone: 'danger' };
    case 'leased':
      return { label: 'job.state.sending', tone: 'primary' };
    case 'cancelled':
      return { label: 'job.state.cancelled', tone: 'neutral' };
    default:
      return job.attempts > 0 ? { label: 'job.state.retrying', tone: 'warning' } : { label: 'job.state.waiting', tone: 'secondary' };
  }
}

const KIND_LABEL: Record<string, MessageKey> = {
  'mirror.publish': 'job.kind.publish',
  'mirror.remove': 'job.kind.remove',
  'mirror.container': 'job.kind.container',
  'payout.batch': 'job.kind.payout',
  'community.pin': 'job.kind.pin',
};

/** What a job is about, in a line: the post's title, or what a payout pays. */
function jobTitle(job: JobRow, t: ReturnType<typeof useT>) {
  if (job.post?.title) return job.post.title;
  if (job.kind === 'payout.batch' && job.recipients !== null) return t('job.payout.title', { count: job.recipients });
  return t(KIND_LABEL[job.kind] ?? 'job.kind.other');
}

export const ChainHealthPage = () => {
  const t = useT();
  const can = useHivePermissions();
  const [filter, setFilter] = React.useState<Filter>('all');
  const overview = useHiveData<ChainOverview>('/chain', { refreshMs: REFRESH_MS });
  const jobs = useHiveData<JobRow[]>(`/jobs?filter=${filter}&limit=50`, { refreshMs: REFRESH_MS });
  const { run, busy } = useHiveAction();

  const refresh = () => {
    void overview.reload();
    void jobs.reload();
  };
  const act = async (job: JobRow, what: 'retry' | 'cancel') => {
    const done = await run(
      `${what}:${job.documentId}`,
      'post',
      `/jobs/${job.documentId}/${what}`,
      {},
      t(what === 'retry' ? 'chain.retry.done' : 'chain.cancel.done'),
    );
    if (done) refresh();
  };

  if (overview.loading && !overview.data) return <Page.Loading />;
  const o = overview.data;
  const counts = o?.queue;

  return (
    <Page.Main>
      <Page.Title>{t('chain.title')}</Page.Title>
      <Layouts.Header
        title={t('chain.title')}
        subtitle={t('chain.subtitle')}
        primaryAction={
          <Button variant="secondary" startIcon={<ArrowClockwise />} onClick={refresh}>
            {t('common.refresh')}
          </Button>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          {overview.error && (
            <Alert variant="danger" title={t('common.loadFailed')} closeLabel={t('common.close')}>
              {overview.error}
            </Alert>
          )}
          {o?.paused && (
            <Alert variant="danger" title={t('chain.paused.title')} closeLabel={t('common.close')} data-testid="chain-paused">
              {o.paused}
            </Alert>
          )}
          {o && (
            <Grid.Root gap={4} data-testid="chain-overview">
              <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="stretch">
                <StatCard
                  testId="stat-network"
                  icon={<Server />}
                  label={t('chain.network.label')}
                  tone={o.network.reachable ? 'success' : 'danger'}
                  value={o.network.devnet ? t('chain.network.devnet') : t('chain.network.nodes', { count: o.network.nodes.length })}
                  hint={
                    o.network.reachable ? (
                      <Tooltip label={o.network.nodes.join(', ')}>
                        <span>{t('chain.network.connected', { node: o.network.nodes[0] ?? '' })}</span>
                      </Tooltip>
                    ) : (
                      t('chain.network.unreachable', { error: o.network.error ?? '' })
                    )
                  }
                />
              </Grid.Item>
              <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="stretch">
                <StatCard
                  testId="stat-head"
                  icon={<Stack />}
                  label={t('chain.head.label')}
                  tone={!o.head ? 'danger' : o.head.lagSeconds > 60 ? 'warning' : 'success'}
                  value={o.head ? `#${t.intl.formatNumber(o.head.blockNum)}` : '—'}
                  hint={
                    !o.head ? t('chain.head.unknown') : o.head.lagSeconds <= 6 ? t('chain.head.inSync') : t('chain.head.behind', { seconds: o.head.lagSeconds })
                  }
                />
              </Grid.Item>
              <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="stretch">
                <StatCard
                  testId="stat-rc"
                  icon={<Lightning />}
                  label={t('chain.rc.label', { account: o.app.account })}
                  tone={!o.app.rc ? 'neutral' : o.app.rc.percent < 20 ? 'danger' : o.app.rc.percent < 50 ? 'warning' : 'success'}
                  value={o.app.rc ? `${t.intl.formatNumber(o.app.rc.percent, { maximumFractionDigits: 1 })} %` : '—'}
                  hint={
                    <Flex direction="column" alignItems="stretch" gap={2}>
                      {o.app.rc && (
                        <Meter
                          percent={o.app.rc.percent}
                          tone={o.app.rc.percent < 20 ? 'danger' : 'success'}
                          label={t('chain.rc.label', { account: o.app.account })}
                        />
                      )}
                      <span>{o.app.postingKey === 'set' ? t('chain.rc.keySet') : t('chain.rc.keyMissing')}</span>
                    </Flex>
                  }
                />
              </Grid.Item>
              <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="stretch">
                <StatCard
                  testId="stat-queue"
                  icon={<Database />}
                  label={t('chain.queue.label')}
                  tone={counts && counts.dead > 0 ? 'danger' : 'success'}
                  value={t('chain.queue.waiting', { count: (counts?.queued ?? 0) + (counts?.leased ?? 0) })}
                  hint={t('chain.queue.summary', { failed: counts?.dead ?? 0, done: counts?.done ?? 0 })}
                />
              </Grid.Item>
            </Grid.Root>
          )}

          {o && o.rcPayers.length > 0 && (
            <Panel testId="chain-rc-payers" title={t('chain.rcPayers.title')} description={t('chain.rcPayers.description')}>
              <Table colCount={3} rowCount={o.rcPayers.length + 1}>
                <Thead>
                  <Tr>
                    <Th>
                      <Typography variant="sigma">{t('chain.col.account')}</Typography>
                    </Th>
                    <Th>
                      <Typography variant="sigma">{t('chain.rcPayers.pays')}</Typography>
                    </Th>
                    <Th>
                      <Typography variant="sigma">{t('chain.rcPayers.energy')}</Typography>
                    </Th>
                  </Tr>
                </Thead>
                <Tbody>
                  {o.rcPayers.map((payer) => (
                    <Tr key={payer.account} data-testid="rc-payer" data-account={payer.account}>
                      <Td>
                        <Mono>@{payer.account}</Mono>
                      </Td>
                      <Td>
                        <Typography variant="pi">
                          {payer.pays.map((what) => t(what === 'posts' ? 'chain.rcPayers.posts' : 'chain.rcPayers.payouts')).join(' · ')} —{' '}
                          {payer.boards.join(', ')}
                        </Typography>
                      </Td>
                      <Td style={{ minWidth: 200 }}>
                        {payer.rc ? (
                          <Flex direction="column" alignItems="stretch" gap={1}>
                            <Meter
                              percent={payer.rc.percent}
                              tone={payer.rc.percent < 20 ? 'danger' : payer.rc.percent < 50 ? 'warning' : 'success'}
                              label={t('chain.rc.label', { account: payer.account })}
                            />
                            <Typography variant="pi">
                              {`${t.intl.formatNumber(payer.rc.percent, { maximumFractionDigits: 1 })} %`}
                              {payer.rc.percent < 20 ? ` — ${t('chain.rcPayers.low', { account: payer.account })}` : ''}
                            </Typography>
                          </Flex>
                        ) : (
                          <Typography variant="pi">{t('chain.rcPayers.unknown')}</Typography>
                        )}
                      </Td>
                    </Tr>
                  ))}
                </Tbody>
              </Table>
            </Panel>
          )}

          <Panel
            testId="chain-queue"
            title={t('chain.queue.title')}
            description={t('chain.queue.description')}
            action={
              <Flex gap={1} role="group" aria-label={t('chain.queue.title')}>
                {FILTERS.map((f) => (
                  <Button
                    key={f.value}
                    size="S"
                    variant={filter === f.value ? 'default' : 'tertiary'}
                    onClick={() => setFilter(f.value)}
                    data-testid={`queue-filter-${f.value}`}
                    style={{ whiteSpace: 'nowrap' }}
                  >
                    {t(f.label)}
                    {f.value === 'failed' && counts?.dead ? ` (${counts.dead})` : ''}
                    {f.value === 'open' && counts ? ` (${counts.queued + counts.leased})` : ''}
                  </Button>
                ))}
              </Flex>
            }
          >
            {jobs.data && jobs.data.length === 0 ? (
              <EmptyStateLayout content={t(filter === 'failed' ? 'chain.queue.emptyFailed' : 'chain.queue.empty')} />
            ) : (
              <Table colCount={6} rowCount={(jobs.data?.length ?? 0) + 1}>
                <Thead>
                  <Tr>
                    <Th>
                      <Typography variant="sigma">{t('chain.col.post')}</Typography>
                    </Th>
                    <Th>
                      <Typography variant="sigma">{t('chain.col.account')}</Typography>
                    </Th>
                    <Th>
                      <Typography variant="sigma">{t('chain.col.permlink')}</Typography>
                    </Th>
                    <Th>
                      <Typography variant="sigma">{t('chain.col.status')}</Typography>
                    </Th>
                    <Th>
                      <Typography variant="sigma">{t('chain.col.next')}</Typography>
                    </Th>
                    <Th>
                      <Typography variant="sigma">{t('chain.col.actions')}</Typography>
                    </Th>
                  </Tr>
                </Thead>
                <Tbody>
                  {(jobs.data ?? []).map((job) => {
                    const status = jobStatus(job);
                    const problem = job.lastError && job.state !== 'done' && job.state !== 'cancelled' ? job.lastError : null;
                    return (
                      <React.Fragment key={job.documentId}>
                        <Tr data-testid="job-row" data-post={job.post?.documentId ?? ''} data-state={job.state}>
                          <Td style={{ maxWidth: 260 }}>
                            <Flex direction="column" alignItems="flex-start">
                              <Typography fontWeight="semiBold" ellipsis>
                                {jobTitle(job, t)}
                              </Typography>
                              <Typography variant="pi" textColor="neutral600">
                                {[job.post?.board, t(KIND_LABEL[job.kind] ?? 'job.kind.other')].filter(Boolean).join(' · ')}
                              </Typography>
                            </Flex>
                          </Td>
                          <Td>{job.account ? <Mono>@{job.account}</Mono> : '—'}</Td>
                          <Td style={{ maxWidth: 220 }}>
                            {job.permlink ? (
                              job.url ? (
                                <Link href={job.url} isExternal>
                                  {job.permlink}
                                </Link>
                              ) : (
                                <Mono>{job.permlink}</Mono>
                              )
                            ) : job.txUrl && job.txId ? (
                              <Link href={job.txUrl} isExternal>
                                {t('chain.tx', { id: job.txId.slice(0, 10) })}
                              </Link>
                            ) : (
                              '—'
                            )}
                          </Td>
                          <Td>
                            <Flex direction="column" alignItems="flex-start" gap={1}>
                              <ToneBadge tone={status.tone} testId="job-status">
                                {t(status.label)}
                              </ToneBadge>
                              {job.attempts > 0 && job.state !== 'done' && (
                                <Typography variant="pi" textColor="neutral600">
                                  {t('chain.attempts', { count: job.attempts })}
                                </Typography>
                              )}
                              {job.blockNum && job.state === 'done' && (
                                <Typography variant="pi" textColor="neutral600">
                                  {t('chain.inBlock', { block: t.intl.formatNumber(job.blockNum) })}
                                </Typography>
                              )}
                            </Flex>
                          </Td>
                          <Td>
                            <Typography variant="pi">
                              {job.state === 'queued' ? <When at={job.nextAttemptAt} /> : job.finishedAt ? <When at={job.finishedAt} /> : '—'}
                            </Typography>
                          </Td>
                          <Td>
                            {can('chain.manage') && (job.canRetry || job.canCancel) ? (
                              <Flex gap={2}>
                                {job.canRetry && (
                                  <Button
                                    size="S"
                                    startIcon={<ArrowClockwise />}
                                    loading={busy === `retry:${job.documentId}`}
                                    onClick={() => act(job, 'retry')}
                                    data-testid="job-retry"
                                  >
                                    {t('chain.retry')}
                                  </Button>
                                )}
                                {job.canCancel && <CancelButton onConfirm={() => act(job, 'cancel')} />}
                              </Flex>
                            ) : (
                              '—'
                            )}
                          </Td>
                        </Tr>
                        {problem && (
                          <Tr data-testid="job-problem" data-post={job.post?.documentId ?? ''}>
                            <Td colSpan={6} style={{ whiteSpace: 'normal', paddingTop: 0, paddingBottom: 12, borderTop: 'none' }}>
                              <Box
                                background={job.state === 'dead' ? 'danger100' : 'warning100'}
                                hasRadius
                                paddingTop={3}
                                paddingBottom={3}
                                paddingLeft={4}
                                paddingRight={4}
                              >
                                <Typography variant="pi" fontWeight="bold" textColor={job.state === 'dead' ? 'danger700' : 'warning700'}>
                                  {t('chain.col.error')}
                                </Typography>
                                <Typography variant="omega" tag="p" textColor="neutral800" style={{ whiteSpace: 'normal', lineHeight: 1.5 }}>
                                  {problem}
                                </Typography>
                              </Box>
                            </Td>
                          </Tr>
                        )}
                      </React.Fragment>
                    );
                  })}
                </Tbody>
              </Table>
            )}
          </Panel>

          {o && (
            <Panel testId="chain-errors" title={t('chain.errors.title')} description={t('chain.errors.description')}>
              {o.lastErrors.length === 0 ? (
                <Typography textColor="neutral600">{t('chain.errors.none')}</Typography>
              ) : (
                <Flex direction="column" alignItems="stretch" gap={2}>
                  {o.lastErrors.map((e, i) => (
                    <Box key={`${e.at}-${i}`} padding={3} background="neutral100" hasRadius>
                      <Typography variant="pi" textColor="neutral600">
                        <When at={e.at} />
                      </Typography>
                      <Typography variant="omega" tag="p" style={{ whiteSpace: 'normal' }}>
                        {e.message}
                      </Typography>
                    </Box>
                  ))}
                </Flex>
              )}
            </Panel>
          )}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

/** Cancelling drops a post's trip to Hive: ask first. */
const CancelButton = ({ onConfirm }: { onConfirm: () => void }) => {
  const t = useT();
  return (
    <Dialog.Root>
      <Dialog.Trigger>
        <Button size="S" variant="danger-light" startIcon={<Cross />} data-testid="job-cancel">
          {t('chain.cancel')}
        </Button>
      </Dialog.Trigger>
      <Dialog.Content>
        <Dialog.Header>{t('chain.cancel.confirmTitle')}</Dialog.Header>
        <Dialog.Body>
          <Typography>{t('chain.cancel.confirmBody')}</Typography>
        </Dialog.Body>
        <Dialog.Footer>
          <Dialog.Cancel>
            <Button variant="tertiary">{t('common.keep')}</Button>
          </Dialog.Cancel>
          <Dialog.Action>
            <Button variant="danger" onClick={onConfirm} data-testid="job-cancel-confirm">
              {t('chain.cancel')}
            </Button>
          </Dialog.Action>
        </Dialog.Footer>
      </Dialog.Content>
    </Dialog.Root>
  );
};

import * as React from 'react';
import { Layouts, Page } from '@strapi/strapi/admin';
import { Alert, Box, Button, Flex, SingleSelect, SingleSelectOption, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useHiveData } from '../utils/api';
import { useT, type MessageKey } from '../utils/useT';
import { EmptyBlock, Mono, ToneBadge, When } from '../components/ui';
import type { ModerationEntry, ModerationKind } from '../types';

interface LogView {
  entries: ModerationEntry[];
  nextCursor: number | null;
  actors: Array<{ id: number; name: string | null; kind: 'admin' | 'member' }>;
  boards: Array<{ documentId: string; name: string }>;
}

const KINDS: ModerationKind[] = ['content', 'member', 'job', 'payout'];
const KIND_TONE: Record<ModerationKind, 'primary' | 'secondary' | 'warning' | 'success'> = {
  content: 'primary',
  member: 'warning',
  job: 'secondary',
  payout: 'success',
};
const ALL = 'all';

/** A before or after value, short: the fields that changed, as `name: value`. */
const describe = (value: unknown): string => {
  if (value === null || value === undefined) return '—';
  if (typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return value.join(', ');
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${k}: ${v === null ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(' · ');
};

/** Who did what to content, members, chain jobs and payouts: newest first, filtered by board, actor and kind. */
export const ModerationLogPage = () => {
  const t = useT();
  const [board, setBoard] = React.useState(ALL);
  const [actor, setActor] = React.useState(ALL);
  const [kind, setKind] = React.useState(ALL);
  const [older, setOlder] = React.useState<ModerationEntry[]>([]);
  const [cursor, setCursor] = React.useState<number | null>(null);
  const query = new URLSearchParams({ limit: '50' });
  if (board !== ALL) query.set('board', board);
  if (actor !== ALL) query.set('actor', actor);
  if (kind !== ALL) query.set('kind', kind);
  const base = `/moderation-log?${query.toString()}`;
  const view = useHiveData<LogView>(base);
  const more = useHiveData<LogView>(cursor === null ? null : `${base}&before=${cursor}`);

  // A new filter starts from the newest entries again.
  React.useEffect(() => {
    setOlder([]);
    setCursor(null);
  }, [base]);
  React.useEffect(() => {
    if (more.data && cursor !== null) setOlder((rows) => [...rows, ...more.data!.entries.filter((e) => !rows.some((r) => r.id === e.id))]);
  }, [more.data, cursor]);

  if (view.loading && !view.data) return <Page.Loading />;
  const data = view.data;
  const boardName = new Map((data?.boards ?? []).map((b) => [b.documentId, b.name]));
  const rows = [...(data?.entries ?? []), ...older];
  const next = older.length ? (more.data?.nextCursor ?? null) : (data?.nextCursor ?? null);

  return (
    <Page.Main>
      <Page.Title>{t('moderation.title')}</Page.Title>
      <Layouts.Header title={t('moderation.title')} subtitle={t('moderation.subtitle')} />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4} data-testid="hive-moderation-log">
          {view.error && (
            <Alert variant="danger" title={t('common.loadFailed')} closeLabel={t('common.close')}>
              {view.error}
            </Alert>
          )}
          <Flex gap={3} wrap="wrap">
            <Box minWidth="200px">
              <SingleSelect aria-label={t('moderation.filter.board')} value={board} onChange={(v) => setBoard(String(v))} data-testid="moderation-filter-board">
                <SingleSelectOption value={ALL}>{t('moderation.filter.allBoards')}</SingleSelectOption>
                {(data?.boards ?? []).map((b) => (
                  <SingleSelectOption key={b.documentId} value={b.documentId}>
                    {b.name}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
            </Box>
            <Box minWidth="200px">
              <SingleSelect aria-label={t('moderation.filter.actor')} value={actor} onChange={(v) => setActor(String(v))} data-testid="moderation-filter-actor">
                <SingleSelectOption value={ALL}>{t('moderation.filter.allActors')}</SingleSelectOption>
                {(data?.actors ?? []).map((a) => (
                  <SingleSelectOption key={a.id} value={String(a.id)}>
                    {`${a.name ?? `#${a.id}`} (${t(a.kind === 'admin' ? 'moderation.actor.admin' : 'moderation.actor.member')})`}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
            </Box>
            <Box minWidth="200px">
              <SingleSelect aria-label={t('moderation.filter.kind')} value={kind} onChange={(v) => setKind(String(v))} data-testid="moderation-filter-kind">
                <SingleSelectOption value={ALL}>{t('moderation.filter.allKinds')}</SingleSelectOption>
                {KINDS.map((k) => (
                  <SingleSelectOption key={k} value={k}>
                    {t(`moderation.kind.${k}` as MessageKey)}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
            </Box>
          </Flex>
          {rows.length === 0 ? (
            <EmptyBlock title={t('moderation.empty.title')} body={t('moderation.empty.body')} testId="moderation-empty" />
          ) : (
            <Table colCount={6} rowCount={rows.length + 1}>
              <Thead>
                <Tr>
                  {(
                    [
                      'moderation.col.when',
                      'moderation.col.who',
                      'moderation.col.what',
                      'moderation.col.board',
                      'moderation.col.change',
                      'moderation.col.reason',
                    ] as MessageKey[]
                  ).map((key) => (
                    <Th key={key}>
                      <Typography variant="sigma">{t(key)}</Typography>
                    </Th>
                  ))}
                </Tr>
              </Thead>
              <Tbody>
                {rows.map((entry) => (
                  <Tr key={entry.id} data-testid="moderation-entry">
                    <Td>
                      <When at={entry.at} />
                    </Td>
                    <Td>
                      <Typography>{entry.actor.name ?? `#${entry.actor.id ?? '?'}`}</Typography>
                      <Typography variant="pi" textColor="neutral600">
                        {t(entry.actor.kind === 'admin' ? 'moderation.actor.admin' : 'moderation.actor.member')}
                      </Typography>
                    </Td>
                    <Td>
                      <Flex direction="column" alignItems="flex-start" gap={1}>
                        <ToneBadge tone={KIND_TONE[entry.kind]}>{t(`moderation.kind.${entry.kind}` as MessageKey)}</ToneBadge>
                        <Mono>{entry.action}</Mono>
                        {entry.subjectId && (
                          <Typography variant="pi" textColor="neutral600">
                            {entry.subjectType} {entry.subjectId}
                          </Typography>
                        )}
                      </Flex>
                    </Td>
                    <Td>
                      <Typography>{entry.boardDocumentId ? (boardName.get(entry.boardDocumentId) ?? entry.boardDocumentId) : '—'}</Typography>
                    </Td>
                    <Td>
                      <Typography variant="pi">{`${describe(entry.before)} → ${describe(entry.after)}`}</Typography>
                    </Td>
                    <Td>
                      <Typography>{entry.reason ?? '—'}</Typography>
                    </Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          )}
          {next !== null && (
            <Box>
              <Button variant="tertiary" onClick={() => setCursor(next)} loading={more.loading && cursor !== null} data-testid="moderation-more">
                {t('moderation.more')}
              </Button>
            </Box>
          )}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

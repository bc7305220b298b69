import * as React from 'react';
import { Layouts, Page } from '@strapi/strapi/admin';
import {
  Box,
  Button,
  EmptyStateLayout,
  Field,
  Flex,
  IconButton,
  Modal,
  Searchbar,
  SingleSelect,
  SingleSelectOption,
  Table,
  Tabs,
  Tbody,
  Td,
  Textarea,
  TextInput,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { ArrowDown, ArrowUp, Calendar, Cross, Drag, Eye, EyeStriked, Plus, VolumeMute, VolumeUp } from '@strapi/icons';
import { useHiveAction, useHiveData } from '../utils/api';
import { useT } from '../utils/useT';
import { Panel, ToneBadge, When } from '../components/ui';
import type { CandidatePost, CommentRow, FeaturedPost, MemberRow, ReviewRow } from '../types';

/** Editors' page: the featured list, what waits for review, comments to hide, members to mute. */
export const CurationPage = () => {
  const t = useT();
  const [tab, setTab] = React.useState('featured');
  return (
    <Page.Main>
      <Page.Title>{t('curation.title')}</Page.Title>
      <Layouts.Header title={t('curation.title')} subtitle={t('curation.subtitle')} />
      <Layouts.Content>
        <Tabs.Root value={tab} onValueChange={setTab}>
          <Tabs.List aria-label={t('curation.title')}>
            <Tabs.Trigger value="featured" data-testid="tab-featured">
              {t('curation.tab.featured')}
            </Tabs.Trigger>
            <Tabs.Trigger value="review" data-testid="tab-review">
              {t('curation.tab.review')}
            </Tabs.Trigger>
            <Tabs.Trigger value="comments" data-testid="tab-comments">
              {t('curation.tab.comments')}
            </Tabs.Trigger>
            <Tabs.Trigger value="members" data-testid="tab-members">
              {t('curation.tab.members')}
            </Tabs.Trigger>
          </Tabs.List>
          <Box paddingTop={6}>
            <Tabs.Content value="featured">
              <FeaturedTab />
            </Tabs.Content>
            <Tabs.Content value="review">
              <ReviewTab />
            </Tabs.Content>
            <Tabs.Content value="comments">
              <CommentsTab />
            </Tabs.Content>
            <Tabs.Content value="members">
              <MembersTab />
            </Tabs.Content>
          </Box>
        </Tabs.Root>
      </Layouts.Content>
    </Page.Main>
  );
};

/** A value for <input type="datetime-local"> in the admin's time zone, and back. */
const toLocalInput = (iso: string | null) => {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};
const fromLocalInput = (value: string) => (value ? new Date(value).toISOString() : null);

const useDebounced = (value: string, ms = 300) => {
  const [debounced, setDebounced] = React.useState(value);
  React.useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
};

const FeaturedTab = () => {
  const t = useT();
  const featured = useHiveData<FeaturedPost[]>('/curation/featured');
  const [query, setQuery] = React.useState('');
  const q = useDebounced(query);
  const candidates = useHiveData<CandidatePost[]>(`/curation/posts?limit=8${q ? `&q=${encodeURIComponent(q)}` : ''}`);
  const { run, busy } = useHiveAction();
  const [dragging, setDragging] = React.useState<number | null>(null);
  const [over, setOver] = React.useState<number | null>(null);
  const [dating, setDating] = React.useState<FeaturedPost | null>(null);

  const list = featured.data ?? [];
  const apply = (next: FeaturedPost[] | undefined) => {
    if (next) {
      featured.setData(next);
      void candidates.reload();
    }
  };
  const move = async (from: number, to: number) => {
    if (to < 0 || to >= list.length || from === to) return;
    const order = list.map((p) => p.documentId);
    const [moved] = order.splice(from, 1);
    order.splice(to, 0, moved);
    // Show the new order at once; the server's answer confirms it.
    featured.setData(order.map((id) => list.find((p) => p.documentId === id)!));
    apply(await run<FeaturedPost[]>('order', 'put', '/curation/featured/order', { documentIds: order }, t('curation.featured.reordered')));
  };

  return (
    <Flex direction="column" alignItems="stretch" gap={6}>
      <Panel title={t('curation.featured.title')} description={t('curation.featured.description')} testId="featured-list">
        {list.length === 0 ? (
          <EmptyStateLayout content={t('curation.featured.empty')} />
        ) : (
          <Flex direction="column" alignItems="stretch" gap={2} tag="ol" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {list.map((post, index) => (
              <Box
                tag="li"
                key={post.documentId}
                draggable
                onDragStart={(e: React.DragEvent) => {
                  setDragging(index);
                  e.dataTransfer.effectAllowed = 'move';
                  e.dataTransfer.setData('text/plain', post.documentId);
                }}
                onDragOver={(e: React.DragEvent) => {
                  e.preventDefault();
                  setOver(index);
                }}
                onDragLeave={() => setOver(null)}
                onDrop={(e: React.DragEvent) => {
                  e.preventDefault();
                  if (dragging !== null) void move(dragging, index);
                  setDragging(null);
                  setOver(null);
                }}
                onDragEnd={() => {
                  setDragging(null);
                  setOver(null);
                }}
                padding={3}
                hasRadius
                borderStyle="solid"
                borderWidth="1px"
                borderColor={over === index && dragging !== index ? 'primary600' : 'neutral200'}
                background={dragging === index ? 'primary100' : 'neutral0'}
                data-testid="featured-row"
                data-document={post.documentId}
                style={{ cursor: 'grab' }}
              >
                <Flex gap={3} alignItems="center">
                  <Box color="neutral500" aria-hidden>
                    <Drag />
                  </Box>
                  <Box
                    background="primary100"
                    color="primary700"
                    hasRadius
                    width="2rem"
                    height="2rem"
                    style={{ display: 'flex', alignItems: 'center', justifyContent: 'center', flexShrink: 0 }}
                  >
                    <Typography fontWeight="bold" textColor="primary700">
                      {index + 1}
                    </Typography>
                  </Box>
                  <Flex direction="column" alignItems="flex-start" grow={1} style={{ minWidth: 0 }}>
                    <Typography fontWeight="semiBold" ellipsis>
                      {post.title}
                    </Typography>
                    <Typography variant="pi" textColor="neutral600">
                      {[post.board, post.author].filter(Boolean).join(' · ')}
                    </Typography>
                  </Flex>
                  {post.expired ? (
                    <ToneBadge tone="warning">{t('curation.featured.ended')}</ToneBadge>
                  ) : post.until ? (
                    <ToneBadge tone="secondary" testId="featured-until">
                      {t('curation.featured.until', { date: t.intl.formatDate(post.until, { dateStyle: 'medium', timeStyle: 'short' }) })}
                    </ToneBadge>
                  ) : (
                    <Typography variant="pi" textColor="neutral500">
                      {t('curation.featured.noEnd')}
                    </Typography>
                  )}
                  <Flex gap={1}>
                    <IconButton
                      label={t('curation.featured.up')}
                      variant="ghost"
                      disabled={index === 0 || !!busy}
                      onClick={() => move(index, index - 1)}
                      data-testid="featured-up"
                    >
                      <ArrowUp />
                    </IconButton>
                    <IconButton
                      label={t('curation.featured.down')}
                      variant="ghost"
                      disabled={index === list.length - 1 || !!busy}
                      onClick={() => move(index, index + 1)}
                      data-testid="featured-down"
                    >
                      <ArrowDown />
                    </IconButton>
                    <IconButton label={t('curation.featured.setEnd')} variant="ghost" onClick={() => setDating(post)} data-testid="featured-date">
                      <Calendar />
                    </IconButton>
                    <IconButton
                      label={t('curation.featured.unfeature')}
                      variant="ghost"
                      disabled={!!busy}
                      onClick={async () =>
                        apply(
                          await run<FeaturedPost[]>(
                            `un:${post.documentId}`,
                            'delete',
                            `/curation/featured/${post.documentId}`,
                            undefined,
                            t('curation.featured.unfeatured'),
                          ),
                        )
                      }
                      data-testid="featured-remove"
                    >
                      <Cross />
                    </IconButton>
                  </Flex>
                </Flex>
              </Box>
            ))}
          </Flex>
        )}
      </Panel>

      <Panel title={t('curation.add.title')} description={t('curation.add.description')} testId="feature-candidates">
        <Box paddingBottom={4} maxWidth="480px">
          <Searchbar
            name="post-search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onClear={() => setQuery('')}
            clearLabel={t('common.clear')}
            placeholder={t('curation.add.search')}
          >
            {t('curation.add.search')}
          </Searchbar>
        </Box>
        {(candidates.data ?? []).length === 0 ? (
          <Typography textColor="neutral600">{t('curation.add.none')}</Typography>
        ) : (
          <Table colCount={3} rowCount={(candidates.data?.length ?? 0) + 1}>
            <Thead>
              <Tr>
                <Th>
                  <Typography variant="sigma">{t('curation.col.post')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('curation.col.published')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('curation.col.action')}</Typography>
                </Th>
              </Tr>
            </Thead>
            <Tbody>
              {(candidates.data ?? []).map((post) => (
                <Tr key={post.documentId} data-testid="candidate-row" data-document={post.documentId}>
                  <Td style={{ maxWidth: 480 }}>
                    <Flex direction="column" alignItems="flex-start">
                      <Typography fontWeight="semiBold" ellipsis>
                        {post.title}
                      </Typography>
                      <Typography variant="pi" textColor="neutral600">
                        {[post.board, post.author].filter(Boolean).join(' · ')}
                      </Typography>
                    </Flex>
                  </Td>
                  <Td>
                    <Typography variant="pi">
                      <When at={post.publishedAt} />
                    </Typography>
                  </Td>
                  <Td>
                    <Button
                      size="S"
                      variant="secondary"
                      startIcon={<Plus />}
                      loading={busy === `feature:${post.documentId}`}
                      onClick={async () =>
                        apply(
                          await run<FeaturedPost[]>(
                            `feature:${post.documentId}`,
                            'post',
                            '/curation/featured',
                            { documentId: post.documentId },
                            t('curation.add.done'),
                          ),
                        )
                      }
                      data-testid="candidate-feature"
                    >
                      {t('curation.add.feature')}
                    </Button>
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
      </Panel>

      {dating && (
        <EndDateModal
          post={dating}
          onClose={() => setDating(null)}
          onSave={async (until) => {
            const next = await run<FeaturedPost[]>('until', 'put', `/curation/featured/${dating.documentId}`, { until }, t('curation.featured.dateSaved'));
            if (next) {
              apply(next);
              setDating(null);
            }
          }}
        />
      )}
    </Flex>
  );
};

const EndDateModal = ({ post, onClose, onSave }: { post: FeaturedPost; onClose: () => void; onSave: (until: string | null) => void }) => {
  const t = useT();
  const [value, setValue] = React.useState(toLocalInput(post.until));
  return (
    <Modal.Root open onOpenChange={(open) => !open && onClose()}>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>{t('curation.featured.setEnd')}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4}>
            <Typography>{post.title}</Typography>
            <Field.Root name="until" hint={t('curation.featured.endHint')}>
              <Field.Label>{t('curation.featured.endLabel')}</Field.Label>
              <TextInput
                type="datetime-local"
                value={value}
                onChange={(e: React.ChangeEvent<HTMLInputElement>) => setValue(e.target.value)}
                data-testid="featured-until-input"
              />
              <Field.Hint />
            </Field.Root>
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Button variant="tertiary" onClick={() => onSave(null)}>
            {t('curation.featured.noEndButton')}
          </Button>
          <Button onClick={() => onSave(fromLocalInput(value))} data-testid="featured-until-save">
            {t('common.save')}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};

const ReviewTab = () => {
  const t = useT();
  const queue = useHiveData<ReviewRow[]>('/curation/review?limit=100');
  const { run, busy } = useHiveAction();
  const [rejecting, setRejecting] = React.useState<ReviewRow | null>(null);
  const approve = async (row: ReviewRow) => {
    if (await run(`r:${row.id}`, 'post', `/curation/review/${row.id}/approve`, {}, t('curation.review.approved'))) void queue.reload();
  };
  const reject = async (row: ReviewRow, reason: string) => {
    if (await run(`r:${row.id}`, 'post', `/curation/review/${row.id}/reject`, { reason }, t('curation.review.rejected'))) {
      setRejecting(null);
      void queue.reload();
    }
  };
  return (
    <Panel title={t('curation.review.title')} description={t('curation.review.description')} testId="review-panel">
      {(queue.data ?? []).length === 0 ? (
        <EmptyStateLayout content={t('curation.review.none')} />
      ) : (
        <Table colCount={5} rowCount={(queue.data?.length ?? 0) + 1}>
          <Thead>
            <Tr>
              <Th>
                <Typography variant="sigma">{t('curation.review.col.what')}</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">{t('curation.review.col.board')}</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">{t('curation.col.author')}</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">{t('curation.review.col.why')}</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">{t('curation.col.action')}</Typography>
              </Th>
            </Tr>
          </Thead>
          <Tbody>
            {(queue.data ?? []).map((row) => (
              <Tr key={row.id} data-testid="review-row" data-document={row.documentId}>
                <Td style={{ maxWidth: 380, whiteSpace: 'normal' }}>
                  <Flex direction="column" alignItems="flex-start" gap={1}>
                    <ToneBadge tone="neutral">{t(row.targetType === 'post' ? 'curation.review.post' : 'curation.review.comment')}</ToneBadge>
                    {row.title && (
                      <Typography fontWeight="bold" style={{ whiteSpace: 'normal' }}>
                        {row.title}
                      </Typography>
                    )}
                    <Typography style={{ whiteSpace: 'normal' }}>{row.text}</Typography>
                  </Flex>
                </Td>
                <Td>
                  <Typography>{row.board?.name ?? '—'}</Typography>
                </Td>
                <Td>
                  <Typography>{row.author ?? '—'}</Typography>
                </Td>
                <Td style={{ maxWidth: 220, whiteSpace: 'normal' }}>
                  <Flex direction="column" alignItems="flex-start" gap={1}>
                    <Typography>{t(`curation.review.source.${row.source}`)}</Typography>
                    <Typography variant="pi">
                      <When at={row.since} />
                    </Typography>
                  </Flex>
                </Td>
                <Td>
                  <Flex gap={2}>
                    <Button size="S" variant="success-light" loading={busy === `r:${row.id}`} onClick={() => approve(row)} data-testid="review-approve">
                      {t('curation.review.approve')}
                    </Button>
                    <Button size="S" variant="danger-light" onClick={() => setRejecting(row)} data-testid="review-reject">
                      {t('curation.review.reject')}
                    </Button>
                  </Flex>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      {rejecting && <RejectModal busy={busy === `r:${rejecting.id}`} onClose={() => setRejecting(null)} onSave={(reason) => reject(rejecting, reason)} />}
    </Panel>
  );
};

const RejectModal = ({ busy, onClose, onSave }: { busy: boolean; onClose: () => void; onSave: (reason: string) => void }) => {
  const t = useT();
  const [reason, setReason] = React.useState('');
  return (
    <Modal.Root open onOpenChange={(open) => !open && onClose()}>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>{t('curation.review.reasonTitle')}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Field.Root name="reason" hint={t('curation.review.reasonHint')} required>
            <Field.Label>{t('curation.review.reasonTitle')}</Field.Label>
            <Textarea
              value={reason}
              onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setReason(e.target.value)}
              maxLength={500}
              data-testid="reject-reason"
            />
            <Field.Hint />
          </Field.Root>
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">{t('common.cancel')}</Button>
          </Modal.Close>
          <Button variant="danger" disabled={!reason.trim()} loading={busy} onClick={() => onSave(reason.trim())} data-testid="reject-confirm">
            {t('curation.review.confirmReject')}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};

const CommentsTab = () => {
  const t = useT();
  const [query, setQuery] = React.useState('');
  const [show, setShow] = React.useState<'all' | 'visible' | 'hidden'>('all');
  const q = useDebounced(query);
  const hidden = show === 'all' ? '' : `&hidden=${show === 'hidden'}`;
  const comments = useHiveData<CommentRow[]>(`/curation/comments?limit=50${hidden}${q ? `&q=${encodeURIComponent(q)}` : ''}`);
  const { run, busy } = useHiveAction();
  const toggle = async (c: CommentRow) => {
    const done = await run(
      `c:${c.documentId}`,
      'put',
      `/curation/comments/${c.documentId}`,
      { hidden: !c.hidden },
      t(c.hidden ? 'curation.comments.shown' : 'curation.comments.hidden'),
    );
    if (done) void comments.reload();
  };
  return (
    <Panel title={t('curation.comments.title')} description={t('curation.comments.description')} testId="comments-panel">
      <Flex gap={3} paddingBottom={4} alignItems="flex-end">
        <Box style={{ flex: 1, maxWidth: 480 }}>
          <Searchbar
            name="comment-search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onClear={() => setQuery('')}
            clearLabel={t('common.clear')}
            placeholder={t('curation.comments.search')}
          >
            {t('curation.comments.search')}
          </Searchbar>
        </Box>
        <Box minWidth="200px">
          <SingleSelect aria-label={t('curation.comments.filter')} value={show} onChange={(v) => setShow(v as typeof show)}>
            <SingleSelectOption value="all">{t('curation.comments.all')}</SingleSelectOption>
            <SingleSelectOption value="visible">{t('curation.comments.visibleOnly')}</SingleSelectOption>
            <SingleSelectOption value="hidden">{t('curation.comments.hiddenOnly')}</SingleSelectOption>
          </SingleSelect>
        </Box>
      </Flex>
      {(comments.data ?? []).length === 0 ? (
        <EmptyStateLayout content={t('curation.comments.none')} />
      ) : (
        <Table colCount={5} rowCount={(comments.data?.length ?? 0) + 1}>
          <Thead>
            <Tr>
              <Th>
                <Typography variant="sigma">{t('curation.col.comment')}</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">{t('curation.col.post')}</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">{t('curation.col.author')}</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">{t('curation.col.written')}</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">{t('curation.col.action')}</Typography>
              </Th>
            </Tr>
          </Thead>
          <Tbody>
            {(comments.data ?? []).map((c) => (
              <Tr key={c.documentId} data-testid="comment-row" style={c.hidden ? { opacity: 0.6 } : undefined}>
                <Td style={{ maxWidth: 380, whiteSpace: 'normal' }}>
                  <Flex direction="column" alignItems="flex-start" gap={1}>
                    <Typography style={{ whiteSpace: 'normal' }}>{c.body.length > 180 ? `${c.body.slice(0, 180)}…` : c.body}</Typography>
                    {c.hidden && <ToneBadge tone="neutral">{t('curation.comments.isHidden')}</ToneBadge>}
                  </Flex>
                </Td>
                <Td style={{ maxWidth: 220 }}>
                  <Typography ellipsis>{c.post?.title ?? '—'}</Typography>
                </Td>
                <Td>
                  <Flex gap={2}>
                    <Typography>{c.author?.name ?? '—'}</Typography>
                    {c.author?.muted && <ToneBadge tone="danger">{t('curation.members.muted')}</ToneBadge>}
                  </Flex>
                </Td>
                <Td>
                  <Typography variant="pi">
                    <When at={c.createdAt} />
                  </Typography>
                </Td>
                <Td>
                  <Button
                    size="S"
                    variant={c.hidden ? 'secondary' : 'danger-light'}
                    startIcon={c.hidden ? <Eye /> : <EyeStriked />}
                    loading={busy === `c:${c.documentId}`}
                    onClick={() => toggle(c)}
                    data-testid="comment-toggle"
                  >
                    {c.hidden ? t('curation.comments.show') : t('curation.comments.hide')}
                  </Button>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
    </Panel>
  );
};

const MembersTab = () => {
  const t = useT();
  const [query, setQuery] = React.useState('');
  const [mutedOnly, setMutedOnly] = React.useState(false);
  const q = useDebounced(query);
  const members = useHiveData<MemberRow[]>(`/curation/members?limit=50${mutedOnly ? '&muted=true' : ''}${q ? `&q=${encodeURIComponent(q)}` : ''}`);
  const { run, busy } = useHiveAction();
  const [muting, setMuting] = React.useState<MemberRow | null>(null);
  const unmute = async (m: MemberRow) => {
    if (await run(`m:${m.id}`, 'delete', `/curation/members/${m.id}/mute`, undefined, t('curation.members.unmuted', { name: m.displayName ?? m.username })))
      void members.reload();
  };
  const setApproval = async (m: MemberRow, approve: boolean) => {
    const name = m.displayName ?? m.username;
    const done = approve ? t('curation.members.approvedDone', { name }) : t('curation.members.approvalWithdrawn', { name });
    if (await run(`a:${m.id}`, approve ? 'post' : 'delete', `/curation/members/${m.id}/approve`, approve ? {} : undefined, done)) void members.reload();
  };
  return (
    <Panel title={t('curation.members.title')} description={t('curation.members.description')} testId="members-panel">
      <Flex gap={3} paddingBottom={4} alignItems="flex-end">
        <Box style={{ flex: 1, maxWidth: 480 }}>
          <Searchbar
            name="member-search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onClear={() => setQuery('')}
            clearLabel={t('common.clear')}
            placeholder={t('curation.members.search')}
          >
            {t('curation.members.search')}
          </Searchbar>
        </Box>
        <Button variant={mutedOnly ? 'default' : 'tertiary'} onClick={() => setMutedOnly(!mutedOnly)} startIcon={<VolumeMute />}>
          {t('curation.members.mutedOnly')}
        </Button>
      </Flex>
      {(members.data ?? []).length === 0 ? (
        <EmptyStateLayout content={t('curation.members.none')} />
      ) : (
        <Table colCount={4} rowCount={(members.data?.length ?? 0) + 1}>
          <Thead>
            <Tr>
              <Th>
                <Typography variant="sigma">{t('curation.col.member')}</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">{t('curation.col.joined')}</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">{t('curation.col.status')}</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">{t('curation.col.action')}</Typography>
              </Th>
            </Tr>
          </Thead>
          <Tbody>
            {(members.data ?? []).map((m) => (
              <Tr key={m.id} data-testid="member-row" data-username={m.username}>
                <Td>
                  <Flex direction="column" alignItems="flex-start">
                    <Typography fontWeight="semiBold">{m.displayName ?? m.username}</Typography>
                    <Typography variant="pi" textColor="neutral600">
                      {m.username}
                    </Typography>
                  </Flex>
                </Td>
                <Td>
                  <Typography variant="pi">
                    <When at={m.joinedAt} />
                  </Typography>
                </Td>
                <Td style={{ whiteSpace: 'normal', maxWidth: 320 }}>
                  {m.muted ? (
                    <Flex direction="column" alignItems="flex-start" gap={1}>
                      <ToneBadge tone="danger" testId="member-status">
                        {m.mutedUntil
                          ? t('curation.members.mutedUntil', { date: t.intl.formatDate(m.mutedUntil, { dateStyle: 'medium', timeStyle: 'short' }) })
                          : t('curation.members.muted')}
                      </ToneBadge>
                      {m.muteReason && (
                        <Typography variant="pi" textColor="neutral600">
                          {m.muteReason}
                        </Typography>
                      )}
                    </Flex>
                  ) : (
                    <ToneBadge tone="success" testId="member-status">
                      {t('curation.members.active')}
                    </ToneBadge>
                  )}
                  {m.approvedForRewards && (
                    <Box paddingTop={1}>
                      <ToneBadge tone="success" testId="member-approved">
                        {t('curation.members.approved')}
                      </ToneBadge>
                    </Box>
                  )}
                </Td>
                <Td>
                  <Flex gap={2} wrap="wrap">
                    <Button
                      size="S"
                      variant="tertiary"
                      loading={busy === `a:${m.id}`}
                      onClick={() => setApproval(m, !m.approvedForRewards)}
                      data-testid={m.approvedForRewards ? 'member-unapprove' : 'member-approve'}
                    >
                      {m.approvedForRewards ? t('curation.members.unapprove') : t('curation.members.approve')}
                    </Button>
                    {m.muted ? (
                      <Button
                        size="S"
                        variant="secondary"
                        startIcon={<VolumeUp />}
                        loading={busy === `m:${m.id}`}
                        onClick={() => unmute(m)}
                        data-testid="member-unmute"
                      >
                        {t('curation.members.unmute')}
                      </Button>
                    ) : (
                      <Button size="S" variant="danger-light" startIcon={<VolumeMute />} onClick={() => setMuting(m)} data-testid="member-mute">
                        {t('curation.members.mute')}
                      </Button>
                    )}
                  </Flex>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      {muting && (
        <MuteModal
          member={muting}
          busy={busy === 'mute'}
          onClose={() => setMuting(null)}
          onSave={async (body) => {
            if (
              await run(
                'mute',
                'post',
                `/curation/members/${muting.id}/mute`,
                body,
                t('curation.members.mutedDone', { name: muting.displayName ?? muting.username }),
              )
            ) {
              setMuting(null);
              void members.reload();
            }
          }}
        />
      )}
    </Panel>
  );
};

const MuteModal = ({
  member,
  busy,
  onClose,
  onSave,
}: {
  member: MemberRow;
  busy: boolean;
  onClose: () => void;
  onSave: (body: { until: string | null; reason: string | null }) => void;
}) => {
  const t = useT();
  const [until, setUntil] = React.useState('');
  const [reason, setReason] = React.useState('');
  return (
    <Modal.Root open onOpenChange={(open) => !open && onClose()}>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>{t('curation.members.muteTitle', { name: member.displayName ?? member.username })}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4}>
            <Typography textColor="neutral600">{t('curation.members.muteExplain')}</Typography>
            <Field.Root name="reason" hint={t('curation.members.reasonHint')}>
              <Field.Label>{t('curation.members.reason')}</Field.Label>
              <Textarea
                value={reason}
                onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setReason(e.target.value)}
                maxLength={300}
                data-testid="mute-reason"
              />
              <Field.Hint />
            </Field.Root>
            <Field.Root name="until" hint={t('curation.members.untilHint')}>
              <Field.Label>{t('curation.members.until')}</Field.Label>
              <TextInput
                type="datetime-local"
                value={until}
                onChange={(e: React.ChangeEvent<HTMLInputElement>) => setUntil(e.target.value)}
                data-testid="mute-until"
              />
              <Field.Hint />
            </Field.Root>
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">{t('common.cancel')}</Button>
          </Modal.Close>
          <Button
            variant="danger"
            loading={busy}
            onClick={() => onSave({ until: fromLocalInput(until), reason: reason.trim() || null })}
            data-testid="mute-confirm"
          >
            {t('curation.members.mute')}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};

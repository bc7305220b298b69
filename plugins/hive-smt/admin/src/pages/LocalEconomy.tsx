import * as React from 'react';
import { Layouts, Page } from '@strapi/strapi/admin';
import { Alert, Box, Flex, SingleSelect, SingleSelectOption, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useHiveData } from '../utils/api';
import { useT, type MessageKey } from '../utils/useT';
import { Amount, EmptyBlock, Mono, ToneBadge, When } from '../components/ui';
import type { MerchantRow, PaymentRow, RedemptionRow } from '../types';

const ALL = 'all';
const PAYMENT_STATUSES = ['requested', 'awaiting-signature', 'sending', 'paid', 'refund-requested', 'refunded'] as const;
const REDEMPTION_STATES = ['requested', 'returned', 'settled', 'rejected'] as const;
const STATE_TONE: Record<string, 'primary' | 'secondary' | 'warning' | 'success' | 'danger'> = {
  paid: 'success',
  settled: 'success',
  returned: 'primary',
  refunded: 'secondary',
  rejected: 'danger',
  'refund-requested': 'warning',
};

/** Where an admin edits a merchant or settles a redemption: the Content Manager's entry. */
const contentManagerLink = (uid: string, documentId: string) => `/admin/content-manager/collection-types/${uid}/${documentId}`;

/** A page of the local economy: its title, its load error, its filters, its table or an empty block. */
function EconomyPage(props: {
  title: MessageKey;
  subtitle: MessageKey;
  testId: string;
  error: string | null;
  filters?: React.ReactNode;
  columns: MessageKey[];
  empty: { title: MessageKey; body: MessageKey };
  rows: number;
  children: React.ReactNode;
}) {
  const t = useT();
  return (
    <Page.Main>
      <Page.Title>{t(props.title)}</Page.Title>
      <Layouts.Header title={t(props.title)} subtitle={t(props.subtitle)} />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4} data-testid={props.testId}>
          {props.error && (
            <Alert variant="danger" title={t('common.loadFailed')} closeLabel={t('common.close')}>
              {props.error}
            </Alert>
          )}
          {props.filters && (
            <Flex gap={3} wrap="wrap">
              {props.filters}
            </Flex>
          )}
          {props.rows === 0 ? (
            <EmptyBlock title={t(props.empty.title)} body={t(props.empty.body)} testId={`${props.testId}-empty`} />
          ) : (
            <Table colCount={props.columns.length} rowCount={props.rows + 1}>
              <Thead>
                <Tr>
                  {props.columns.map((key) => (
                    <Th key={key}>
                      <Typography variant="sigma">{t(key)}</Typography>
                    </Th>
                  ))}
                </Tr>
              </Thead>
              <Tbody>{props.children}</Tbody>
            </Table>
          )}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
}

/** A filter: "all" or one of the options. */
function Filter(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  all: string;
  options: Array<{ value: string; label: string }>;
  testId: string;
}) {
  return (
    <Box minWidth="220px">
      <SingleSelect aria-label={props.label} value={props.value} onChange={(v) => props.onChange(String(v))} data-testid={props.testId}>
        <SingleSelectOption value={ALL}>{props.all}</SingleSelectOption>
        {props.options.map((o) => (
          <SingleSelectOption key={o.value} value={o.value}>
            {o.label}
          </SingleSelectOption>
        ))}
      </SingleSelect>
    </Box>
  );
}

/** Every merchant with its board, receiving account, discount, staff and what it was paid. */
export const MerchantsPage = () => {
  const t = useT();
  const view = useHiveData<MerchantRow[]>('/economy/merchants');
  if (view.loading && !view.data) return <Page.Loading />;
  const rows = view.data ?? [];
  return (
    <EconomyPage
      title="economy.merchants.title"
      subtitle="economy.merchants.subtitle"
      testId="hive-merchants"
      error={view.error}
      columns={['economy.col.merchant', 'economy.col.board', 'economy.col.account', 'economy.col.discount', 'economy.col.staff', 'economy.col.paid']}
      empty={{ title: 'economy.merchants.empty.title', body: 'economy.merchants.empty.body' }}
      rows={rows.length}
    >
      {rows.map((m) => (
        <Tr key={m.documentId} data-testid="merchant-row">
          <Td>
            <Flex direction="column" alignItems="flex-start" gap={1}>
              <a href={contentManagerLink('api::merchant.merchant', m.documentId)}>
                <Typography fontWeight="bold">{m.name}</Typography>
              </a>
              {!m.active && <ToneBadge tone="secondary">{t('economy.merchants.inactive')}</ToneBadge>}
            </Flex>
          </Td>
          <Td>
            <Typography>{m.board?.name ?? '—'}</Typography>
          </Td>
          <Td>{m.hiveAccount ? <Mono>@{m.hiveAccount}</Mono> : <Typography>—</Typography>}</Td>
          <Td>
            <Typography>{m.discountPercent === null ? '—' : `${m.discountPercent} %`}</Typography>
          </Td>
          <Td>
            <Typography>{m.staff}</Typography>
          </Td>
          <Td>
            <Typography>{t('economy.merchants.paid', { count: m.paidCount })}</Typography>
            {m.paidCount > 0 && <Amount value={m.paidTotal} symbol={m.symbol} />}
          </Td>
        </Tr>
      ))}
    </EconomyPage>
  );
};

/** Payments to merchants, newest first: per merchant, per member (the payer), per status. */
export const PaymentsPage = () => {
  const t = useT();
  const [merchant, setMerchant] = React.useState(ALL);
  const [member, setMember] = React.useState(ALL);
  const [status, setStatus] = React.useState(ALL);
  const merchants = useHiveData<MerchantRow[]>('/economy/merchants');
  const query = new URLSearchParams({ limit: '200' });
  if (merchant !== ALL) query.set('merchant', merchant);
  if (member !== ALL) query.set('member', member);
  if (status !== ALL) query.set('status', status);
  const view = useHiveData<PaymentRow[]>(`/economy/payments?${query.toString()}`);
  // The payers seen so far stay in the member filter while it narrows the list.
  const [payers, setPayers] = React.useState(new Map<number, string>());
  React.useEffect(() => {
    if (!view.data) return;
    setPayers((known) => {
      const next = new Map(known);
      for (const p of view.data!) if (p.payer) next.set(p.payer.id, p.payer.name ?? `#${p.payer.id}`);
      return next;
    });
  }, [view.data]);
  if (view.loading && !view.data) return <Page.Loading />;
  const rows = view.data ?? [];
  return (
    <EconomyPage
      title="economy.payments.title"
      subtitle="economy.payments.subtitle"
      testId="hive-payments"
      error={view.error}
      filters={
        <>
          <Filter
            label={t('economy.filter.merchant')}
            all={t('economy.filter.allMerchants')}
            value={merchant}
            onChange={setMerchant}
            options={(merchants.data ?? []).map((m) => ({ value: m.documentId, label: m.name }))}
            testId="payments-filter-merchant"
          />
          <Filter
            label={t('economy.filter.member')}
            all={t('economy.filter.allMembers')}
            value={member}
            onChange={setMember}
            options={[...payers].map(([id, name]) => ({ value: String(id), label: name }))}
            testId="payments-filter-member"
          />
          <Filter
            label={t('economy.filter.status')}
            all={t('economy.filter.allStatuses')}
            value={status}
            onChange={setStatus}
            options={PAYMENT_STATUSES.map((s) => ({ value: s, label: t(`economy.status.${s}` as MessageKey) }))}
            testId="payments-filter-status"
          />
        </>
      }
      columns={['economy.col.when', 'economy.col.merchant', 'economy.col.payer', 'economy.col.amount', 'economy.col.status', 'economy.col.transaction']}
      empty={{ title: 'economy.payments.empty.title', body: 'economy.payments.empty.body' }}
      rows={rows.length}
    >
      {rows.map((p) => (
        <Tr key={p.documentId} data-testid="payment-row">
          <Td>
            <When at={p.paidAt ?? p.createdAt} />
          </Td>
          <Td>
            <Typography>{p.merchant?.name ?? '—'}</Typography>
          </Td>
          <Td>
            <Flex direction="column" alignItems="flex-start" gap={1}>
              <Typography>{p.payer ? (p.payer.name ?? `#${p.payer.id}`) : '—'}</Typography>
              {p.method && (
                <Typography variant="pi" textColor="neutral600">
                  {t(p.method === 'custodial' ? 'economy.method.custodial' : 'economy.method.keychain')}
                  {p.payerAccount ? ` · @${p.payerAccount}` : ''}
                </Typography>
              )}
            </Flex>
          </Td>
          <Td>
            <Amount value={p.amount} symbol={p.symbol} />
          </Td>
          <Td>
            <ToneBadge tone={STATE_TONE[p.status] ?? 'secondary'}>{t(`economy.status.${p.status}` as MessageKey)}</ToneBadge>
          </Td>
          <Td>
            {p.txId ? <Mono>{p.txId.slice(0, 12)}…</Mono> : <Typography>—</Typography>}
            {p.refundTxId && (
              <Typography variant="pi" textColor="neutral600">
                {t('economy.payments.refundTx')} <Mono>{p.refundTxId.slice(0, 12)}…</Mono>
              </Typography>
            )}
          </Td>
        </Tr>
      ))}
    </EconomyPage>
  );
};

/** Merchants' redemptions for cash: which wait for their tokens, which for their cash, which are settled. */
export const RedemptionsPage = () => {
  const t = useT();
  const [state, setState] = React.useState(ALL);
  const query = new URLSearchParams({ limit: '200' });
  if (state !== ALL) query.set('state', state);
  const view = useHiveData<RedemptionRow[]>(`/economy/redemptions?${query.toString()}`);
  if (view.loading && !view.data) return <Page.Loading />;
  const rows = view.data ?? [];
  return (
    <EconomyPage
      title="economy.redemptions.title"
      subtitle="economy.redemptions.subtitle"
      testId="hive-redemptions"
      error={view.error}
      filters={
        <Filter
          label={t('economy.filter.state')}
          all={t('economy.filter.allStates')}
          value={state}
          onChange={setState}
          options={REDEMPTION_STATES.map((s) => ({ value: s, label: t(`economy.state.${s}` as MessageKey) }))}
          testId="redemptions-filter-state"
        />
      }
      columns={['economy.col.when', 'economy.col.merchant', 'economy.col.amount', 'economy.col.cash', 'economy.col.status', 'economy.col.note']}
      empty={{ title: 'economy.redemptions.empty.title', body: 'economy.redemptions.empty.body' }}
      rows={rows.length}
    >
      {rows.map((r) => (
        <Tr key={r.documentId} data-testid="redemption-row">
          <Td>
            <When at={r.settledAt ?? r.returnedAt ?? r.createdAt} />
          </Td>
          <Td>
            <Typography>{r.merchant?.name ?? '—'}</Typography>
          </Td>
          <Td>
            <Amount value={r.quantity} symbol={r.symbol} />
          </Td>
          <Td>
            <Typography>{`${r.cash} ${r.currency}`}</Typography>
          </Td>
          <Td>
            <Flex direction="column" alignItems="flex-start" gap={1}>
              <ToneBadge tone={STATE_TONE[r.state] ?? 'secondary'}>{t(`economy.state.${r.state}` as MessageKey)}</ToneBadge>
              {r.state === 'returned' && (
                <a href={contentManagerLink('api::redemption.redemption', r.documentId)}>
                  <Typography variant="pi">{t('economy.redemptions.settle')}</Typography>
                </a>
              )}
            </Flex>
          </Td>
          <Td>
            <Typography>{r.settlementNote ?? '—'}</Typography>
          </Td>
        </Tr>
      ))}
    </EconomyPage>
  );
};

import * as React from 'react';
import { Layouts, Page } from '@strapi/strapi/admin';
import { Alert, Box, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Lock } from '@strapi/icons';
import { useHiveData } from '../utils/api';
import { useT, type MessageKey } from '../utils/useT';
import { Mono, Panel, ToneBadge } from '../components/ui';
import type { SettingRow, SettingsView } from '../types';

const GROUPS: Array<{ group: SettingRow['group']; title: MessageKey; description: MessageKey }> = [
  { group: 'app', title: 'settings.group.app', description: 'settings.group.app.description' },
  { group: 'chain', title: 'settings.group.chain', description: 'settings.group.chain.description' },
  { group: 'engine', title: 'settings.group.engine', description: 'settings.group.engine.description' },
  { group: 'worker', title: 'settings.group.worker', description: 'settings.group.worker.description' },
  { group: 'rewards', title: 'settings.group.rewards', description: 'settings.group.rewards.description' },
  { group: 'devnet', title: 'settings.group.devnet', description: 'settings.group.devnet.description' },
];

const SOURCE: Record<SettingRow['source'], { label: MessageKey; tone: 'primary' | 'neutral' | 'secondary' }> = {
  environment: { label: 'settings.source.environment', tone: 'primary' },
  'config file': { label: 'settings.source.config', tone: 'secondary' },
  default: { label: 'settings.source.default', tone: 'neutral' },
};

export const SettingsPage = () => {
  const t = useT();
  const view = useHiveData<SettingsView>('/settings');
  if (view.loading && !view.data) return <Page.Loading />;
  const data = view.data;

  const show = (row: SettingRow) => {
    const { value } = row;
    if (value === null || value === '' || (Array.isArray(value) && value.length === 0))
      return <Typography textColor="neutral500">{t(row.key === 'nodes' ? 'settings.value.noNodes' : 'settings.value.unset')}</Typography>;
    if (typeof value === 'boolean') return <Typography>{value ? t('settings.value.yes') : t('settings.value.no')}</Typography>;
    if (Array.isArray(value))
      return (
        <Flex direction="column" alignItems="flex-start">
          {value.map((v) => (
            <Mono key={v}>{v}</Mono>
          ))}
        </Flex>
      );
    return <Mono>{String(value)}</Mono>;
  };

  return (
    <Page.Main>
      <Page.Title>{t('settings.title')}</Page.Title>
      <Layouts.Header title={t('settings.title')} subtitle={t('settings.subtitle')} />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6} data-testid="hive-settings">
          {view.error && (
            <Alert variant="danger" title={t('common.loadFailed')} closeLabel={t('common.close')}>
              {view.error}
            </Alert>
          )}
          <Alert variant="default" title={t('settings.readOnly.title')} closeLabel={t('common.close')}>
            {t('settings.readOnly.body')}
          </Alert>
          {data && (
            <>
              <Panel title={t('settings.secrets.title')} description={t('settings.secrets.description')} testId="hive-secrets">
                <Table colCount={4} rowCount={data.secrets.length + 1}>
                  <Thead>
                    <Tr>
                      <Th>
                        <Typography variant="sigma">{t('settings.secrets.what')}</Typography>
                      </Th>
                      <Th>
                        <Typography variant="sigma">{t('settings.secrets.variable')}</Typography>
                      </Th>
                      <Th>
                        <Typography variant="sigma">{t('settings.secrets.status')}</Typography>
                      </Th>
                      <Th>
                        <Typography variant="sigma">{t('settings.secrets.source')}</Typography>
                      </Th>
                    </Tr>
                  </Thead>
                  <Tbody>
                    {data.secrets.map((s) => (
                      <Tr key={s.key} data-testid="secret-row">
                        <Td>
                          <Flex gap={2} alignItems="center">
                            <Box color="neutral500">
                              <Lock />
                            </Box>
                            <Typography>
                              {s.usedFor === 'app-posting'
                                ? t('settings.secrets.appPosting', { account: s.account ?? '' })
                                : s.usedFor === 'token-issuer'
                                  ? t('settings.secrets.issuerActive', { account: s.account ?? '' })
                                  : t('settings.secrets.keyFile')}
                            </Typography>
                          </Flex>
                        </Td>
                        <Td>
                          <Mono>{s.envVar}</Mono>
                        </Td>
                        <Td>
                          <ToneBadge tone={s.status === 'set' ? 'success' : s.usedFor === 'key-file' ? 'neutral' : 'danger'} testId="secret-status">
                            {s.status === 'set' ? t('settings.secrets.set') : t('settings.secrets.missing')}
                          </ToneBadge>
                        </Td>
                        <Td>
                          <Typography variant="pi" textColor="neutral600">
                            {s.source === 'environment'
                              ? t('settings.secrets.fromEnv')
                              : s.source === 'key file'
                                ? t('settings.secrets.fromFile')
                                : s.source === 'devnet'
                                  ? t('settings.secrets.fromDevnet')
                                  : '—'}
                          </Typography>
                        </Td>
                      </Tr>
                    ))}
                  </Tbody>
                </Table>
              </Panel>
              {GROUPS.map(({ group, title, description }) => {
                const rows = data.rows.filter((r) => r.group === group);
                if (group === 'devnet' && data.network !== 'devnet') return null;
                return (
                  <Panel key={group} title={t(title)} description={t(description)}>
                    <Table colCount={3} rowCount={rows.length + 1}>
                      <Thead>
                        <Tr>
                          <Th width="34%">
                            <Typography variant="sigma">{t('settings.col.setting')}</Typography>
                          </Th>
                          <Th width="40%">
                            <Typography variant="sigma">{t('settings.col.value')}</Typography>
                          </Th>
                          <Th>
                            <Typography variant="sigma">{t('settings.col.source')}</Typography>
                          </Th>
                        </Tr>
                      </Thead>
                      <Tbody>
                        {rows.map((row) => (
                          <Tr key={row.key} data-testid="setting-row" data-key={row.key}>
                            <Td style={{ whiteSpace: 'normal' }}>
                              <Typography fontWeight="semiBold">{t(`settings.key.${row.key}` as MessageKey)}</Typography>
                            </Td>
                            <Td style={{ whiteSpace: 'normal' }}>{show(row)}</Td>
                            <Td>
                              <Flex gap={2} alignItems="center" wrap="wrap">
                                <ToneBadge tone={SOURCE[row.source].tone}>{t(SOURCE[row.source].label)}</ToneBadge>
                                {row.envVar && <Mono>{row.envVar}</Mono>}
                              </Flex>
                            </Td>
                          </Tr>
                        ))}
                      </Tbody>
                    </Table>
                  </Panel>
                );
              })}
            </>
          )}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

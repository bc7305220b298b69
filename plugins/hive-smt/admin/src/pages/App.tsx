import * as React from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { Layouts, Page, SubNav } from '@strapi/strapi/admin';
import { Box, Flex, Typography } from '@strapi/design-system';
import { useT, type MessageKey } from '../utils/useT';
import { useHivePermissions, type HiveAction } from '../utils/permissions';
import { HiveIcon } from '../components/HiveIcon';
import { ChainHealthPage } from './ChainHealth';
import { BoardsPage } from './Boards';
import { RewardsPage } from './Rewards';
import { SettingsPage } from './Settings';
import { CurationPage } from './Curation';
import { ModerationLogPage } from './ModerationLog';
import { MerchantsPage, PaymentsPage, RedemptionsPage } from './LocalEconomy';

const BASE = '/plugins/hive-smt';

const PAGES: Array<{ path: string; label: MessageKey; action: HiveAction; Component: React.ComponentType }> = [
  { path: 'chain', label: 'nav.chain', action: 'chain.read', Component: ChainHealthPage },
  { path: 'boards', label: 'nav.boards', action: 'boards.read', Component: BoardsPage },
  { path: 'rewards', label: 'nav.rewards', action: 'rewards.read', Component: RewardsPage },
  { path: 'curation', label: 'nav.curation', action: 'curation.manage', Component: CurationPage },
  { path: 'moderation-log', label: 'nav.moderationLog', action: 'moderation.read', Component: ModerationLogPage },
  { path: 'merchants', label: 'nav.merchants', action: 'economy.merchants', Component: MerchantsPage },
  { path: 'payments', label: 'nav.payments', action: 'economy.payments', Component: PaymentsPage },
  { path: 'redemptions', label: 'nav.redemptions', action: 'economy.redemptions', Component: RedemptionsPage },
  { path: 'settings', label: 'nav.settings', action: 'settings.read', Component: SettingsPage },
];

/** The Hive section: a side menu of the pages this admin may open, and the pages. */
const App = () => {
  const t = useT();
  const can = useHivePermissions();
  const allowed = PAGES.filter((p) => can(p.action));

  const sideNav = (
    <SubNav.Main aria-label={t('plugin.name')}>
      <Box paddingLeft={5} paddingRight={5} paddingTop={5} paddingBottom={3}>
        <Flex gap={2} alignItems="center">
          <Box color="primary600" style={{ fontSize: 22, display: 'inline-flex' }}>
            <HiveIcon />
          </Box>
          <Typography variant="beta" tag="h2">
            {t('plugin.name')}
          </Typography>
        </Flex>
        <Typography variant="pi" textColor="neutral600">
          {t('plugin.tagline')}
        </Typography>
      </Box>
      <SubNav.Sections>
        {allowed.map((page) => (
          <SubNav.Link key={page.path} to={`${BASE}/${page.path}`} label={t(page.label)} data-testid={`hive-nav-${page.path}`} />
        ))}
      </SubNav.Sections>
    </SubNav.Main>
  );

  return (
    <Layouts.Root sideNav={sideNav}>
      <Routes>
        <Route index element={allowed[0] ? <Navigate to={`${BASE}/${allowed[0].path}`} replace /> : <Page.NoPermissions />} />
        {PAGES.map(({ path, action, Component }) => (
          <Route key={path} path={path} element={can(action) ? <Component /> : <NoAccess />} />
        ))}
        <Route path="*" element={<Navigate to={BASE} replace />} />
      </Routes>
    </Layouts.Root>
  );
};

/** What an admin without the page's permission sees: Strapi's own "no permissions" page, in the plugin's words. */
const NoAccess = () => {
  const t = useT();
  return (
    <Page.Main>
      <Layouts.Header title={t('noAccess.title')} subtitle={t('noAccess.subtitle')} />
      <Layouts.Content>
        <div data-testid="hive-no-access">
          <Page.NoPermissions />
        </div>
      </Layouts.Content>
    </Page.Main>
  );
};

export default App;

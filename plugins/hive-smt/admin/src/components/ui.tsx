import * as React from 'react';
import { Badge, Box, Flex, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';

type Tone = 'success' | 'danger' | 'warning' | 'neutral' | 'primary' | 'secondary' | 'alternative';

const TONE_BAR: Record<Tone, string> = {
  success: 'success500',
  danger: 'danger600',
  warning: 'warning500',
  neutral: 'neutral300',
  primary: 'primary600',
  secondary: 'secondary500',
  alternative: 'alternative500',
};

/** A white panel with a title and an optional line of help, as Strapi's own settings pages have. */
export const Panel = ({
  title,
  description,
  action,
  children,
  testId,
}: {
  title?: string;
  description?: React.ReactNode;
  action?: React.ReactNode;
  children: React.ReactNode;
  testId?: string;
}) => (
  <Box background="neutral0" hasRadius shadow="tableShadow" paddingTop={6} paddingBottom={6} paddingLeft={7} paddingRight={7} data-testid={testId}>
    {(title || action) && (
      <Flex justifyContent="space-between" alignItems="flex-start" gap={4} paddingBottom={4}>
        <Flex direction="column" alignItems="flex-start" gap={1}>
          {title && (
            <Typography variant="delta" tag="h2">
              {title}
            </Typography>
          )}
          {description && (
            <Typography variant="pi" textColor="neutral600">
              {description}
            </Typography>
          )}
        </Flex>
        {action}
      </Flex>
    )}
    {children}
  </Box>
);

/** One number with its label and what it means, with a coloured edge saying whether all is well. */
export const StatCard = ({
  label,
  value,
  hint,
  tone = 'neutral',
  icon,
  testId,
}: {
  label: string;
  value: React.ReactNode;
  hint?: React.ReactNode;
  tone?: Tone;
  icon?: React.ReactNode;
  testId?: string;
}) => (
  <Box
    background="neutral0"
    hasRadius
    shadow="tableShadow"
    padding={5}
    height="100%"
    borderStyle="solid"
    borderWidth="0 0 0 4px"
    borderColor={TONE_BAR[tone] as any}
    data-testid={testId}
  >
    <Flex direction="column" alignItems="flex-start" gap={2}>
      <Flex gap={2} alignItems="center">
        {icon && <Box color="neutral500">{icon}</Box>}
        <Typography variant="sigma" textColor="neutral600">
          {label}
        </Typography>
      </Flex>
      <Typography variant="beta" tag="p">
        {value}
      </Typography>
      {hint && (
        <Typography variant="pi" textColor="neutral600">
          {hint}
        </Typography>
      )}
    </Flex>
  </Box>
);

/** A yes / no / unknown check with its label: ✓ green, ✗ red, ? grey. */
export const Check = ({ ok, children, testId }: { ok: boolean | null; children: React.ReactNode; testId?: string }) => (
  <Flex gap={2} alignItems="center" data-testid={testId} data-ok={ok === null ? 'unknown' : String(ok)}>
    <Box
      width="1.25rem"
      height="1.25rem"
      hasRadius
      background={ok === null ? 'neutral150' : ok ? 'success100' : 'danger100'}
      color={ok === null ? 'neutral600' : ok ? 'success600' : 'danger600'}
      style={{ display: 'inline-flex', alignItems: 'center', justifyContent: 'center', fontWeight: 700, fontSize: 12, flexShrink: 0 }}
      aria-hidden
    >
      {ok === null ? '?' : ok ? '✓' : '✕'}
    </Box>
    <Typography variant="omega">{children}</Typography>
  </Flex>
);

export const ToneBadge = ({ tone, children, testId }: { tone: Tone; children: React.ReactNode; testId?: string }) => (
  <Badge variant={tone} data-testid={testId}>
    {children}
  </Badge>
);

/** A thin bar showing a share from 0 to 100. */
export const Meter = ({ percent, tone = 'primary', label }: { percent: number; tone?: Tone; label: string }) => (
  <Box
    background="neutral150"
    hasRadius
    height="0.5rem"
    width="100%"
    role="meter"
    aria-label={label}
    aria-valuenow={Math.round(percent)}
    aria-valuemin={0}
    aria-valuemax={100}
  >
    <Box background={TONE_BAR[tone] as any} hasRadius height="100%" style={{ width: `${Math.max(2, Math.min(100, percent))}%`, transition: 'width .4s' }} />
  </Box>
);

/** "3 minutes ago" / "in 20 seconds", with the exact time on hover. */
export const When = ({ at }: { at: string | null | undefined }) => {
  const intl = useIntl();
  if (!at) return <>—</>;
  const date = new Date(at);
  const seconds = Math.round((date.getTime() - Date.now()) / 1000);
  const abs = Math.abs(seconds);
  const [value, unit]: [number, Intl.RelativeTimeFormatUnit] =
    abs < 60
      ? [seconds, 'second']
      : abs < 3600
        ? [Math.round(seconds / 60), 'minute']
        : abs < 86400
          ? [Math.round(seconds / 3600), 'hour']
          : [Math.round(seconds / 86400), 'day'];
  return (
    <time dateTime={at} title={intl.formatDate(date, { dateStyle: 'medium', timeStyle: 'medium' })}>
      {intl.formatRelativeTime(value, unit, { numeric: 'auto' })}
    </time>
  );
};

export const Mono = ({ children }: { children: React.ReactNode }) => (
  <Typography variant="pi" fontWeight="semiBold" style={{ fontFamily: 'SFMono-Regular, Menlo, Consolas, monospace', wordBreak: 'break-all' }}>
    {children}
  </Typography>
);

/** An amount in tokens, grouped as the admin's language writes numbers, keeping every decimal. */
export const Amount = ({ value, symbol }: { value: string | null | undefined; symbol?: string | null }) => {
  const intl = useIntl();
  if (value === null || value === undefined) return <>—</>;
  const [whole, fraction] = String(value).split('.');
  const grouped = intl.formatNumber(BigInt(whole.replace('-', '') || '0') as any);
  const sign = whole.startsWith('-') ? '-' : '';
  return (
    <span style={{ fontVariantNumeric: 'tabular-nums' }}>
      {sign}
      {grouped}
      {fraction ? `.${fraction}` : ''}
      {symbol ? ` ${symbol}` : ''}
    </span>
  );
};

/** A centred empty state with a title and a line of explanation. */
export const EmptyBlock = ({ icon, title, body, testId }: { icon?: React.ReactNode; title: string; body?: string; testId?: string }) => (
  <Flex direction="column" alignItems="center" gap={3} padding={10} data-testid={testId}>
    {icon && (
      <Box background="primary100" color="primary600" hasRadius padding={4} style={{ fontSize: 28, display: 'inline-flex' }}>
        {icon}
      </Box>
    )}
    <Typography variant="delta" tag="p" textAlign="center">
      {title}
    </Typography>
    {body && (
      <Box maxWidth="36rem">
        <Typography textColor="neutral600" textAlign="center" tag="p">
          {body}
        </Typography>
      </Box>
    )}
  </Flex>
);

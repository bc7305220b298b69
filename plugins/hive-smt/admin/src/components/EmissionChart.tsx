import * as React from 'react';
import { Box, Flex, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';

export interface ChartPoint {
  day: string;
  emitted: number;
  paid: number;
}

const W = 720;
const H = 240;
const PAD = { top: 16, right: 16, bottom: 32, left: 56 };
const EMITTED = '#4945ff';
const PAID = '#328048';

/** Emission (bars) and payouts (line) per day, as a plain SVG that scales with its box. */
export const EmissionChart = ({
  points,
  labels,
  symbol,
}: {
  points: ChartPoint[];
  labels: { emitted: string; paid: string; title: string };
  symbol: string;
}) => {
  const intl = useIntl();
  const max = Math.max(1, ...points.map((p) => Math.max(p.emitted, p.paid)));
  const nice = niceCeiling(max);
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const step = points.length > 0 ? innerW / points.length : innerW;
  const x = (i: number) => PAD.left + step * i + step / 2;
  const y = (v: number) => PAD.top + innerH - (v / nice) * innerH;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * nice);
  const labelEvery = Math.max(1, Math.ceil(points.length / 8));
  const line = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(p.paid).toFixed(1)}`).join(' ');

  return (
    <Box>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={labels.title} data-testid="emission-chart" style={{ display: 'block' }}>
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(tick)} y2={y(tick)} stroke="#eaeaef" />
            <text x={PAD.left - 8} y={y(tick) + 4} textAnchor="end" fontSize="11" fill="#666687">
              {intl.formatNumber(tick, { notation: 'compact', maximumFractionDigits: 1 })}
            </text>
          </g>
        ))}
        {points.map((p, i) => (
          <rect
            key={p.day}
            x={x(i) - Math.min(18, step * 0.35)}
            width={Math.min(36, step * 0.7)}
            y={y(p.emitted)}
            height={Math.max(0, PAD.top + innerH - y(p.emitted))}
            rx={3}
            fill={EMITTED}
            opacity={0.75}
          >
            <title>{`${p.day}: ${labels.emitted} ${intl.formatNumber(p.emitted)} ${symbol}, ${labels.paid} ${intl.formatNumber(p.paid)} ${symbol}`}</title>
          </rect>
        ))}
        {points.length > 1 && <path d={line} fill="none" stroke={PAID} strokeWidth={2.5} strokeLinejoin="round" />}
        {points.map((p, i) => (
          <circle key={`c-${p.day}`} cx={x(i)} cy={y(p.paid)} r={3.5} fill="#fff" stroke={PAID} strokeWidth={2} />
        ))}
        {points.map((p, i) =>
          i % labelEvery === 0 ? (
            <text key={`l-${p.day}`} x={x(i)} y={H - 10} textAnchor="middle" fontSize="11" fill="#666687">
              {intl.formatDate(`${p.day}T00:00:00Z`, { month: 'short', day: 'numeric', timeZone: 'UTC' })}
            </text>
          ) : null,
        )}
        <line x1={PAD.left} x2={W - PAD.right} y1={PAD.top + innerH} y2={PAD.top + innerH} stroke="#c0c0cf" />
      </svg>
      <Flex gap={5} justifyContent="center" paddingTop={2}>
        <Legend color={EMITTED} label={labels.emitted} />
        <Legend color={PAID} label={labels.paid} line />
      </Flex>
    </Box>
  );
};

const Legend = ({ color, label, line }: { color: string; label: string; line?: boolean }) => (
  <Flex gap={2} alignItems="center">
    <span style={{ display: 'inline-block', width: 14, height: line ? 3 : 10, background: color, borderRadius: 2, opacity: line ? 1 : 0.75 }} />
    <Typography variant="pi" textColor="neutral600">
      {label}
    </Typography>
  </Flex>
);

function niceCeiling(value: number) {
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * magnitude >= value) return m * magnitude;
  return 10 * magnitude;
}

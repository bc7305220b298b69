/** Small, dependency-free SVG charts for the bench report. */

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const num = (x: number) => (Number.isInteger(x) ? String(x) : Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2));
/** Axis tick labels: integers plain, others with what decimals they need. */
const tick = (x: number) => (Number.isInteger(x) ? x.toLocaleString('en-US') : String(Number(x.toPrecision(3))));
const FONT = 'font-family="system-ui, -apple-system, Segoe UI, sans-serif"';

/** A "nice" axis maximum: 1, 2 or 5 times a power of ten, at least max. */
function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 5, 10]) if (m * p >= max) return m * p;
  return 10 * p;
}

export interface BarGroup {
  label: string;
  values: Array<{ name: string; value: number }>;
}

/** Horizontal grouped bars: one group per row, one bar per series. */
export function barChart(options: { title: string; unit: string; groups: BarGroup[]; colors: string[]; width?: number; log?: boolean }): string {
  const width = options.width ?? 860;
  const labelW = 330;
  const barH = 14;
  const gap = 10;
  const series = options.groups[0]?.values.map((v) => v.name) ?? [];
  const top = 56;
  const groupH = series.length * barH + gap;
  const height = top + options.groups.length * groupH + 40;
  const values = options.groups.flatMap((g) => g.values.map((v) => v.value)).filter((v) => Number.isFinite(v) && v > 0);
  const max = niceMax(Math.max(0, ...values));
  const plotW = width - labelW - 80;
  // Log scale: decades from below the smallest value to above the largest, so a 3 ms floor and a 2 s p99 both show.
  const lo = options.log ? 10 ** Math.floor(Math.log10(Math.min(...values, max))) : 0;
  const hi = options.log ? 10 ** Math.ceil(Math.log10(Math.max(...values, lo * 10))) : max;
  const x = options.log
    ? (v: number) => labelW + (Math.log10(Math.max(lo, v) / lo) / Math.log10(hi / lo)) * plotW
    : (v: number) => labelW + (Math.max(0, v) / max) * plotW;
  const ticks = options.log
    ? Array.from({ length: Math.round(Math.log10(hi / lo)) + 1 }, (_, i) => lo * 10 ** i)
    : Array.from({ length: 6 }, (_, t) => (max * t) / 5);
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ${FONT} font-size="12">`);
  out.push(`<rect width="100%" height="100%" fill="#fff"/>`);
  out.push(`<text x="12" y="22" font-size="15" font-weight="600">${esc(options.title)}</text>`);
  series.forEach((name, i) => {
    out.push(`<rect x="${12 + i * 110}" y="34" width="12" height="12" fill="${options.colors[i % options.colors.length]}"/><text x="${28 + i * 110}" y="44">${esc(name)}</text>`);
  });
  for (const v of ticks) {
    out.push(`<line x1="${x(v)}" y1="${top - 4}" x2="${x(v)}" y2="${height - 34}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${x(v)}" y="${height - 20}" text-anchor="middle" fill="#555">${tick(v)}</text>`);
  }
  out.push(`<text x="${labelW + plotW / 2}" y="${height - 5}" text-anchor="middle" fill="#555">${esc(options.unit)}${options.log ? ' (log scale)' : ''}</text>`);
  options.groups.forEach((g, gi) => {
    const y0 = top + gi * groupH;
    out.push(`<text x="${labelW - 8}" y="${y0 + (series.length * barH) / 2 + 4}" text-anchor="end">${esc(g.label)}</text>`);
    g.values.forEach((v, vi) => {
      const y = y0 + vi * barH;
      const w = Number.isFinite(v.value) ? x(v.value) - labelW : 0;
      out.push(`<rect x="${labelW}" y="${y}" width="${Math.max(0.5, w)}" height="${barH - 2}" fill="${options.colors[vi % options.colors.length]}"/>`);
      out.push(`<text x="${labelW + w + 4}" y="${y + barH - 4}" font-size="11" fill="#333">${Number.isFinite(v.value) ? num(v.value) : 'n/a'}</text>`);
    });
  });
  out.push('</svg>');
  return out.join('\n');
}

export interface Series {
  name: string;
  points: Array<{ x: number; y: number }>;
  color: string;
  dashed?: boolean;
}

/** Lines (steps drawn as straight segments) over a shared x axis. */
export function lineChart(options: { title: string; xLabel: string; yLabel: string; series: Series[]; width?: number; height?: number }): string {
  const width = options.width ?? 860;
  const height = options.height ?? 380;
  const left = 70;
  const right = 20;
  const top = 56;
  const bottom = 50;
  const all = options.series.flatMap((s) => s.points);
  const xMax = niceMax(Math.max(1, ...all.map((p) => p.x)));
  const yMax = niceMax(Math.max(1, ...all.map((p) => p.y)));
  const X = (v: number) => left + (v / xMax) * (width - left - right);
  const Y = (v: number) => height - bottom - (v / yMax) * (height - top - bottom);
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ${FONT} font-size="12">`);
  out.push(`<rect width="100%" height="100%" fill="#fff"/>`);
  out.push(`<text x="12" y="22" font-size="15" font-weight="600">${esc(options.title)}</text>`);
  options.series.forEach((s, i) => {
    out.push(`<line x1="${12 + i * 260}" y1="40" x2="${32 + i * 260}" y2="40" stroke="${s.color}" stroke-width="3"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/><text x="${38 + i * 260}" y="44">${esc(s.name)}</text>`);
  });
  for (let t = 0; t <= 5; t++) {
    const yv = (yMax * t) / 5;
    const xv = (xMax * t) / 5;
    out.push(`<line x1="${left}" y1="${Y(yv)}" x2="${width - right}" y2="${Y(yv)}" stroke="#e5e5e5"/><text x="${left - 6}" y="${Y(yv) + 4}" text-anchor="end" fill="#555">${tick(yv)}</text>`);
    out.push(`<text x="${X(xv)}" y="${height - bottom + 16}" text-anchor="middle" fill="#555">${tick(xv)}</text>`);
  }
  out.push(`<line x1="${left}" y1="${height - bottom}" x2="${width - right}" y2="${height - bottom}" stroke="#999"/><line x1="${left}" y1="${top - 6}" x2="${left}" y2="${height - bottom}" stroke="#999"/>`);
  out.push(`<text x="${(left + width - right) / 2}" y="${height - 12}" text-anchor="middle" fill="#555">${esc(options.xLabel)}</text>`);
  out.push(`<text transform="translate(16 ${(top + height - bottom) / 2}) rotate(-90)" text-anchor="middle" fill="#555">${esc(options.yLabel)}</text>`);
  for (const s of options.series) {
    const d = s.points.map((p, i) => `${i ? 'L' : 'M'}${X(p.x).toFixed(1)} ${Y(p.y).toFixed(1)}`).join(' ');
    out.push(`<path d="${d}" fill="none" stroke="${s.color}" stroke-width="${s.dashed ? 4 : 2}"${s.dashed ? ' stroke-dasharray="8 5" stroke-opacity="0.6"' : ''}/>`);
    if (!s.dashed && s.points.length <= 120) for (const p of s.points) out.push(`<circle cx="${X(p.x).toFixed(1)}" cy="${Y(p.y).toFixed(1)}" r="2.5" fill="${s.color}"/>`);
  }
  out.push('</svg>');
  return out.join('\n');
}

/**
 * Benchmark 6: memory and cold start. RSS comes from the feed benchmark's
 * samples (each server under its own 20-connection load); cold start is
 * spawn → first 200 on /api/boards, the app against bare Strapi, on databases
 * that already have their schema (a first boot that migrates is not counted).
 */
import { median } from '../lib/stats';
import type { Server } from '../lib/servers';
import { ratio, type Ctx } from '../lib/types';

export function memorySection(
  ctx: Ctx,
  rss: { rssUnderLoad: Record<string, { peakMiB: number; meanMiB: number }>; idleRss: Record<string, number> },
  coldStarts: { app: number[]; bare: number[]; floor: number[] },
  bareFirstBoot = false,
) {
  const appLoad = rss.rssUnderLoad['feed'];
  const bareLoad = rss.rssUnderLoad['bare-list'];
  const floorLoad = rss.rssUnderLoad['floor-feed'];
  const cold = { app: median(coldStarts.app), bare: median(coldStarts.bare), floor: median(coldStarts.floor) };
  ctx.sections.memory = {
    status: appLoad && bareLoad && coldStarts.app.length && coldStarts.bare.length ? 'ok' : 'failed',
    rss: {
      app: { idleMiB: rss.idleRss.app, underLoad: appLoad, load: 'GET /api/feed, 20 connections' },
      bare: { idleMiB: rss.idleRss.bare, underLoad: bareLoad, load: 'GET /api/posts (list), 20 connections' },
      floor: { idleMiB: rss.idleRss.floor, underLoad: floorLoad, load: 'feed SQL, 20 connections' },
    },
    // Quick runs take bare Strapi's serving boot as its sample: that boot also migrated the copied database.
    bareSampleIsFirstBoot: bareFirstBoot,
    coldStartMs: { app: coldStarts.app, bare: coldStarts.bare, floor: coldStarts.floor, appMedian: cold.app, bareMedian: cold.bare, floorMedian: cold.floor },
  };
  if (appLoad && bareLoad) {
    ctx.ratios.push(ratio({ id: 'memory.app_vs_bare_rss_under_load', benchmark: 'memory', label: 'app peak RSS under the feed load ÷ bare Strapi peak RSS under its list load', measured: appLoad.peakMiB, reference: bareLoad.peakMiB, unit: 'MiB', referenceLabel: 'bare Strapi' }));
  }
  if (Number.isFinite(rss.idleRss.app) && Number.isFinite(rss.idleRss.bare)) {
    ctx.ratios.push(ratio({ id: 'memory.app_vs_bare_rss_idle', benchmark: 'memory', label: 'app RSS after boot ÷ bare Strapi RSS after boot', measured: rss.idleRss.app, reference: rss.idleRss.bare, unit: 'MiB', referenceLabel: 'bare Strapi' }));
  }
  if (coldStarts.app.length && coldStarts.bare.length) {
    ctx.ratios.push(ratio({ id: 'coldstart.app_vs_bare', benchmark: 'memory', label: 'app cold start ÷ bare Strapi cold start (spawn → first 200 on /api/boards, median)', measured: cold.app, reference: cold.bare, unit: 'ms', referenceLabel: 'bare Strapi' }));
  }
}

export type { Server };

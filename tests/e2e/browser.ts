import fs from 'fs';
import path from 'path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { Core } from '@strapi/strapi';
import { APP_DIR, startStrapi } from '../helpers/strapi';

/** Where the browser tests leave a picture of every page (gitignored). */
export const SCREENSHOTS = path.join(APP_DIR, 'tests', 'e2e', 'screenshots');

/** The Debian Chromium, headless; never a downloaded browser. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * The real app (compiled dist/, admin panel from dist/build, member web app
 * from apps/web/dist) on a loopback port of its own, for a browser to use.
 */
export async function startListeningApp(
  env: Record<string, string> = {},
  needs: { admin?: boolean; web?: boolean } = { admin: true },
): Promise<{ strapi: Core.Strapi; baseUrl: string }> {
  if (needs.web && !fs.existsSync(path.join(APP_DIR, 'apps', 'web', 'dist', 'index.html'))) {
    throw new Error('The member web app is not built: run "npm run build:web" (npm test does it first).');
  }
  if (needs.admin && !fs.existsSync(path.join(APP_DIR, 'dist', 'build', 'index.html'))) {
    throw new Error('The admin panel is not built: run "npm run build:admin" (npm test does it first).');
  }
  const strapi = await startStrapi(env);
  const server = strapi.server.httpServer;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('The app is not listening on a TCP port.');
  return { strapi, baseUrl: `http://127.0.0.1:${address.port}` };
}

/** Every 5xx answer the browser received: the tests expect none. */
export const serverErrors: string[] = [];

/** A fresh browser session for one admin, signed in through the login page. */
export async function signIn(browser: Browser, baseUrl: string, email: string, password: string, locale?: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1440, height: 900 }, locale: locale ?? 'en-GB', timezoneId: 'Europe/London' });
  if (locale) await context.addInitScript((language) => window.localStorage.setItem('strapi-admin-language', language), locale);
  const page = await context.newPage();
  page.setDefaultTimeout(20000);
  page.on('response', (res) => {
    if (res.status() >= 500) serverErrors.push(`${res.status()} ${res.request().method()} ${new URL(res.url()).pathname}`);
  });
  await page.goto('/admin/auth/login');
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((url) => !url.pathname.includes('/auth/'), { timeout: 30000 });
  await dismissAnnouncements(page);
  return { context, page };
}

/** Strapi's own "what's new" banner, closed the way an admin would close it. */
async function dismissAnnouncements(page: Page) {
  const close = page.getByRole('button', { name: /Close the banner/i });
  const shown = await close.waitFor({ state: 'visible', timeout: 8000 }).then(() => true, () => false);
  if (shown) await close.click();
}

/**
 * A picture of the whole page as the admin sees it, once loading is done:
 * the admin panel scrolls inside its layout, so the window is made as tall
 * as the content for the picture. Toasts are left out.
 */
export async function screenshot(page: Page, name: string) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.locator('[aria-busy="true"], [data-testid="loader"]').first().waitFor({ state: 'detached', timeout: 5000 }).catch(() => undefined);
  const viewport = page.viewportSize()!;
  const hidden = await page.evaluate(() => {
    let extra = 0;
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
      const style = getComputedStyle(el);
      if (/(auto|scroll)/.test(style.overflowY) && el.scrollHeight > el.clientHeight + 1) extra = Math.max(extra, el.scrollHeight - el.clientHeight);
    }
    return extra;
  });
  const modalOpen = (await page.locator('[role="dialog"], [role="alertdialog"]').count()) > 0;
  if (hidden > 0 && !modalOpen) await page.setViewportSize({ width: viewport.width, height: Math.min(viewport.height + hidden, 4000) });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), animations: 'disabled', style: '[data-sonner-toaster] { display: none !important; }' });
  if (hidden > 0 && !modalOpen) await page.setViewportSize(viewport);
}

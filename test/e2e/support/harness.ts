/**
 * One server and one browser per test file; each test opens its own browser context (fresh
 * cookies and localStorage) through `newPage`.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { launchBrowser } from './browser.js';
import { startServer, type TestServer } from './server.js';

export interface WebApp {
  readonly server: TestServer;
  readonly url: string;
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
}

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 375, height: 812 };

/** `env`: server configuration for this file's server (startServer). */
export function useWebApp(opts: { seed?: (server: TestServer) => Promise<void>; env?: Record<string, string> } = {}): WebApp {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startServer({ env: opts.env });
    if (opts.seed) {
      await opts.seed(server);
      await server.ctx.search.sync();
    }
    browser = await launchBrowser();
  });

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  return {
    get server() {
      return server!;
    },
    get url() {
      return server!.url;
    },
    async newPage(viewport = DESKTOP) {
      const context = await browser!.newContext({ viewport, locale: 'zh-CN', isMobile: viewport.width < 600, hasTouch: viewport.width < 600 });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      return page;
    },
  };
}

import { createTestDatabase, startApi, TEST_REDIS_URL, type ApiProcess, type TestDatabase } from '@parley/api/testing/api-process';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser';

/** A whole Parley with demo data on a fresh database, and a Chromium to use it with. */
export interface DemoStack {
  readonly api: ApiProcess;
  readonly browser: Browser;
  stop(): Promise<void>;
}

export async function startDemoStack(): Promise<DemoStack> {
  const db: TestDatabase = await createTestDatabase();
  const api = await startApi({ databaseUrl: db.url, redisUrl: TEST_REDIS_URL, env: { PARLEY_DEMO: '1' } });
  const browser = await launchChromium();
  return {
    api,
    browser,
    stop: async () => {
      await browser.close();
      await api.stop();
      await db.drop();
    },
  };
}

/** Signs in through the console's login page, as a person would. */
export async function signIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

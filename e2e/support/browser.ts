import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM_PATH);

export interface Browser {
  context: BrowserContext;
  page: Page;
  close: () => Promise<void>;
}

/**
 * Debian's Chromium, headless, on a fresh profile; never a downloaded browser. A desktop screen
 * unless told otherwise (the on-site screens run on a 768 px-wide tablet, with touch).
 */
export async function launchBrowser(
  options: { viewport?: { width: number; height: number }; touch?: boolean } = {},
): Promise<Browser> {
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'qc-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    // Pages save files (proof bundles, keys) as downloads; tests read them from the download event.
    acceptDownloads: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: options.viewport ?? { width: 1440, height: 900 },
    hasTouch: options.touch ?? false,
  });
  context.setDefaultTimeout(15_000);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Opens an antd Select found by its form label and picks the option showing `text`. */
export async function pickOption(page: Page, scope: Locator, label: string, text: string): Promise<void> {
  await scope.getByLabel(label, { exact: true }).click();
  const option = page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: text });
  await option.first().click();
}

/** Types a date into an antd date input and confirms it. */
export async function typeDate(input: Locator, date: string): Promise<void> {
  await input.click();
  await input.fill(date);
  // Let the picker parse what was typed before confirming it (slow under a loaded CPU).
  await input
    .page()
    .waitForFunction(([el, want]) => (el as HTMLInputElement).value === want, [
      await input.elementHandle(),
      date,
    ] as const);
  await input.press('Enter');
}

/**
 * Confirms a date range typed into an antd RangePicker and waits for its calendar to close, so
 * the popup cannot cover the fields below it. Enter is pressed again if the first one was taken
 * while the picker was still busy.
 */
export async function closeDatePicker(page: Page, input: Locator): Promise<void> {
  const open = page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)');
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      await open.first().waitFor({ state: 'hidden', timeout: 1000 });
      return;
    } catch {
      await input.press('Enter');
    }
  }
  throw new Error('the date picker did not close');
}

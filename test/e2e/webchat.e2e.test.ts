/**
 * Web chat in a real browser: the whole app (`startCareLine`) serving the page, headless
 * Chromium running the official Web Chat bundle against CareLine's own Direct Line API.
 * A new person is greeted, completes onboarding with buttons and the send box, and finds
 * the conversation again after a reload; a Spanish browser is spoken to in Spanish.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startCareLine, type CareLineApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];
const SCREENSHOT = path.join(PROJECT_ROOT, 'test-results', 'webchat.png');
const SCREENSHOT_ES_PHONE = path.join(PROJECT_ROOT, 'test-results', 'webchat-es-phone.png');
const REPLY_TIMEOUT_MS = 15_000;

let testDb: TestDatabase;
let dataDir: string;
let app: CareLineApp;
let browser: Browser;

beforeAll(async () => {
  testDb = await createTestDatabase();
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'careline-e2e-'));
  const config = loadConfig({
    DATABASE_URL: testDb.url,
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
  });
  app = await startCareLine(config);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await testDb?.drop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** A page in a fresh browser profile, recording console errors and CSP violations. */
async function openChat(context: BrowserContext) {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  await page.goto(app.url);
  return { page, problems };
}

/** Waits until the transcript shows `text`. */
async function expectInTranscript(page: Page, text: string | RegExp): Promise<void> {
  await page
    .locator('.webchat__basic-transcript')
    .getByText(text)
    .first()
    .waitFor({ timeout: REPLY_TIMEOUT_MS });
}

/** Web Chat scrolls new activities into view with an animation: wait for it to end. */
async function waitUntilScrolledToEnd(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const scrollable = document.querySelector('.webchat__basic-transcript__scrollable');
    return (
      scrollable && scrollable.scrollTop + scrollable.clientHeight >= scrollable.scrollHeight - 2
    );
  });
}

async function pressButton(page: Page, title: string): Promise<void> {
  await page
    .locator('.webchat__suggested-actions')
    .getByRole('button', { name: title, exact: true })
    .click({
      timeout: REPLY_TIMEOUT_MS,
    });
}

async function typeMessage(page: Page, text: string): Promise<void> {
  const sendBox = page.locator('[data-id="webchat-sendbox-input"]');
  await sendBox.fill(text);
  await sendBox.press('Enter');
}

describe('web chat in Chromium', () => {
  it('greets a new person, onboards them, and resumes after a reload', async () => {
    const context = await browser.newContext({
      locale: 'en-US',
      viewport: { width: 900, height: 1000 },
    });
    try {
      const { page, problems } = await openChat(context);
      await expect(page.title()).resolves.toBe('CareLine chat');
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
      await expect(page.locator('.disclaimer').textContent()).resolves.toContain('not a clinician');

      await expectInTranscript(page, /Hi, I.m CareLine/);
      await pressButton(page, 'English');
      await expectInTranscript(page, /Before we start/);
      await pressButton(page, 'I agree');
      await expectInTranscript(page, /Are you living with cancer yourself/);
      await pressButton(page, 'Patient');
      await expectInTranscript(page, /What should I call you/);
      await typeMessage(page, 'Zoë');
      await expectInTranscript(page, /Which city or region are you in/);
      await typeMessage(page, 'Chicago');
      await expectInTranscript(page, /what type of cancer do you have/);
      await pressButton(page, 'Breast');
      await expectInTranscript(page, /Which state or province and country/);
      await typeMessage(page, 'Illinois, USA');
      await expectInTranscript(page, /All set, Zoë!/);
      await expectInTranscript(page, /What would you like to do\?/);

      // The person's button presses read as the buttons' titles, not their internal values.
      const transcript = (await page.locator('.webchat__basic-transcript').textContent()) ?? '';
      expect(transcript).toContain('I agree');
      expect(transcript).not.toMatch(/role:patient|consent:agree|lang:en/);

      await waitUntilScrolledToEnd(page);
      await mkdir(path.dirname(SCREENSHOT), { recursive: true });
      await page.screenshot({ path: SCREENSHOT });

      await page.reload();
      await expectInTranscript(page, /All set, Zoë!/);
      await expectInTranscript(page, /Hi, I.m CareLine/);
      await typeMessage(page, 'menu');
      await expect(
        page
          .locator('.webchat__suggested-actions')
          .getByRole('button', { name: 'My profile' })
          .waitFor({ timeout: REPLY_TIMEOUT_MS }),
      ).resolves.toBeUndefined();

      const conversations = await testDb.db
        .selectFrom('webchat_conversations')
        .select('id')
        .execute();
      expect(conversations).toHaveLength(1);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('speaks Spanish to a browser set to Spanish', async () => {
    const context = await browser.newContext({
      locale: 'es-ES',
      viewport: { width: 390, height: 844 },
    });
    try {
      const { page, problems } = await openChat(context);
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe('es');
      await expect(page.locator('h1').textContent()).resolves.toBe('Habla con CareLine');
      await expect(page.locator('.disclaimer').textContent()).resolves.toContain('llama al 911');

      await expectInTranscript(page, /Hola, soy CareLine/);
      await pressButton(page, 'Español');
      await expectInTranscript(page, /Antes de empezar/);
      await pressButton(page, 'Acepto');
      await expectInTranscript(page, /¿Eres tú quien vive con cáncer/);
      await waitUntilScrolledToEnd(page);
      await mkdir(path.dirname(SCREENSHOT_ES_PHONE), { recursive: true });
      await page.screenshot({ path: SCREENSHOT_ES_PHONE });
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});

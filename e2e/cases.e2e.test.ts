import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { apiSignIn } from './support/api';
import { hasChromium, launchBrowser, pickOption, type Browser } from './support/browser';
import { parseOneTimePassword, startServer, type RunningServer } from './support/server';
import { usccCheck } from './support/cases';
import { signIn } from './support/session';

const required = process.env.E2E_REQUIRED === '1';
const ADMIN_PASSWORD = 'Xinxi#Zhongxin2026';
const UNIT = '劳动保障监察大队';
const INITIAL = 'Chushi#Mima2026';

interface Person {
  username: string;
  name: string;
  password: string;
  roles: string[];
  certNo?: string;
}
const OFFICER: Person = {
  username: 'zhangsan',
  name: '张三',
  password: 'Zhifa!Anjian2026',
  roles: ['officer'],
  certNo: '13053420001',
};
const SECOND: Person = {
  username: 'lisi',
  name: '李四',
  password: 'Zhifa!Xiezhu2026',
  roles: ['officer'],
  certNo: '13053420002',
};
const UNIT_HEAD: Person = {
  username: 'wangdui',
  name: '王队长',
  password: 'Danwei!Fuze2026',
  roles: ['unit_head'],
};
const AGENCY_HEAD: Person = {
  username: 'zhaojuzhang',
  name: '赵局长',
  password: 'Jiguan!Fuze2026',
  roles: ['agency_head'],
};

const EMPLOYER = '临西县某某建筑工程有限公司';
const USCC_17 = '91130534MA0CKL7PQ';
const USCC = USCC_17 + usccCheck(USCC_17);
const CAUSE = '拖欠农民工工资';
const CASE_NUMBER = /〔\d{4}〕第\d+号/;

describe.skipIf(!hasChromium && !required)('案件: register, approve, open, document', () => {
  let server: RunningServer;
  let browser: Browser;
  let scratch = '';
  let caseUrl = '';
  let caseNumber = '';

  beforeAll(async () => {
    if (!hasChromium) {
      throw new Error('E2E_REQUIRED=1 but /usr/bin/chromium is missing (apt-get install chromium)');
    }
    scratch = mkdtempSync(path.join(os.tmpdir(), 'qc-e2e-cases-'));
    server = await startServer();
    const oneTimePassword = await server.waitForOutput(parseOneTimePassword);
    const admin = await apiSignIn(server.baseUrl, 'admin', oneTimePassword, ADMIN_PASSWORD);
    const unit = await admin.request<{ id: string }>('POST', '/api/units', { name: UNIT });
    for (const person of [OFFICER, SECOND, UNIT_HEAD, AGENCY_HEAD]) {
      await admin.request('POST', '/api/users', {
        username: person.username,
        name: person.name,
        password: INITIAL,
        unitId: unit.id,
        roles: person.roles,
        ...(person.certNo
          ? { certNo: person.certNo, certValidFrom: '2024-01-01', certValidTo: '2030-12-31' }
          : {}),
      });
      await apiSignIn(server.baseUrl, person.username, INITIAL, person.password);
    }
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (scratch) {
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  const page = () => browser.page;
  const url = (p: string) => `${server.baseUrl}${p}`;

  function screenshotOnFailure(name: string) {
    onTestFailed(async () => {
      const file = path.join(os.tmpdir(), `quancheng-e2e-failed-${name}.png`);
      await page().screenshot({ path: file, fullPage: true });
      console.error(`screenshot of the failure: ${file}\nserver output:\n${server.output().slice(-4000)}`);
    });
  }

  async function screenshot(name: string) {
    const file = path.join(os.tmpdir(), `quancheng-e2e-${name}.png`);
    await page().screenshot({ path: file, fullPage: true });
    console.info(`screenshot: ${file}`);
  }

  async function signInAs(p: Page, person: Person) {
    if (!p.url().endsWith('/login')) {
      await p.goto(url('/'));
      const signedIn = await p
        .getByRole('button', { name: '退出登录' })
        .waitFor({ timeout: 3000 })
        .then(() => true)
        .catch(() => false);
      if (signedIn) {
        await p.getByRole('button', { name: '退出登录' }).click();
      }
      await p.waitForURL(url('/login'));
    }
    await signIn(p, person.username, person.password);
    await p.getByTestId('welcome').waitFor();
  }

  const transition = (p: Page, id: string) => p.locator(`[data-testid=transition][data-transition=${id}]`);

  it('A6.1 the officer registers a complaint against a new employer and sees the 5-working-day deadline', async () => {
    screenshotOnFailure('cases-register');
    const p = page();
    await p.goto(url('/login'));
    await signInAs(p, OFFICER);
    // The workbench shows 我的期限 (empty for now).
    await p.getByTestId('home-deadlines').waitFor();

    await p.getByRole('menuitem', { name: '案件' }).click();
    await p.waitForURL(url('/cases'));
    await p.getByText('尚无案件').waitFor();
    await p.getByRole('button', { name: /登记$/ }).click();
    await p.waitForURL(url('/cases/new'));

    const form = p.locator('form[id=case-register]');
    // 投诉 is the default source.
    await form.getByLabel('投诉（举报）人', { exact: true }).fill('王五');
    await form.getByLabel('联系电话', { exact: true }).fill('13800000000');
    await form.getByText('登记新当事人', { exact: true }).click();
    await form.getByLabel('单位名称', { exact: true }).fill(EMPLOYER);
    // A mistyped check character is caught before anything is sent.
    const wrong = USCC_17 + (usccCheck(USCC_17) === '0' ? '1' : '0');
    await form.getByLabel('统一社会信用代码', { exact: true }).fill(wrong);
    await form.getByText(`应为 ${usccCheck(USCC_17)}`).waitFor();
    await form.getByLabel('统一社会信用代码', { exact: true }).fill(USCC);
    await form.getByLabel('法定代表人', { exact: true }).fill('孙某');
    await form.getByLabel('案由', { exact: true }).fill(CAUSE);
    await form
      .getByLabel('基本案情', { exact: true })
      .fill('投诉人王五反映该公司拖欠其2025年10月至12月工资共计18000元，提供了考勤记录和工资条。');
    // The signed-in officer is chosen already; the second one is added.
    await pickOption(p, form, '承办人员', SECOND.name);
    await p.keyboard.press('Escape');
    await screenshot('cases-register-form');
    await form.getByRole('button', { name: '登记', exact: true }).click();

    await p.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    caseUrl = p.url();
    const regNumber = await p.getByTestId('case-reg-number').first().textContent();
    expect(regNumber).toMatch(/临人社监登〔\d{4}〕第\d+号/);
    expect(await p.getByTestId('case-party').textContent()).toBe(EMPLOYER);
    const officers = await p.getByTestId('case-officers').textContent();
    expect(officers).toContain(`${OFFICER.name}`);
    expect(officers).toContain(`执法证 ${SECOND.certNo ?? ''}`);

    const acceptance = p.locator('[data-testid=deadline][data-period=complaint_acceptance]');
    await acceptance.waitFor();
    expect(await acceptance.textContent()).toContain('投诉受理或不予受理');
    expect(await acceptance.getByTestId('days-left').textContent()).toMatch(/剩 [1-5] 个工作日|今日到期/);
    expect(await acceptance.getByTestId('light').getAttribute('data-light')).toMatch(/^(green|yellow|red)$/);
    await screenshot('cases-registered');
  });

  it('A6.1 the officer proposes 立案 with an opinion', async () => {
    screenshotOnFailure('cases-propose');
    const p = page();
    const open = transition(p, 'open_case');
    await open.getByRole('button', { name: '提请审批' }).click();
    const dialog = p.getByRole('dialog');
    await dialog
      .getByLabel('承办人意见', { exact: true })
      .fill('案件事实基本清楚，属本局管辖，建议立案调查。');
    await dialog.getByRole('button', { name: '提请审批' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await open.getByText('审批中').waitFor();
    await p.locator('[data-testid=timeline-event][data-action="approval.proposed"]').waitFor();
  });

  it('the unit head and the agency head approve in 审批', async () => {
    screenshotOnFailure('cases-approve');
    const p = page();
    for (const head of [UNIT_HEAD, AGENCY_HEAD]) {
      await signInAs(p, head);
      const menu = p.getByRole('menuitem', { name: /审批/ });
      await expect.poll(() => menu.getByTestId('approvals-badge').textContent()).toContain('1');
      await menu.click();
      await p.waitForURL(url('/approvals'));
      const row = p
        .getByTestId('approvals-table')
        .locator('tbody tr.ant-table-row')
        .filter({ hasText: CAUSE });
      await row.waitFor();
      expect(await row.textContent()).toContain('立案');
      if (head === AGENCY_HEAD) {
        await screenshot('cases-approvals-inbox');
      }
      await row.getByRole('button', { name: '同意', exact: true }).click();
      const dialog = p.getByRole('dialog');
      await dialog.getByLabel('审批意见', { exact: true }).fill(`同意立案。${head.name}`);
      await dialog.getByRole('button', { name: '同意', exact: true }).click();
      await dialog.waitFor({ state: 'hidden' });
      await p.getByText('没有待您审批的事项').waitFor();
    }
  });

  it('A6.1 the officer sees the case number, the timeline and the investigation deadline', async () => {
    screenshotOnFailure('cases-opened');
    const p = page();
    await signInAs(p, OFFICER);
    await p.getByRole('menuitem', { name: '案件' }).click();
    const link = p.getByTestId('cases-table').getByTestId('case-link').first();
    await expect.poll(() => link.textContent()).toMatch(CASE_NUMBER);
    await link.click();
    await p.waitForURL(caseUrl);
    caseNumber = (await p.getByTestId('case-number').textContent()) ?? '';
    expect(caseNumber).toMatch(CASE_NUMBER);
    expect(await p.getByTestId('case-step').textContent()).toContain('调查取证');

    const events = (action: string) => p.locator(`[data-testid=timeline-event][data-action="${action}"]`);
    expect(await events('case.registered').count()).toBe(1);
    expect(await events('approval.proposed').count()).toBe(1);
    expect(await events('approval.approved').count()).toBe(2);
    expect(await events('case.opened').count()).toBe(1);
    expect(await events('approval.approved').first().textContent()).toContain('审批同意');

    const approvals = p.getByTestId('case-approval');
    expect(await approvals.first().getAttribute('data-state')).toBe('approved');
    const decisions = await approvals.first().getByTestId('approval-decision').allTextContents();
    expect(decisions.join(' ')).toContain(UNIT_HEAD.name);
    expect(decisions.join(' ')).toContain(AGENCY_HEAD.name);

    const investigation = p.locator('[data-testid=deadline][data-period=investigation][data-status=open]');
    await investigation.waitFor();
    expect(await investigation.getByTestId('light').getAttribute('data-light')).toBe('green');
    expect(
      await p.locator('[data-testid=deadline][data-period=complaint_acceptance]').getAttribute('data-status'),
    ).toBe('met');
    // Record completeness (A33.1): the opening's approval chain is on record.
    const completeness = p.getByTestId('case-completeness');
    await completeness.getByText('完整', { exact: true }).waitFor();
    expect(await completeness.getByTestId('completeness-item').first().getAttribute('data-status')).toBe(
      'present',
    );
    expect(await completeness.getByTestId('completeness-item').first().textContent()).toContain('A6.1');
    await screenshot('cases-opened');

    // A tablet: the panels stack and nothing needs a horizontal scroll.
    await p.setViewportSize({ width: 768, height: 1024 });
    await p.getByTestId('next-steps').waitFor();
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot('cases-opened-tablet');
    await p.setViewportSize({ width: 1440, height: 900 });
  });

  it('drafts and issues the 立案审批表; the PDF holds its title and the case number', async () => {
    screenshotOnFailure('cases-document');
    const p = page();
    await p.goto(caseUrl);
    await p.getByTestId('case-documents').getByRole('button', { name: /起草/ }).click();
    await p.getByRole('menuitem', { name: '立案审批表' }).click();
    await p.waitForURL(/\/documents\/[0-9a-f-]{36}$/);
    expect(await p.getByTestId('document-title').textContent()).toBe('立案审批表');
    // Prefilled from the case.
    await expect.poll(() => p.getByLabel('案由', { exact: true }).inputValue()).toBe(CAUSE);
    await p.getByTestId('document-preview').waitFor({ timeout: 30_000 });

    const saved = p.waitForResponse(
      (r) => r.request().method() === 'PATCH' && r.url().includes('/api/documents/'),
    );
    await p.getByLabel('立案依据', { exact: true }).fill('《劳动保障监察条例》第十八条');
    await p.getByLabel('承办人意见', { exact: true }).fill('建议立案调查。');
    await saved;
    await p.locator('[data-testid=save-state][data-state=saved]').waitFor();
    await screenshot('cases-document-draft');

    await p.getByRole('button', { name: '签发', exact: true }).click();
    const confirm = p.locator('.ant-modal-confirm');
    await confirm.getByText('签发后文书内容冻结，分配文号，不可修改').waitFor();
    await confirm.getByRole('button', { name: '签发' }).click();
    await p.getByTestId('document-sha256').waitFor();
    expect(await p.getByTestId('document-sha256').textContent()).toMatch(/^[0-9a-f]{64}$/);
    await screenshot('cases-document-issued');

    const download = p.waitForEvent('download');
    await p.getByRole('link', { name: /下载 PDF/ }).click();
    const file = path.join(scratch, 'filing-approval.pdf');
    await (await download).saveAs(file);
    const text = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text.status).toBe(0);
    const flat = text.stdout.replace(/\s+/g, '');
    expect(flat).toContain('立案审批表');
    expect(flat).toContain(caseNumber);

    // Back on the case: the document is listed as issued.
    await p.goto(caseUrl);
    const row = p.getByTestId('case-documents').locator('tbody tr').filter({ hasText: '立案审批表' });
    await row.getByText('已签发').waitFor();
    await p.locator('[data-testid=timeline-event][data-action="document.issued"]').waitFor();
  });

  it('shows the case in English', async () => {
    screenshotOnFailure('cases-english');
    const p = page();
    await p.goto(caseUrl);
    await p.getByText('English', { exact: true }).click();
    await p.getByText('Next steps / missing').waitFor();
    await p.getByText('Timeline', { exact: true }).waitFor();
    expect(
      await p.locator('[data-testid=timeline-event][data-action="case.opened"]').textContent(),
    ).toContain('Case opened');
    expect(await p.locator('[data-testid=deadline][data-period=investigation]').textContent()).toContain(
      'Investigation after the case is opened',
    );
    await screenshot('cases-english');
  });
});

import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import {
  closeDatePicker,
  hasChromium,
  launchBrowser,
  pickOption,
  typeDate,
  type Browser,
} from './support/browser';
import { parseOneTimePassword, startServer, type RunningServer } from './support/server';
import { changePassword as changeOwnPassword, signIn } from './support/session';

const required = process.env.E2E_REQUIRED === '1';
const ADMIN_PASSWORD = 'Xinxi#Zhongxin2026';
const UNIT = '劳动保障监察大队';
const OFFICER = {
  username: 'zhangsan',
  name: '张三',
  certNo: 'RS-37010020260001',
  phone: '13800138000',
  initialPassword: 'Chushi#Mima2026',
  newPassword: 'Zhifa!Quancheng2026',
};

/** A date `days` away from today in Asia/Shanghai, as YYYY-MM-DD. */
function shanghaiDate(days: number): string {
  const at = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(at);
}

describe.skipIf(!hasChromium && !required)('first run: administrator sets up a unit and an officer', () => {
  let server: RunningServer;
  let browser: Browser;
  let oneTimePassword: string;

  beforeAll(async () => {
    if (!hasChromium) {
      throw new Error('E2E_REQUIRED=1 but /usr/bin/chromium is missing (apt-get install chromium)');
    }
    server = await startServer();
    // Proves the first start prints the administrator's one-time password.
    oneTimePassword = await server.waitForOutput(parseOneTimePassword);
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
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

  const login = (username: string, password: string) => signIn(page(), username, password);
  const changePassword = (current: string, next: string) =>
    changeOwnPassword(page(), server.baseUrl, current, next);

  it('sends a stranger to the Chinese sign-in page', async () => {
    screenshotOnFailure('login');
    const p = page();
    await p.goto(url('/'));
    await p.waitForURL(url('/login'));
    expect(await p.locator('html').getAttribute('lang')).toBe('zh-CN');
    await p.getByRole('heading', { name: '登录' }).waitFor();
    expect(await p.title()).toBe('全程 · 行政执法全过程记录');
  });

  it('lets the administrator sign in with the printed one-time password and change it', async () => {
    screenshotOnFailure('admin-password');
    await login('admin', oneTimePassword);
    await changePassword(oneTimePassword, ADMIN_PASSWORD);
    await page().getByTestId('welcome').getByText('欢迎').waitFor();
  });

  it('creates a unit in 单位管理', async () => {
    screenshotOnFailure('unit');
    const p = page();
    await p.getByRole('menuitem', { name: '单位管理' }).click();
    await p.waitForURL(url('/admin/units'));
    await p.getByRole('button', { name: '新建单位' }).click();
    const dialog = p.getByRole('dialog');
    await dialog.getByLabel('单位名称', { exact: true }).fill(UNIT);
    await dialog.getByRole('button', { name: '保存' }).click();
    await p.getByText(`已新建单位“${UNIT}”`).waitFor();
    await p.getByRole('row').filter({ hasText: UNIT }).waitFor();
  });

  it('creates an officer in 人员管理', async () => {
    screenshotOnFailure('officer');
    const p = page();
    await p.getByRole('menuitem', { name: '人员管理' }).click();
    await p.waitForURL(url('/admin/users'));
    await p.getByRole('button', { name: '新建人员' }).click();
    const drawer = p.getByRole('dialog');
    await drawer.getByLabel('用户名', { exact: true }).fill(OFFICER.username);
    await drawer.getByLabel('姓名', { exact: true }).fill(OFFICER.name);
    await pickOption(p, drawer, '执法单位', UNIT);
    await pickOption(p, drawer, '角色', '执法人员');
    await p.keyboard.press('Escape');
    await drawer.getByLabel('执法证号', { exact: true }).fill(OFFICER.certNo);
    await typeDate(drawer.getByPlaceholder('开始日期'), shanghaiDate(-365));
    await typeDate(drawer.getByPlaceholder('截止日期'), shanghaiDate(3 * 365));
    await closeDatePicker(p, drawer.getByPlaceholder('截止日期'));
    await drawer.getByLabel('联系电话', { exact: true }).fill(OFFICER.phone);
    await drawer.getByLabel('初始密码', { exact: true }).fill(OFFICER.initialPassword);
    // The hints re-render after each keystroke; wait for them rather than read them once.
    await expect
      .poll(() => drawer.getByTestId('password-hints').locator('[data-ok="false"]').count())
      .toBe(0);
    await drawer.getByRole('button', { name: '保存' }).click();
    await p.getByText(`已新建人员“${OFFICER.name}”`).waitFor();
    const row = p.getByRole('row').filter({ hasText: OFFICER.username });
    await row.waitFor();
    expect(await row.textContent()).toContain(UNIT);
    expect(await row.textContent()).toContain('执法人员');
  });

  it('lets the officer sign in, change the initial password and see the Chinese workbench', async () => {
    screenshotOnFailure('officer-home');
    const p = page();
    await p.getByRole('button', { name: '退出登录' }).click();
    await p.waitForURL(url('/login'));
    await login(OFFICER.username, OFFICER.initialPassword);
    await changePassword(OFFICER.initialPassword, OFFICER.newPassword);

    const welcome = p.getByTestId('welcome');
    await welcome.waitFor();
    expect(await welcome.textContent()).toBe(`欢迎，${OFFICER.name}`);
    expect(await p.getByTestId('current-user').textContent()).toContain(UNIT);
    expect(await p.getByTestId('cert-status').textContent()).toBe('今日持有有效执法证');
    await p.getByRole('menuitem', { name: '工作台' }).waitFor();
    expect(await p.getByRole('menuitem', { name: '人员管理' }).count()).toBe(0);
    expect(await p.getByRole('menuitem', { name: '单位管理' }).count()).toBe(0);

    await p.getByText('密码已修改').waitFor({ state: 'hidden' });
    const file = path.join(os.tmpdir(), 'quancheng-e2e-officer-home.png');
    await p.screenshot({ path: file, fullPage: true });
    console.info(`screenshot: ${file}`);
  });
});

import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { hasChromium, launchBrowser, pickOption, type Browser } from './support/browser';
import { parseOneTimePassword, REPO_ROOT, startServer, type RunningServer } from './support/server';
import { changePassword, signIn } from './support/session';

const required = process.env.E2E_REQUIRED === '1';
const ADMIN_PASSWORD = 'Xinxi#Zhongxin2026';
const UNIT = '社会保险稽核科';

describe.skipIf(!hasChromium && !required)('记录核验: verify a unit, its proof and tampering', () => {
  let server: RunningServer;
  let browser: Browser;
  let oneTimePassword: string;
  let unitId = '';
  let publicKeyFile = '';

  beforeAll(async () => {
    if (!hasChromium) {
      throw new Error('E2E_REQUIRED=1 but /usr/bin/chromium is missing (apt-get install chromium)');
    }
    // No scheduled signing: the heads this test sees are the ones it signs.
    server = await startServer({ env: { LEDGER_HEAD_INTERVAL_SECONDS: '0' } });
    oneTimePassword = await server.waitForOutput(parseOneTimePassword);
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const page = () => browser.page;
  const url = (p: string) => `${server.baseUrl}${p}`;
  const databaseFile = () => path.join(server.dataDir, 'quancheng.sqlite');

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

  /** Clicks 核验 and waits for the answer of this check, not the one shown before. */
  async function verify(type: 'unit' | 'user' = 'unit') {
    const p = page();
    const card = p.getByTestId('ledger-verify');
    const answered = p.waitForResponse(
      (r) => r.url().includes(`/api/ledger/subjects/${type}/`) && r.url().endsWith('/verify'),
    );
    await card.getByRole('button', { name: '核验' }).click();
    expect((await answered).status()).toBe(200);
    return card.getByTestId('ledger-result');
  }

  it('lets the administrator sign in, change the password and create a unit', async () => {
    screenshotOnFailure('ledger-setup');
    const p = page();
    await p.goto(url('/'));
    await p.waitForURL(url('/login'));
    await signIn(p, 'admin', oneTimePassword);
    await changePassword(p, server.baseUrl, oneTimePassword, ADMIN_PASSWORD);

    await p.getByRole('menuitem', { name: '单位管理' }).click();
    await p.waitForURL(url('/admin/units'));
    await p.getByRole('button', { name: '新建单位' }).click();
    const dialog = p.getByRole('dialog');
    await dialog.getByLabel('单位名称', { exact: true }).fill(UNIT);
    await dialog.getByRole('button', { name: '保存' }).click();
    await p.getByText(`已新建单位“${UNIT}”`).waitFor();

    expect(existsSync(databaseFile())).toBe(true);
    const db = new Database(databaseFile(), { readonly: true });
    try {
      const row = db.prepare('SELECT id FROM units WHERE name = ?').get(UNIT) as { id: string } | undefined;
      expect(row).toBeDefined();
      unitId = row?.id ?? '';
    } finally {
      db.close();
    }
  });

  it('shows the current signed tree head in 记录核验 and signs one on demand', async () => {
    screenshotOnFailure('ledger-head');
    const p = page();
    await p.getByRole('menuitem', { name: '记录核验' }).click();
    await p.waitForURL(url('/ledger'));
    const head = p.getByTestId('ledger-head');
    await head.getByText('当前签名树头').waitFor();
    await head.getByTestId('ledger-tree-size').waitFor();
    expect(Number(await head.getByTestId('ledger-tree-size').textContent())).toBeGreaterThan(0);
    // Either nothing was signed yet, or a head is shown: both are valid first states.
    await head.getByText('尚无签名树头').or(head.getByTestId('ledger-root-hash')).first().waitFor();

    await head.getByRole('button', { name: '立即签名' }).click();
    await p.getByText(/已签名树头（树大小 \d+）/).waitFor();
    const rootHash = head.getByTestId('ledger-root-hash');
    await rootHash.waitFor();
    expect(await rootHash.textContent()).toMatch(/^[0-9a-f]{64}$/);

    await head.getByRole('button', { name: '公钥' }).click();
    expect(await head.getByTestId('ledger-public-key').textContent()).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    const [download] = await Promise.all([
      p.waitForEvent('download'),
      head.getByRole('button', { name: '下载公钥' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('quancheng-ledger-public-key.pem');
    publicKeyFile = await download.path();
    expect(readFileSync(publicKeyFile, 'utf8')).toMatch(/^-----BEGIN PUBLIC KEY-----/);
  });

  it('verifies the unit: 核验通过 and its entries', async () => {
    screenshotOnFailure('ledger-verify-ok');
    const p = page();
    const card = p.getByTestId('ledger-verify');
    await card.getByText('执法单位', { exact: true }).click();
    expect(await card.getByRole('radio', { name: '执法单位' }).isChecked()).toBe(true);
    await pickOption(p, card, '核验对象', UNIT);
    const result = await verify();
    await result.getByText('核验通过', { exact: true }).waitFor();
    expect(await result.getByTestId('ledger-result-detail').textContent()).toMatch(
      /^\d+ 条台账记录均完整，包含在签名树头（树大小 \d+）中，业务数据与台账一致$/,
    );
    const created = result.getByRole('row').filter({ hasText: '新建单位' });
    await created.waitFor();
    expect(await created.textContent()).toContain('unit.created');
    expect(await created.getByRole('img', { name: '已包含' }).count()).toBe(1);
    await screenshot('ledger-verified');
  });

  it('downloads the proof bundle as a JSON file', async () => {
    screenshotOnFailure('ledger-bundle');
    const p = page();
    const [download] = await Promise.all([
      p.waitForEvent('download'),
      p.getByRole('button', { name: '下载证明包' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^quancheng-proof-unit-${unitId}-\\d+\\.json$`));
    const file = await download.path();
    const bundle = JSON.parse(readFileSync(file, 'utf8')) as {
      format: string;
      head: { treeSize: number; rootHash: string };
      entries: { seq: number; event: string }[];
    };
    expect(bundle.format).toBe('quancheng-proof-bundle/1');
    expect(bundle.head.rootHash).toMatch(/^[0-9a-f]{64}$/);
    expect(bundle.entries.length).toBeGreaterThan(0);
    expect(bundle.entries.some((e) => e.event.includes(unitId))).toBe(true);

    // What the page tells its users to do: check the bundle offline with the downloaded key.
    const offline = spawnSync(process.execPath, ['verifier/cli.mjs', file, '--public-key', publicKeyFile], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    expect(offline.status, offline.stdout + offline.stderr).toBe(0);
    await p.getByText(/已下载证明包 quancheng-proof-unit-/).waitFor();
  });

  it('catches a unit changed behind the application: 核验未通过 names the unit', async () => {
    screenshotOnFailure('ledger-verify-failed');
    const db = new Database(databaseFile());
    try {
      db.pragma('busy_timeout = 5000');
      const changed = db.prepare("UPDATE units SET name = name || 'X' WHERE id = ?").run(unitId);
      expect(changed.changes).toBe(1);
    } finally {
      db.close();
    }

    const result = await verify();
    await result.getByText('核验未通过', { exact: true }).waitFor();
    const findings = result.getByTestId('ledger-finding');
    expect(await findings.count()).toBeGreaterThan(0);
    const messages = await findings.allTextContents();
    expect(messages.some((m) => m.includes(unitId) && m.includes('业务数据已被改动'))).toBe(true);
    await screenshot('ledger-tampered');
  });

  it('finds a person by name on the server and verifies their record, in either language', async () => {
    screenshotOnFailure('ledger-verify-person');
    const p = page();
    const card = p.getByTestId('ledger-verify');
    await card.getByText('人员', { exact: true }).click();
    expect(await card.getByRole('radio', { name: '人员' }).isChecked()).toBe(true);
    const input = card.getByLabel('核验对象', { exact: true });
    await input.click();
    const searched = p.waitForResponse(
      (r) => r.url().includes('/api/ledger/subjects?type=user') && r.url().includes('q=%E7%B3%BB'),
    );
    await input.fill('系统');
    await searched;
    await p
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: '系统管理员' })
      .first()
      .click();

    const result = await verify('user');
    // The unit's tampering is the unit's finding; this person's record is intact.
    await result.getByText('核验通过', { exact: true }).waitFor();
    await result.getByRole('row').filter({ hasText: '修改密码' }).waitFor();
    expect(await result.getByRole('row').filter({ hasText: 'user.password_changed' }).count()).toBe(1);

    await p.getByText('English', { exact: true }).click();
    await result.getByText('Verified', { exact: true }).waitFor();
    await result.getByText('Password changed').first().waitFor();
    await screenshot('ledger-person-en');
  });
});

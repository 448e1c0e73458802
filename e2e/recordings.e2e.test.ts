import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { apiSignIn } from './support/api';
import {
  closeDatePicker,
  hasChromium,
  launchBrowser,
  pickOption,
  typeDate,
  type Browser,
} from './support/browser';
import {
  AVI_VIDEO,
  JPEG_PHOTO,
  NOISY_VIDEO,
  TEN_SECOND_VIDEO,
  WAV_AUDIO,
  testMedia,
  type TestMedia,
} from './support/media';
import { parseOneTimePassword, startServer, type RunningServer } from './support/server';
import { signIn } from './support/session';

const required = process.env.E2E_REQUIRED === '1';
const ADMIN_PASSWORD = 'Xinxi#Zhongxin2026';
const UNIT = '劳动保障监察大队';
const OFFICER = {
  username: 'lisi',
  name: '李四',
  initialPassword: 'Chushi#Mima2026',
  password: 'Zhifa!Luxiang2026',
};
const DEVICE = 'DSJA0123456';
/** GA/T 947 naming: device, badge, capture start (China time), sequence. */
const VIDEO_NAME = `${DEVICE}_330102_20260315093012_0001.MP4`;
const PHOTO_NAME = 'IMG_20260315_093512.jpg';
/** A PDF dressed up as a video: refused, saying what it really is. */
const NOT_MEDIA_NAME = '现场录像.mp4';
const AVI_NAME = `${DEVICE}_330102_20260315100000_0003.AVI`;
const AUDIO_NAME = 'REC20260315101500.wav';
const LARGE_NAME = `${DEVICE}_330102_20260315094500_0002.MP4`;

describe.skipIf(!hasChromium && !required)('音像记录: upload, find, play', () => {
  let server: RunningServer;
  let browser: Browser;
  let media: TestMedia;
  let videoFile = '';
  let photoFile = '';
  let largeFile = '';
  let aviFile = '';
  let audioFile = '';
  let notMediaFile = '';
  let videoSha256 = '';

  beforeAll(async () => {
    if (!hasChromium) {
      throw new Error('E2E_REQUIRED=1 but /usr/bin/chromium is missing (apt-get install chromium)');
    }
    media = testMedia();
    videoFile = media.make(VIDEO_NAME, TEN_SECOND_VIDEO);
    photoFile = media.make(PHOTO_NAME, JPEG_PHOTO);
    largeFile = media.make(LARGE_NAME, NOISY_VIDEO);
    aviFile = media.make(AVI_NAME, AVI_VIDEO);
    audioFile = media.make(AUDIO_NAME, WAV_AUDIO);
    notMediaFile = path.join(media.dir, NOT_MEDIA_NAME);
    writeFileSync(
      notMediaFile,
      '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
    );
    videoSha256 = createHash('sha256').update(readFileSync(videoFile)).digest('hex');

    server = await startServer();
    const oneTimePassword = await server.waitForOutput(parseOneTimePassword);
    const admin = await apiSignIn(server.baseUrl, 'admin', oneTimePassword, ADMIN_PASSWORD);
    const unit = await admin.request<{ id: string }>('POST', '/api/units', { name: UNIT });
    const officer = await admin.request<{ id: string }>('POST', '/api/users', {
      username: OFFICER.username,
      name: OFFICER.name,
      password: OFFICER.initialPassword,
      unitId: unit.id,
      roles: ['officer'],
    });
    await admin.request('POST', '/api/devices', {
      deviceNumber: DEVICE,
      model: 'DSJ-V9',
      unitId: unit.id,
      officerId: officer.id,
    });
    await apiSignIn(server.baseUrl, OFFICER.username, OFFICER.initialPassword, OFFICER.password);
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    media?.remove();
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

  it('uploads a body-camera video and a photo with visible progress', async () => {
    screenshotOnFailure('recordings-upload');
    const p = page();
    await p.goto(url('/'));
    await p.waitForURL(url('/login'));
    await signIn(p, OFFICER.username, OFFICER.password);
    await p.getByTestId('welcome').waitFor();

    await p.getByRole('menuitem', { name: '音像记录上传' }).click();
    await p.waitForURL(url('/recordings/upload'));
    await p.getByLabel('地点', { exact: true }).fill('某某建筑公司项目部');
    await p.getByLabel('当事人', { exact: true }).fill('某某建筑有限公司');
    await p.getByLabel('案由', { exact: true }).fill('拖欠农民工工资');

    await p.locator('input[type=file]').setInputFiles([videoFile, photoFile, notMediaFile]);
    const rows = p.getByTestId('upload-file');
    expect(await rows.count()).toBe(3);
    await p.getByRole('button', { name: '开始上传（3 个文件）' }).click();

    const total = p.getByTestId('upload-total').getByRole('progressbar');
    await total.waitFor();
    await expect.poll(() => total.getAttribute('aria-valuenow'), { timeout: 60_000 }).toBe('100');
    const row = (name: string) => p.locator(`[data-testid=upload-file][data-file-name="${name}"]`);

    const video = row(VIDEO_NAME);
    await video.and(p.locator('[data-status=done]')).waitFor({ timeout: 60_000 });
    await video.locator('[data-testid=upload-outcome][data-outcome=stored]').waitFor();
    // What the file name said, for the officer to confirm.
    expect(await video.getByTestId('parsed-device').textContent()).toBe(DEVICE);
    expect(await video.getByTestId('parsed-capture').textContent()).toBe('2026-03-15 09:30:12');
    expect(await video.getByTestId('upload-recording-link').textContent()).toBe(VIDEO_NAME);

    const photo = row(PHOTO_NAME);
    await photo.and(p.locator('[data-status=done]')).waitFor({ timeout: 60_000 });
    await photo.locator('[data-testid=upload-outcome][data-outcome=stored]').waitFor();
    expect(await photo.getByTestId('parsed-capture').textContent()).toBe('2026-03-15 09:35:12');

    const refused = row(NOT_MEDIA_NAME);
    await refused.and(p.locator('[data-status=refused]')).waitFor({ timeout: 60_000 });
    expect(await refused.getByTestId('upload-refused').textContent()).toContain('PDF');
    await screenshot('recordings-uploaded');
  });

  it('finds the video in 音像记录 by device and capture day, with its thumbnail', async () => {
    screenshotOnFailure('recordings-list');
    const p = page();
    // The menu entry, not 音像记录上传.
    await p.getByRole('menuitem', { name: /音像记录$/ }).click();
    await p.waitForURL(url('/recordings'));
    const table = p.getByTestId('recordings-table');
    await table.getByRole('row').filter({ hasText: PHOTO_NAME }).waitFor();

    const byDevice = p.waitForResponse((r) => r.url().includes(`deviceNumber=${DEVICE}`) && r.ok());
    const device = p.getByRole('searchbox', { name: '设备编号' });
    await device.fill(DEVICE.toLowerCase());
    await device.press('Enter');
    await byDevice;
    // Another day: nothing.
    await typeDate(p.getByPlaceholder('拍摄起始日期'), '2026-03-16');
    await typeDate(p.getByPlaceholder('拍摄截止日期'), '2026-03-16');
    await closeDatePicker(p, p.getByPlaceholder('拍摄截止日期'));
    await p.getByText('没有符合筛选条件的记录').waitFor();
    await typeDate(p.getByPlaceholder('拍摄起始日期'), '2026-03-15');
    await typeDate(p.getByPlaceholder('拍摄截止日期'), '2026-03-15');
    await closeDatePicker(p, p.getByPlaceholder('拍摄截止日期'));
    await expect.poll(() => new URL(p.url()).searchParams.get('to')).toBe('2026-03-15T15:59:59.999Z');
    expect(new URL(p.url()).searchParams.get('from')).toBe('2026-03-14T16:00:00.000Z');

    const rows = table.locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(1);
    const row = rows.first();
    expect(await row.textContent()).toContain(VIDEO_NAME);
    expect(await row.textContent()).toContain('2026-03-15 09:30:12');
    expect(await row.textContent()).toContain(OFFICER.name);
    // The poster job finishes in the background; the list polls until the thumbnail shows.
    const thumb = row.getByTestId('recording-thumb');
    await thumb.waitFor({ timeout: 60_000 });
    await expect
      .poll(() => thumb.evaluate((img) => (img as HTMLImageElement).naturalWidth))
      .toBeGreaterThan(0);

    await screenshot('recordings-list');
  });

  it('opens the video and plays it; shows its facts', async () => {
    screenshotOnFailure('recordings-play');
    const p = page();
    const table = p.getByTestId('recordings-table');
    await table.getByRole('link', { name: VIDEO_NAME }).last().click();
    await p.waitForURL(/\/recordings\/[0-9a-f-]{36}$/);
    await p.getByTestId('recording-title').getByText(VIDEO_NAME).waitFor();
    expect(await p.getByTestId('recording-sha256').textContent()).toBe(videoSha256);
    expect(await p.getByTestId('recording-device').textContent()).toBe(DEVICE);
    const facts = await p.getByTestId('recording-facts').textContent();
    expect(facts).toContain('320×240');
    expect(facts).toContain('0:10');

    const video = p.getByTestId('recording-video');
    await video.waitFor();
    await video.evaluate((v: HTMLVideoElement) => {
      v.muted = true;
      return v.play();
    });
    await expect
      .poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 30_000 })
      .toBeGreaterThan(1);
    await screenshot('recordings-playing');
    await video.evaluate((v: HTMLVideoElement) => v.pause());
  });

  it('opens the photo and zooms it', async () => {
    screenshotOnFailure('recordings-photo');
    const p = page();
    await p.goto(url('/recordings?kind=photo'));
    await p.getByTestId('recordings-table').getByRole('link', { name: PHOTO_NAME }).last().click();
    await p.waitForURL(/\/recordings\/[0-9a-f-]{36}$/);
    const photo = p.getByTestId('recording-photo').getByRole('img', { name: PHOTO_NAME });
    await photo.waitFor();
    await expect.poll(() => photo.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(640);
    await photo.click();
    await p.locator('.ant-image-preview-img').waitFor();
    await screenshot('recordings-photo');
    await p.keyboard.press('Escape');
  });

  it('corrects the photo with a reason; the history keeps the original value', async () => {
    screenshotOnFailure('recordings-correct');
    const p = page();
    await p.getByRole('button', { name: '更正信息' }).click();
    const dialog = p.getByRole('dialog', { name: '更正记录信息' });
    await dialog.getByLabel('当事人', { exact: true }).fill('某某劳务派遣有限公司');
    await dialog.getByRole('button', { name: '保存更正' }).click();
    await dialog.getByText('请填写更正原因').waitFor();
    await dialog.getByLabel('更正原因', { exact: true }).fill('当事人名称登记错误，按营业执照更正');
    await dialog.getByRole('button', { name: '保存更正' }).click();
    await p.getByText('已保存更正').waitFor();
    expect(await p.getByTestId('recording-metadata').textContent()).toContain('某某劳务派遣有限公司');

    const corrected = p.locator('[data-testid=history-entry][data-action="recording.corrected"]');
    await corrected.waitFor();
    expect(await corrected.getByTestId('history-from').textContent()).toBe('某某建筑有限公司');
    expect(await corrected.getByTestId('history-to').textContent()).toBe('某某劳务派遣有限公司');
    expect(await corrected.textContent()).toContain('当事人名称登记错误');
    await screenshot('recordings-corrected');
  });

  it('plays an AVI through its browser copy once the proxy job is done, and plays audio', async () => {
    screenshotOnFailure('recordings-proxy');
    const p = page();
    await p.goto(url('/recordings/upload'));
    await p.locator('input[type=file]').setInputFiles([aviFile, audioFile]);
    await p.getByRole('button', { name: '开始上传（2 个文件）' }).click();
    const row = (name: string) => p.locator(`[data-testid=upload-file][data-file-name="${name}"]`);
    await row(AUDIO_NAME)
      .locator('[data-testid=upload-outcome][data-outcome=stored]')
      .waitFor({ timeout: 60_000 });
    await row(AVI_NAME)
      .locator('[data-testid=upload-outcome][data-outcome=stored]')
      .waitFor({ timeout: 60_000 });

    await row(AVI_NAME).getByTestId('upload-recording-link').click();
    await p.waitForURL(/\/recordings\/[0-9a-f-]{36}$/);
    // While the proxy is made the page shows its progress and polls; then the player appears.
    const video = p.getByTestId('recording-video');
    await p.getByTestId('job-proxy').or(video).first().waitFor();
    if (await p.getByTestId('job-proxy').isVisible()) {
      await screenshot('recordings-proxy-pending');
    }
    await video.waitFor({ timeout: 120_000 });
    await video.evaluate((v: HTMLVideoElement) => {
      v.muted = true;
      return v.play();
    });
    await expect
      .poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 30_000 })
      .toBeGreaterThan(1);
    await video.evaluate((v: HTMLVideoElement) => v.pause());

    await p.goBack();
    await row(AUDIO_NAME).getByTestId('upload-recording-link').click();
    await p.waitForURL(/\/recordings\/[0-9a-f-]{36}$/);
    const audio = p.getByTestId('recording-audio');
    await audio.waitFor();
    await audio.evaluate((a: HTMLAudioElement) => {
      a.muted = true;
      return a.play();
    });
    await expect
      .poll(() => audio.evaluate((a: HTMLAudioElement) => a.currentTime), { timeout: 30_000 })
      .toBeGreaterThan(1);
    await audio.evaluate((a: HTMLAudioElement) => a.pause());
    await screenshot('recordings-audio');
  });

  it('fits a 768 px wide tablet: upload, list and recording pages', async () => {
    screenshotOnFailure('recordings-tablet');
    const p = page();
    await p.setViewportSize({ width: 768, height: 1024 });
    const pageWidth = () => p.evaluate(() => document.documentElement.scrollWidth);
    try {
      await p.goto(url('/recordings/upload'));
      await p.getByText('点击或将文件拖到此处').waitFor();
      expect(await pageWidth()).toBeLessThanOrEqual(768);
      await p.goto(url('/recordings'));
      await p.getByTestId('recordings-table').getByRole('link', { name: VIDEO_NAME }).last().waitFor();
      expect(await pageWidth()).toBeLessThanOrEqual(768);
      await screenshot('recordings-tablet-list');
      await p.getByTestId('recordings-table').getByRole('link', { name: VIDEO_NAME }).last().click();
      await p.getByTestId('recording-facts').waitFor();
      expect(await pageWidth()).toBeLessThanOrEqual(768);
      await screenshot('recordings-tablet-recording');
    } finally {
      await p.setViewportSize({ width: 1440, height: 900 });
    }
  });

  it('pauses an upload, survives a page reload and continues where it stopped', async () => {
    screenshotOnFailure('recordings-resume');
    const p = page();
    // A slow link (4 MB/s up), so the 18 MB file can be paused half-way.
    const cdp = await browser.context.newCDPSession(p);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 20,
      downloadThroughput: -1,
      uploadThroughput: 4 * 1024 * 1024,
    });
    try {
      await p.goto(url('/recordings/upload'));
      await p.getByLabel('地点', { exact: true }).fill('某某建筑公司项目部');
      await p.locator('input[type=file]').setInputFiles(largeFile);
      await p.getByRole('button', { name: '开始上传（1 个文件）' }).click();
      const row = p.locator(`[data-testid=upload-file][data-file-name="${LARGE_NAME}"]`);
      const bar = row.getByRole('progressbar');
      await expect
        .poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 30_000 })
        .toBeGreaterThanOrEqual(40);
      await row.getByRole('button', { name: '暂停' }).click();
      await row.and(p.locator('[data-status=paused]')).waitFor();

      await p.reload();
      await p.locator('input[type=file]').setInputFiles(largeFile);
      await p.getByRole('button', { name: '开始上传（1 个文件）' }).click();
      await row.getByText(/^已从 .+ 处续传$/).waitFor();
      await row.and(p.locator('[data-status=done]')).waitFor({ timeout: 60_000 });
      // Same camera, same place, 14 min 38 s after the first segment ended: 断续录制 (A22.5).
      const gap = row.locator('[data-testid=recording-flag][data-kind=gap]');
      await gap.waitFor();
      expect(await gap.textContent()).toBe('断续录制 14:38');
      await screenshot('recordings-resumed');
    } finally {
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput: -1,
      });
      await cdp.detach();
    }
  });

  it('lets the IT administrator register a body camera in 执法记录仪', async () => {
    screenshotOnFailure('recordings-devices');
    const p = page();
    await p.getByRole('button', { name: '退出登录' }).click();
    await p.waitForURL(url('/login'));
    await signIn(p, 'admin', ADMIN_PASSWORD);
    await p.getByTestId('welcome').waitFor();
    await p.getByRole('menuitem', { name: '执法记录仪' }).click();
    await p.waitForURL(url('/admin/devices'));
    const existing = p.getByRole('row').filter({ hasText: DEVICE });
    await existing.waitFor();
    expect(await existing.textContent()).toContain(OFFICER.name);

    await p.getByRole('button', { name: '登记设备' }).click();
    const dialog = p.getByRole('dialog', { name: '登记设备' });
    await dialog.getByLabel('设备编号', { exact: true }).fill('dsjb0000002');
    await dialog.getByLabel('型号', { exact: true }).fill('DSJ-V9');
    await pickOption(p, dialog, '执法单位', UNIT);
    await dialog.getByRole('button', { name: '保存' }).click();
    await p.getByText('已登记设备 DSJB0000002').waitFor();
    const added = p.getByRole('row').filter({ hasText: 'DSJB0000002' });
    await added.waitFor();
    expect(await added.textContent()).toContain('在用');

    await added.getByRole('button', { name: '编辑' }).click();
    const edit = p.getByRole('dialog', { name: '编辑设备' });
    expect(await edit.getByLabel('设备编号', { exact: true }).isDisabled()).toBe(true);
    await pickOption(p, edit, '状态', '维修中');
    await edit.getByRole('button', { name: '保存' }).click();
    await p.getByText('已保存').waitFor();
    await expect.poll(async () => added.textContent()).toContain('维修中');
    await screenshot('recordings-devices');

    // Second language: the same registry in English.
    await p.getByText('English', { exact: true }).click();
    await p.getByRole('button', { name: 'Register device' }).waitFor();
    await expect.poll(async () => added.textContent()).toContain('Under repair');
    // IT administers cameras but does not see evidence.
    expect(await p.getByRole('menuitem', { name: /Recordings$/ }).count()).toBe(0);
    await screenshot('recordings-devices-en');
  });
});

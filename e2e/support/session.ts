import type { Page } from 'playwright-core';

/** Signs in on the Chinese sign-in page. */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByRole('heading', { name: '登录' }).waitFor();
  await page.getByLabel('用户名', { exact: true }).fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

/** Answers the forced password change after a first sign-in and lands on the workbench. */
export async function changePassword(
  page: Page,
  baseUrl: string,
  current: string,
  next: string,
): Promise<void> {
  await page.waitForURL(`${baseUrl}/password`);
  await page.getByText('请先设置新密码').waitFor();
  await page.getByLabel('当前密码', { exact: true }).fill(current);
  await page.getByLabel('新密码', { exact: true }).fill(next);
  await page.getByLabel('确认新密码', { exact: true }).fill(next);
  await page.getByRole('button', { name: '确认修改' }).click();
  await page.waitForURL(`${baseUrl}/`);
  await page.getByText('密码已修改').waitFor();
}

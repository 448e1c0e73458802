import { afterEach, beforeEach, expect, it } from 'vitest';
import { ensureFirstAdmin } from '../src/bootstrap';
import { describeEachDialect, startTestApp, type TestContext } from './harness';
import { login, sessionFrom, signIn } from './http-client';
import { buildPerson, signInAs, TEST_PASSWORD } from './factories';

describeEachDialect('sign-in and sessions', (dialect) => {
  let ctx: TestContext & { stop(): Promise<void> };
  beforeEach(async () => {
    ctx = await startTestApp(dialect);
  });
  afterEach(async () => ctx.stop());

  it('first start creates one IT administrator whose one-time password must be changed', async () => {
    const first = await ensureFirstAdmin(ctx.app.deps);
    expect(first?.username).toBe('admin');
    expect(await ensureFirstAdmin(ctx.app.deps)).toBeNull();
    const admin = await signIn(ctx.app, 'admin', first?.password ?? '');
    const me = await admin.get('/api/auth/me');
    expect(me.json()).toMatchObject({ mustChangePassword: true, user: { roles: ['it_admin'] } });
    // Until the password is changed, nothing else is reachable.
    const units = await admin.get('/api/units');
    expect(units.statusCode).toBe(403);
    expect(units.json()).toMatchObject({
      code: 'auth.password_change_required',
      message: '请先修改初始密码',
    });
    const changed = await admin.post('/api/auth/password', {
      currentPassword: first?.password,
      newPassword: 'Bureau-Chief-2026!',
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ mustChangePassword: false });
    const fresh = sessionFrom(ctx.app, changed);
    expect((await fresh.get('/api/units')).statusCode).toBe(200);
    // The session that proved the old password has ended.
    expect((await admin.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('stores passwords as argon2id hashes, never in clear', async () => {
    const person = await buildPerson(ctx.app);
    const row = await ctx.app.deps.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', person.id)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$/);
    expect(row.password_hash).not.toContain(TEST_PASSWORD);
  });

  it('sets an httpOnly SameSite=Strict session cookie and a readable CSRF cookie, plus security headers', async () => {
    await buildPerson(ctx.app, { username: 'zhangsan' });
    const res = await login(ctx.app, 'zhangsan', TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const session = res.cookies.find((c) => c.name === 'qc_session');
    const csrf = res.cookies.find((c) => c.name === 'qc_csrf');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(csrf?.httpOnly).toBeFalsy();
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['x-request-id']).toBeTruthy();
  });

  it('answers a wrong password in the caller language without saying which part was wrong', async () => {
    await buildPerson(ctx.app, { username: 'lisi' });
    const zh = await login(ctx.app, 'lisi', 'wrong-password');
    expect(zh.statusCode).toBe(401);
    expect(zh.json()).toEqual({ code: 'auth.invalid_credentials', message: '用户名或密码错误' });
    const en = await login(ctx.app, 'nobody', 'wrong-password', 'en-US,en;q=0.9');
    expect(en.json()).toEqual({ code: 'auth.invalid_credentials', message: 'Wrong user name or password' });
  });

  it('locks the account after 5 wrong passwords: the 6th attempt is refused with the time to retry', async () => {
    await buildPerson(ctx.app, { username: 'wangwu' });
    for (let i = 1; i <= 4; i++) {
      expect((await login(ctx.app, 'wangwu', `wrong-${i}`)).statusCode).toBe(401);
    }
    const fifth = await login(ctx.app, 'wangwu', 'wrong-5');
    expect(fifth.statusCode).toBe(429);
    const sixth = await login(ctx.app, 'wangwu', TEST_PASSWORD);
    expect(sixth.statusCode).toBe(429);
    const body = sixth.json<{ code: string; message: string; retryAt: string }>();
    expect(body.code).toBe('auth.locked');
    expect(body.retryAt).toBe(new Date(ctx.clock.now().getTime() + 15 * 60_000).toISOString());
    expect(body.message).toMatch(/账号已临时锁定，请于 2026\/11\/28 10:15 后重试（约 15 分钟）/);
    ctx.clock.advanceMinutes(16);
    expect((await login(ctx.app, 'wangwu', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('a successful sign-in resets the count of failures', async () => {
    await buildPerson(ctx.app, { username: 'zhaoliu' });
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 4; i++) {
        await login(ctx.app, 'zhaoliu', 'wrong');
      }
      expect((await login(ctx.app, 'zhaoliu', TEST_PASSWORD)).statusCode).toBe(200);
    }
  });

  it('an IT administrator can unlock a locked account', async () => {
    const locked = await buildPerson(ctx.app, { username: 'locked1' });
    for (let i = 0; i < 5; i++) {
      await login(ctx.app, 'locked1', 'wrong');
    }
    const admin = await signInAs(ctx.app, { roles: ['it_admin'], unit: '信息中心' });
    const before = await admin.get(`/api/users/${locked.id}`);
    expect(before.json<{ lockedUntil: string | null }>().lockedUntil).not.toBeNull();
    expect((await admin.post(`/api/users/${locked.id}/unlock`)).statusCode).toBe(200);
    expect((await login(ctx.app, 'locked1', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('sessions end after the idle timeout and after the absolute limit', async () => {
    const idle = await signInAs(ctx.app);
    ctx.clock.advanceMinutes(29);
    expect((await idle.get('/api/auth/me')).statusCode).toBe(200);
    ctx.clock.advanceMinutes(29);
    expect((await idle.get('/api/auth/me')).statusCode).toBe(200);
    ctx.clock.advanceMinutes(31);
    const expired = await idle.get('/api/auth/me');
    expect(expired.statusCode).toBe(401);
    expect(expired.json()).toMatchObject({ code: 'auth.session_expired' });

    const busy = await signInAs(ctx.app);
    for (let h = 0; h < 12 * 4; h++) {
      ctx.clock.advanceMinutes(15);
      const res = await busy.get('/api/auth/me');
      if (h < 12 * 4 - 1) {
        expect(res.statusCode).toBe(200);
      } else {
        expect(res.statusCode).toBe(401);
      }
    }
  });

  it("a disabled person's sessions end at once", async () => {
    const admin = await signInAs(ctx.app, { roles: ['it_admin'] });
    const officer = await signInAs(ctx.app);
    expect((await officer.get('/api/auth/me')).statusCode).toBe(200);
    expect((await admin.patch(`/api/users/${officer.id}`, { active: false })).statusCode).toBe(200);
    expect((await officer.get('/api/auth/me')).statusCode).toBe(401);
    const ended = await ctx.app.deps.db
      .selectFrom('sessions')
      .select('ended_reason')
      .where('user_id', '=', officer.id)
      .executeTakeFirstOrThrow();
    expect(ended.ended_reason).toBe('user_disabled');
    // And a disabled person cannot sign in again.
    expect((await login(ctx.app, await usernameOf(officer.id), TEST_PASSWORD)).statusCode).toBe(401);
  });

  it('a password reset by an administrator ends the sessions and forces a change at next sign-in', async () => {
    const admin = await signInAs(ctx.app, { roles: ['it_admin'] });
    const officer = await signInAs(ctx.app, { username: 'reset1' });
    ctx.clock.advance(1000);
    const reset = await admin.post(`/api/users/${officer.id}/password`, { password: 'Temporary-Pass-1' });
    expect(reset.statusCode).toBe(200);
    expect(reset.json()).toMatchObject({ mustChangePassword: true });
    expect((await officer.get('/api/auth/me')).statusCode).toBe(401);
    const again = await signIn(ctx.app, 'reset1', 'Temporary-Pass-1');
    expect((await again.get('/api/units')).json()).toMatchObject({ code: 'auth.password_change_required' });
  });

  it('logout ends the session', async () => {
    const officer = await signInAs(ctx.app);
    const out = await officer.post('/api/auth/logout');
    expect(out.statusCode).toBe(204);
    expect((await officer.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('refuses state-changing requests without the CSRF token of the session', async () => {
    const admin = await signInAs(ctx.app, { roles: ['it_admin'] });
    const missing = await ctx.app.http.inject({
      method: 'POST',
      url: '/api/units',
      headers: { cookie: admin.cookie },
      payload: { name: '新单位' },
    });
    expect(missing.statusCode).toBe(403);
    expect(missing.json()).toMatchObject({ code: 'auth.csrf' });
    const wrong = await admin.post('/api/units', { name: '新单位' }, { 'x-csrf-token': 'forged' });
    expect(wrong.statusCode).toBe(403);
    const count = await ctx.app.deps.db
      .selectFrom('units')
      .select('name')
      .where('name', '=', '新单位')
      .execute();
    expect(count).toHaveLength(0);
  });

  it('enforces the password policy with a message naming the field', async () => {
    const officer = await signInAs(ctx.app, { username: 'policy1' });
    const short = await officer.post('/api/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'Ab1!',
    });
    expect(short.statusCode).toBe(400);
    expect(short.json()).toEqual({
      code: 'validation.invalid',
      field: 'newPassword',
      message: '新密码：密码至少 10 位',
    });
    const simple = await officer.post('/api/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'abcdefghijkl',
    });
    expect(simple.json()).toMatchObject({ field: 'newPassword', code: 'validation.invalid' });
    const withName = await officer.post('/api/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'Policy1-is-my-name',
    });
    expect(withName.json<{ message: string }>().message).toBe('新密码：不得包含用户名');
    const wrongCurrent = await officer.post('/api/auth/password', {
      currentPassword: 'not-it',
      newPassword: 'Good-Password-99',
    });
    expect(wrongCurrent.json()).toMatchObject({
      field: 'currentPassword',
      message: '当前密码：当前密码不正确',
    });
  });

  it('limits sign-in attempts per client address', async () => {
    await ctx.stop();
    ctx = await startTestApp(dialect, { login: { maxFailures: 5, lockMinutes: 15, ratePerMinute: 3 } });
    for (let i = 0; i < 3; i++) {
      expect((await login(ctx.app, `nobody${i}`, 'x')).statusCode).toBe(401);
    }
    const limited = await login(ctx.app, 'nobody9', 'x');
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ code: 'auth.rate_limited' });
    ctx.clock.advanceMinutes(1);
    expect((await login(ctx.app, 'nobody10', 'x')).statusCode).toBe(401);
  });

  async function usernameOf(id: string): Promise<string> {
    const row = await ctx.app.deps.db
      .selectFrom('users')
      .select('username')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return row.username;
  }
});

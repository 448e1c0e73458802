import type { UserDto, UserList } from '@quancheng/contracts';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect, startTestApp, type TestContext } from './harness';
import { buildPerson, signInAs } from './factories';
import type { Session } from './http-client';

describeEachDialect('units and people', (dialect) => {
  let ctx: TestContext & { stop(): Promise<void> };
  let admin: Session & { id: string; unitId: string };
  beforeEach(async () => {
    ctx = await startTestApp(dialect);
    admin = await signInAs(ctx.app, { roles: ['it_admin'], unit: '信息中心', username: 'itadmin' });
  });
  afterEach(async () => ctx.stop());

  async function createUnit(name: string, parentId?: string): Promise<string> {
    const res = await admin.post('/api/units', { name, ...(parentId ? { parentId } : {}) });
    expect(res.statusCode).toBe(201);
    return res.json<{ id: string }>().id;
  }

  const officerInput = (unitId: string, extra: object = {}) => ({
    username: 'zhangsan',
    name: '张三',
    password: 'Initial-Pass-2026',
    unitId,
    roles: ['officer'],
    certNo: '13020012345',
    certValidFrom: '2025-01-01',
    certValidTo: '2027-12-31',
    phone: '13800001111',
    ...extra,
  });

  it('an IT administrator creates units and refuses duplicate names and cycles', async () => {
    const brigade = await createUnit('劳动保障监察大队');
    const squad = await createUnit('一中队', brigade);
    const dup = await admin.post('/api/units', { name: '劳动保障监察大队' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toEqual({
      code: 'conflict.unit_name_taken',
      field: 'name',
      message: '单位名称“劳动保障监察大队”已存在',
    });
    const cycle = await admin.patch(`/api/units/${brigade}`, { parentId: squad });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json()).toMatchObject({ field: 'parentId', code: 'validation.invalid' });
    const list = await admin.get('/api/units');
    expect(list.json()).toMatchObject({ abilities: { create: true } });
  });

  it('a unit with active people cannot be deactivated', async () => {
    const unit = await createUnit('社会保险经办机构');
    expect((await admin.post('/api/users', officerInput(unit))).statusCode).toBe(201);
    const res = await admin.patch(`/api/units/${unit}`, { active: false });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ message: '该单位仍有 1 名在岗人员，不能停用' });
  });

  it('validation errors name the field, in zh-CN and in en, and write nothing', async () => {
    const unit = await createUnit('法制科');
    const bad = await admin.post('/api/users', officerInput(unit, { phone: '12345' }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({
      code: 'validation.invalid',
      field: 'phone',
      message: '联系电话：应为手机号或固定电话号码',
    });
    const en = await ctx.app.http.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'accept-language': 'en' },
      payload: officerInput(unit, { username: 'x' }),
    });
    expect(en.json()).toMatchObject({ field: 'username' });
    expect(en.json<{ message: string }>().message).toMatch(/^user name: may contain/);
    const missing = await admin.post('/api/users', { ...officerInput(unit), name: undefined });
    expect(missing.json()).toMatchObject({ field: 'name', message: '名称：必填' });
    const extra = await admin.post('/api/users', { ...officerInput(unit), isRoot: true });
    expect(extra.json()).toMatchObject({ field: 'isRoot', message: 'isRoot：不允许的字段' });
    const badDate = await admin.post('/api/users', officerInput(unit, { certValidTo: '2027-02-30' }));
    expect(badDate.json()).toMatchObject({
      field: 'certValidTo',
      message: '执法证有效期止：应为有效日期（YYYY-MM-DD）',
    });
    const reversed = await admin.post('/api/users', officerInput(unit, { certValidFrom: '2028-01-01' }));
    expect(reversed.json()).toMatchObject({
      field: 'certValidTo',
      message: '执法证有效期止：执法证有效期起始日期不得晚于截止日期',
    });
    const weak = await admin.post('/api/users', officerInput(unit, { password: 'password' }));
    expect(weak.json()).toMatchObject({ field: 'password' });
    const notJson = await ctx.app.http.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' },
      payload: '{"username":',
    });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json()).toMatchObject({ code: 'request.bad' });
    const users = await ctx.app.deps.db
      .selectFrom('users')
      .select('username')
      .where('username', '=', 'zhangsan')
      .execute();
    expect(users).toHaveLength(0);
  });

  it('user names are unique whatever their case', async () => {
    const unit = await createUnit('财务科');
    expect((await admin.post('/api/users', officerInput(unit))).statusCode).toBe(201);
    const again = await admin.post('/api/users', officerInput(unit, { username: 'ZhangSan' }));
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'conflict.username_taken' });
  });

  it('A3.1 a person is certified on a day only with a certificate valid that day', async () => {
    const unit = await createUnit('劳动保障监察大队');
    const created = (await admin.post('/api/users', officerInput(unit))).json<UserDto>();
    expect(created.certifiedToday).toBe(true);
    const users = ctx.app.services.users;
    expect(await users.isCertifiedOn(created.id, '2025-01-01')).toBe(true);
    expect(await users.isCertifiedOn(created.id, '2027-12-31')).toBe(true);
    expect(await users.isCertifiedOn(created.id, '2024-12-31')).toBe(false);
    expect(await users.isCertifiedOn(created.id, '2028-01-01')).toBe(false);
    const expired = await buildPerson(ctx.app, { certValidFrom: '2020-01-01', certValidTo: '2025-12-31' });
    expect(await users.isCertifiedOn(expired.id, '2026-11-28')).toBe(false);
    const none = await buildPerson(ctx.app, { certNo: null });
    expect((await admin.get(`/api/users/${none.id}`)).json<UserDto>().certifiedToday).toBe(false);
    // A disabled person is not certified either.
    await admin.patch(`/api/users/${created.id}`, { active: false });
    expect(await users.isCertifiedOn(created.id, '2026-11-28')).toBe(false);
  });

  it('A3.1 a certificate number without its validity period is refused', async () => {
    const unit = await createUnit('劳动保障监察大队');
    const res = await admin.post(
      '/api/users',
      officerInput(unit, { certValidFrom: undefined, certValidTo: undefined }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      field: 'certValidFrom',
      message: '执法证有效期起：填写执法证号时须同时填写有效期起止日期',
    });
  });

  it('the last active IT administrator cannot be disabled or lose the role, nor can one disable oneself', async () => {
    const self = await admin.patch(`/api/users/${admin.id}`, { active: false });
    expect(self.json()).toMatchObject({ code: 'org.cannot_disable_self' });
    const demote = await admin.patch(`/api/users/${admin.id}`, { roles: ['officer'] });
    expect(demote.statusCode).toBe(409);
    expect(demote.json()).toMatchObject({ code: 'org.last_admin' });
    const second = await buildPerson(ctx.app, { roles: ['it_admin'] });
    expect((await admin.patch(`/api/users/${admin.id}`, { roles: ['officer', 'it_admin'] })).statusCode).toBe(
      200,
    );
    expect((await admin.patch(`/api/users/${second.id}`, { active: false })).statusCode).toBe(200);
  });

  it('lists people with server-side paging, search, filters and sort', async () => {
    const unit = await createUnit('社会保险经办机构');
    for (let i = 0; i < 25; i++) {
      await buildPerson(ctx.app, { unit: '社会保险经办机构', name: `经办员${String(i).padStart(2, '0')}` });
    }
    const page2 = (
      await admin.get(`/api/users?unitId=${unit}&page=2&pageSize=10&sort=name&order=desc`)
    ).json<UserList>();
    expect(page2.total).toBe(25);
    expect(page2.items).toHaveLength(10);
    expect(page2.items[0]?.name).toBe('经办员14');
    const search = (await admin.get(`/api/users?q=${encodeURIComponent('经办员0')}`)).json<UserList>();
    expect(search.total).toBe(10);
    const byRole = (await admin.get('/api/users?role=it_admin')).json<UserList>();
    expect(byRole.items.map((u) => u.username)).toEqual(['itadmin']);
    const tooBig = await admin.get('/api/users?pageSize=1000');
    expect(tooBig.json()).toMatchObject({ field: 'pageSize', message: '每页条数：不得大于 200' });
  });

  it('a unit head sees the people of the unit only; others of other units are "not found"', async () => {
    const other = await buildPerson(ctx.app, { unit: '法制科' });
    const colleague = await buildPerson(ctx.app, { unit: '劳动保障监察大队' });
    const head = await signInAs(ctx.app, { roles: ['officer', 'unit_head'], unit: '劳动保障监察大队' });
    const list = (await head.get('/api/users')).json<UserList>();
    expect(list.items.every((u) => u.unitId === head.unitId)).toBe(true);
    expect(list.abilities.create).toBe(false);
    expect(list.items[0]?.abilities).toEqual({
      update: false,
      disable: false,
      resetPassword: false,
      unlock: false,
    });
    expect((await head.get(`/api/users/${colleague.id}`)).statusCode).toBe(200);
    const hidden = await head.get(`/api/users/${other.id}`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json()).toEqual({ code: 'not_found', message: '记录不存在' });
    expect((await head.patch(`/api/users/${other.id}`, { name: '改名' })).statusCode).toBe(404);
    expect((await head.patch(`/api/users/${colleague.id}`, { name: '改名' })).statusCode).toBe(403);
  });

  it('every write appends one ledger entry in its transaction; a refused write appends none', async () => {
    const ledger = () => ctx.app.deps.db.selectFrom('ledger_entries').selectAll().orderBy('seq').execute();
    const before = await ledger();
    const unit = await createUnit('档案室');
    const user = (await admin.post('/api/users', officerInput(unit))).json<UserDto>();
    await admin.patch(`/api/users/${user.id}`, { phone: '010-12345678' });
    await admin.post('/api/users', officerInput(unit)); // duplicate: refused
    const after = await ledger();
    const added = after.slice(before.length);
    expect(added.map((e) => e.action)).toEqual(['unit.created', 'user.created', 'user.updated']);
    expect(added.map((e) => e.subject_id)).toEqual([unit, user.id, user.id]);
    expect(added.every((e) => e.actor_id === admin.id && /^[0-9a-f]{64}$/.test(e.row_hash ?? ''))).toBe(true);
    // Gapless sequence from 1.
    expect(after.map((e) => Number(e.seq))).toEqual(after.map((_, i) => i + 1));
    const event = JSON.parse(added[2]?.event ?? '{}') as { detail: { changed: string[] } };
    expect(event.detail.changed).toEqual(['phone']);
    // The ledger never holds a password hash.
    expect(after.some((e) => e.event.includes('$argon2'))).toBe(false);
  });
});

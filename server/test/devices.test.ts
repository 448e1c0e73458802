import type { DeviceDto } from '@quancheng/contracts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect, startTestApp, type TestContext } from './harness';
import { buildPerson, signInAs } from './factories';
import type { Session } from './http-client';

describeEachDialect('devices: the minimal body-camera registry', (dialect) => {
  let c: TestContext & { stop(): Promise<void> };
  let admin: Session;
  let head: Session & { unitId: string };
  let officer: Session & { id: string; unitId: string };
  let other: { id: string; unitId: string };
  let device: DeviceDto;

  const actions = async (id: string) =>
    (
      await c.app.deps.db
        .selectFrom('ledger_entries')
        .select('action')
        .where('subject_type', '=', 'device')
        .where('subject_id', '=', id)
        .orderBy('seq')
        .execute()
    ).map((e) => e.action);
  const leaves = async () =>
    Number(
      (
        await c.app.deps.db
          .selectFrom('ledger_entries')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    c = await startTestApp(dialect);
    admin = await signInAs(c.app, { roles: ['it_admin'] });
    head = await signInAs(c.app, { roles: ['unit_head'], unit: '一大队' });
    officer = await signInAs(c.app, { roles: ['officer'], unit: '一大队' });
    other = await buildPerson(c.app, { roles: ['officer'], unit: '二大队' });
  });
  afterAll(async () => c.stop());

  it('A30.1 IT registers a device with its number, model, unit and officer, in one write with its ledger leaf', async () => {
    const res = await admin.post('/api/devices', {
      deviceNumber: 'dsja0001',
      model: 'DSJ-T9',
      unitId: officer.unitId,
      officerId: officer.id,
    });
    expect(res.statusCode).toBe(201);
    device = res.json<DeviceDto>();
    expect(device).toMatchObject({
      deviceNumber: 'DSJA0001',
      model: 'DSJ-T9',
      unitName: '一大队',
      officerId: officer.id,
      status: 'active',
    });
    expect(await actions(device.id)).toEqual(['device.created']);
  });

  it('bad input is refused with a field message in zh-CN and en, and writes nothing', async () => {
    const before = await leaves();
    const taken = await admin.post('/api/devices', { deviceNumber: 'DSJA0001', unitId: officer.unitId });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ code: 'conflict.device_number_taken', field: 'deviceNumber' });
    expect(taken.json<{ message: string }>().message).toBe('设备编号“DSJA0001”已登记');
    const bad = await admin.post('/api/devices', { deviceNumber: '../x', unitId: officer.unitId });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ field: 'deviceNumber' });
    expect(bad.json<{ message: string }>().message).toContain('设备编号');
    const en = await c.app.http.inject({
      method: 'POST',
      url: '/api/devices',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'accept-language': 'en' },
      payload: { deviceNumber: 'CAM0002', unitId: officer.unitId, officerId: other.id },
    });
    expect(en.statusCode).toBe(400);
    expect(en.json()).toMatchObject({
      field: 'officerId',
      message: 'assigned officer: the assigned officer must be an active member of the unit',
    });
    const renumber = await admin.patch(`/api/devices/${device.id}`, { deviceNumber: 'X123' });
    expect(renumber.statusCode).toBe(400);
    expect(await leaves()).toBe(before);
  });

  it('a unit head manages the devices of their own unit only; officers read their unit’s', async () => {
    const own = await head.post('/api/devices', { deviceNumber: 'CAM0100', unitId: head.unitId });
    expect(own.statusCode).toBe(201);
    const foreign = await head.post('/api/devices', { deviceNumber: 'CAM0101', unitId: other.unitId });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json()).toMatchObject({ field: 'unitId' });
    const repair = await head.patch(`/api/devices/${device.id}`, {
      status: 'repair',
      note: '电池鼓包，送修',
    });
    expect(repair.statusCode).toBe(200);
    expect(repair.json()).toMatchObject({ status: 'repair', officerId: officer.id });
    expect(
      (await officer.post('/api/devices', { deviceNumber: 'CAM0102', unitId: officer.unitId })).statusCode,
    ).toBe(403);
    expect((await officer.patch(`/api/devices/${device.id}`, { status: 'active' })).statusCode).toBe(403);

    const elsewhere = await admin.post('/api/devices', { deviceNumber: 'CAM0200', unitId: other.unitId });
    expect(elsewhere.statusCode).toBe(201);
    const list = (await officer.get('/api/devices?sort=deviceNumber')).json<{
      items: DeviceDto[];
      total: number;
    }>();
    expect(list.items.map((d) => d.deviceNumber)).toEqual(['CAM0100', 'DSJA0001']);
    expect((await officer.get(`/api/devices/${elsewhere.json<DeviceDto>().id}`)).statusCode).toBe(404);
    const all = (await admin.get('/api/devices?status=active&pageSize=1&page=2')).json<{
      items: DeviceDto[];
      total: number;
    }>();
    expect(all.total).toBe(2);
    expect(all.items.map((d) => d.deviceNumber)).toEqual(['CAM0200']);
  });

  it('retiring is its own leaf; moving a device to another unit drops its officer; verify is clean', async () => {
    const retired = await admin.patch(`/api/devices/${device.id}`, { status: 'retired' });
    expect(retired.json()).toMatchObject({ status: 'retired' });
    const moved = await admin.patch(`/api/devices/${device.id}`, { unitId: other.unitId });
    expect(moved.json()).toMatchObject({ unitId: other.unitId, officerId: null });
    expect(await actions(device.id)).toEqual([
      'device.created',
      'device.updated',
      'device.retired',
      'device.updated',
    ]);
    expect((await c.app.services.ledger.verifyAll({ workers: 0 })).findings).toEqual([]);
  });
});

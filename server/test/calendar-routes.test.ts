import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import type { CalendarYearDto, CalendarYearsDto } from '../src/modules/calendar/calendar.schemas';
import { describeEachDialect, freshDatabase, startTestApp, testConfig, type TestContext } from './harness';
import { signInAs } from './factories';
import type { Session } from './http-client';

const OVERRIDE_2027 = {
  years: {
    '2027': {
      holidays: ['2027-01-01', '2027-01-02', '2027-01-03'],
      workdays: ['2027-01-09'],
      source: '国办发明电〔2026〕1号',
    },
  },
};

describeEachDialect('calendar: working-day calendar routes', (dialect) => {
  // The test clock stands at 2026-11-28: this year is known, next year is not (without overrides).
  let plain: TestContext & { stop(): Promise<void> };
  let withFile: TestContext & { stop(): Promise<void> };
  let officer: Session;
  let admin: Session;
  let adminWithFile: Session;

  beforeAll(async () => {
    plain = await startTestApp(dialect);
    officer = await signInAs(plain.app, { roles: ['officer'] });
    admin = await signInAs(plain.app, { roles: ['it_admin'] });
    const file = path.join(plain.database.dataDir, 'holidays-2027.json');
    writeFileSync(file, JSON.stringify(OVERRIDE_2027));
    withFile = await startTestApp(dialect, { calendar: { file, yellowWorkingDays: 2 } });
    adminWithFile = await signInAs(withFile.app, { roles: ['it_admin'] });
  });
  afterAll(async () => {
    await withFile.stop();
    await plain.stop();
  });

  it('answers only those signed in', async () => {
    for (const url of ['/api/calendar/years', '/api/calendar/2026']) {
      const res = await plain.app.http.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(401);
    }
  });

  it('lists the known years with their source and warns that next year is not known, in zh-CN and en', async () => {
    const res = await officer.get('/api/calendar/years');
    expect(res.statusCode).toBe(200);
    const body = res.json<CalendarYearsDto>();
    expect(body.years.find((y) => y.year === 2026)).toEqual({
      year: 2026,
      source: 'chinese-days',
      holidays: 33,
      workdays: 6,
    });
    expect(body.years.some((y) => y.year === 2027)).toBe(false);
    expect(body.warnings).toEqual([
      {
        code: 'calendar.unknown_year',
        year: 2027,
        message: '2027 年的法定节假日和调休安排尚未录入，期限按普通周末推算，请信息中心更新工作日历',
      },
    ]);
    expect(body.overrideFile).toBeNull();
    expect(body.abilities).toEqual({ manage: false });

    const en = await plain.app.http.inject({
      method: 'GET',
      url: '/api/calendar/years',
      headers: { cookie: officer.cookie, 'accept-language': 'en' },
    });
    expect(en.json<CalendarYearsDto>().warnings[0]?.message).toMatch(/^The public holidays .* of 2027/);
  });

  it('shows the override file to the IT centre only', async () => {
    const body = (await admin.get('/api/calendar/years')).json<CalendarYearsDto>();
    expect(body.abilities).toEqual({ manage: true });
    expect(body.overrideFile).toEqual({
      path: path.join(plain.database.dataDir, 'calendar.json'),
      present: false,
      error: null,
    });
  });

  it('lists every holiday and make-up working day of a known year', async () => {
    const res = await officer.get('/api/calendar/2026');
    expect(res.statusCode).toBe(200);
    const body = res.json<CalendarYearDto>();
    expect(body).toMatchObject({ year: 2026, known: true, source: 'chinese-days', warning: null });
    expect(body.days.filter((d) => d.kind === 'workday').map((d) => d.date)).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
    expect(body.days).toContainEqual({
      date: '2026-10-01',
      kind: 'holiday',
      name: { 'zh-CN': '国庆节', en: 'National Day' },
    });
    expect(body.days.map((d) => d.date)).toEqual([...body.days.map((d) => d.date)].sort());
  });

  it('says plainly when a year is not known', async () => {
    const body = (await officer.get('/api/calendar/2027')).json<CalendarYearDto>();
    expect(body).toMatchObject({ year: 2027, known: false, source: null, days: [] });
    expect(body.warning).toMatchObject({ code: 'calendar.unknown_year', year: 2027 });
  });

  it('refuses a year that is not a year with a field message', async () => {
    for (const url of ['/api/calendar/abc', '/api/calendar/1800', '/api/calendar/2026.5']) {
      const res = await officer.get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json(), url).toMatchObject({ code: 'validation.invalid', field: 'year' });
    }
  });

  it('with an override file the year is known, its days apply and nothing warns', async () => {
    const years = (await adminWithFile.get('/api/calendar/years')).json<CalendarYearsDto>();
    expect(years.warnings).toEqual([]);
    expect(years.years.find((y) => y.year === 2027)).toEqual({
      year: 2027,
      source: 'override',
      holidays: 3,
      workdays: 1,
      note: '国办发明电〔2026〕1号',
    });
    expect(years.overrideFile).toMatchObject({ present: true, error: null });
    const year = (await adminWithFile.get('/api/calendar/2027')).json<CalendarYearDto>();
    expect(year).toMatchObject({ known: true, source: 'override', warning: null });
    expect(year.days).toContainEqual({ date: '2027-01-09', kind: 'workday', name: null });
    expect(withFile.app.calendar.addWorkingDays('2026-12-30', 5)).toEqual({
      due: '2027-01-07',
      warnings: [],
    });
    expect(plain.app.calendar.addWorkingDays('2026-12-30', 5).warnings).toHaveLength(1);
  });

  it('a broken override file stops the start with the file and the problem named', async () => {
    const database = await freshDatabase(dialect);
    try {
      const file = path.join(database.dataDir, 'calendar.json');
      writeFileSync(file, JSON.stringify({ years: { '2027': { holidays: ['2027-02-30'], source: 'x' } } }));
      await expect(buildApp(testConfig(database))).rejects.toThrow(
        new RegExp(`invalid calendar file ${file}:\\n  years\\.2027\\.holidays\\.0`),
      );
    } finally {
      await database.drop();
    }
  });
});

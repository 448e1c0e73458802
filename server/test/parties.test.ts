import {
  permissionsOf,
  residentIdCheckChar,
  usccCheckChar,
  type PartyConflictDto,
  type PartyDto,
  type PartyList,
  type Role,
} from '@quancheng/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ledgerSubjects } from '../src/ledger-subjects';
import type { Actor } from '../src/security/actor';
import { describeEachDialect, startTestApp, type TestContext } from './harness';
import { signInAs } from './factories';
import type { Session } from './http-client';

/** A USCC / resident ID with its check character computed (contracts/src/parties.test.ts proves how). */
const uscc = (body17: string) => body17 + (usccCheckChar(body17) ?? '?');
const residentId = (body17: string) => body17 + (residentIdCheckChar(body17) ?? '?');
/** The same number with its check character replaced by another valid-looking one. */
const wrongCheck = (n: string, alphabet: string) =>
  n.slice(0, 17) + alphabet.replace(n.charAt(17), '').charAt(0);

const EMPLOYER = uscc('91330106MA27XLPQ0'); // …X
const PERSON = residentId('11010519491231002'); // …X, female

describeEachDialect('parties: the 当事人 directory', (dialect) => {
  let c: TestContext & { stop(): Promise<void> };
  let officer: Session & { id: string; unitId: string };
  let head: Session & { id: string; unitId: string };
  let agency: Session;
  let legal: Session;
  let finance: Session;
  let employer: PartyDto;
  let person: PartyDto;

  const actorOf = (s: { id: string; unitId: string }, roles: Role[]): Actor => ({
    id: s.id,
    username: `u-${s.id}`,
    name: '测试',
    unitId: s.unitId,
    roles,
    permissions: new Set(permissionsOf(roles)),
  });
  const count = async (table: 'parties' | 'ledger_entries') =>
    Number(
      (
        await c.app.deps.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const entries = async (id: string) =>
    (
      await c.app.deps.db
        .selectFrom('ledger_entries')
        .select(['action', 'event'])
        .where('subject_type', '=', 'party')
        .where('subject_id', '=', id)
        .orderBy('seq')
        .execute()
    ).map((e) => ({ action: e.action, event: JSON.parse(e.event) as { detail?: unknown } }));
  const en = (s: Session, url: string, payload: object) =>
    c.app.http.inject({
      method: 'POST',
      url,
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'accept-language': 'en' },
      payload,
    });

  beforeAll(async () => {
    c = await startTestApp(dialect);
    officer = await signInAs(c.app, { roles: ['officer'], unit: '一大队' });
    head = await signInAs(c.app, { roles: ['unit_head'], unit: '二大队' });
    agency = await signInAs(c.app, { roles: ['agency_head'] });
    legal = await signInAs(c.app, { roles: ['legal'] });
    finance = await signInAs(c.app, { roles: ['finance'] });
  });
  afterAll(async () => c.stop());

  it('an officer registers an employer and a person, each with its party.created leaf', async () => {
    const org = await officer.post('/api/parties', {
      kind: 'organisation',
      name: '杭州某某科技有限公司',
      identifier: ` ${EMPLOYER.toLowerCase()} `,
      legalRep: '王五',
      address: '杭州市西湖区文三路 1 号',
      phone: '0571-8888 8888',
    });
    expect(org.statusCode).toBe(201);
    employer = org.json<PartyDto>();
    expect(employer).toMatchObject({
      kind: 'organisation',
      identifier: EMPLOYER,
      legalRep: '王五',
      sex: null,
      createdBy: officer.id,
      abilities: { update: true },
    });
    const per = await officer.post('/api/parties', {
      kind: 'person',
      name: '张三',
      identifier: PERSON.toLowerCase(),
    });
    expect(per.statusCode).toBe(201);
    person = per.json<PartyDto>();
    expect(person).toMatchObject({ kind: 'person', identifier: PERSON, sex: 'female', legalRep: null });
    expect((await entries(employer.id)).map((e) => e.action)).toEqual(['party.created']);
    expect((await entries(person.id)).map((e) => e.action)).toEqual(['party.created']);
    expect((await officer.get(`/api/parties/${person.id}`)).json()).toEqual(person);
  });

  it('a wrong check character is refused with the character it should be, in zh-CN and en; nothing is written', async () => {
    const parties = await count('parties');
    const leaves = await count('ledger_entries');
    const badOrg = await officer.post('/api/parties', {
      kind: 'organisation',
      name: '某公司',
      identifier: wrongCheck(uscc('91110108MA01C1DE8'), '0123'),
    });
    expect(badOrg.statusCode).toBe(400);
    expect(badOrg.json()).toMatchObject({ code: 'validation.invalid', field: 'identifier' });
    expect(badOrg.json<{ message: string }>().message).toBe(
      `证件号码：统一社会信用代码校验位不正确（应为 ${usccCheckChar('91110108MA01C1DE8')}），请核对是否有输错的字符`,
    );
    const badPerson = await en(officer, '/api/parties', {
      kind: 'person',
      name: 'Li Si',
      identifier: '110105194912310021',
    });
    expect(badPerson.statusCode).toBe(400);
    expect(badPerson.json<{ message: string }>().message).toBe(
      'identification number: the check digit of the resident ID number is wrong (it should be X); check for a mistyped digit',
    );
    const province = await officer.post('/api/parties', {
      kind: 'person',
      name: '李四',
      identifier: residentId('99010519800101001'),
    });
    expect(province.json<{ message: string }>().message).toContain('“99”不是有效的省级行政区划代码');
    // The test clock stands at 2026-11-28 (Asia/Shanghai): someone born tomorrow has no ID yet.
    const future = await officer.post('/api/parties', {
      kind: 'person',
      name: '李四',
      identifier: residentId('11010520261129001'),
    });
    expect(future.statusCode).toBe(400);
    expect(future.json<{ message: string }>().message).toContain('2026-11-29 晚于今天');
    const shape = await officer.post('/api/parties', {
      kind: 'organisation',
      name: '某公司',
      identifier: '91110108MA01C1DEIO',
    });
    expect(shape.statusCode).toBe(400);
    expect(shape.json<{ message: string }>().message).toContain('不含 I、O、Z、S、V');
    const sex = await officer.post('/api/parties', {
      kind: 'person',
      name: '赵六',
      identifier: residentId('44052418800101001'),
      sex: 'female',
    });
    expect(sex.statusCode).toBe(400);
    expect(sex.json()).toMatchObject({ field: 'sex' });
    expect(await count('parties')).toBe(parties);
    expect(await count('ledger_entries')).toBe(leaves);
  });

  it('a number already registered is a 409 naming the party and carrying its id, x or X alike', async () => {
    const leaves = await count('ledger_entries');
    const dup = await officer.post('/api/parties', {
      kind: 'organisation',
      name: '另一个名字',
      identifier: EMPLOYER,
    });
    expect(dup.statusCode).toBe(409);
    const body = dup.json<PartyConflictDto>();
    expect(body).toMatchObject({
      code: 'conflict.party_uscc_taken',
      field: 'identifier',
      existingId: employer.id,
      message: '该统一社会信用代码已登记为「杭州某某科技有限公司」',
    });
    expect(body.existing?.name).toBe('杭州某某科技有限公司');
    const lower = await head.post('/api/parties', {
      kind: 'person',
      name: '张叁',
      identifier: PERSON.toLowerCase(),
    });
    expect(lower.statusCode).toBe(409);
    expect(lower.json()).toMatchObject({
      code: 'conflict.party_resident_id_taken',
      existingId: person.id,
      message: '该居民身份证号已登记为「张三」',
    });
    const english = await en(officer, '/api/parties', { kind: 'person', name: 'x', identifier: PERSON });
    expect(english.json<{ message: string }>().message).toBe(
      'This resident ID number is already registered as “张三”',
    );
    expect(await count('ledger_entries')).toBe(leaves);
  });

  it('concurrent registrations of one number make exactly one row and one leaf', async () => {
    const number = uscc('91440300MA5DEXY01');
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        (i % 2 ? officer : head).post('/api/parties', {
          kind: 'organisation',
          name: `并发公司${i}`,
          identifier: number,
        }),
      ),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes.filter((s) => s === 201)).toHaveLength(1);
    expect(codes.filter((s) => s === 409)).toHaveLength(11);
    const winner = results.find((r) => r.statusCode === 201)?.json<PartyDto>();
    for (const r of results.filter((x) => x.statusCode === 409)) {
      expect(r.json<PartyConflictDto>().existingId).toBe(winner?.id);
    }
    const rows = await c.app.deps.db
      .selectFrom('parties')
      .select('id')
      .where('identifier', '=', number)
      .execute();
    expect(rows).toHaveLength(1);
    expect((await entries(rows[0]?.id ?? '')).map((e) => e.action)).toEqual(['party.created']);
  });

  it('concurrent transactions outside the writer (two instances) both get the one party', async () => {
    const input = { kind: 'person' as const, name: '并发个人', identifier: residentId('32058320001231456') };
    const actor = actorOf(officer, ['officer']);
    const results = await Promise.all(
      [0, 1, 2].map(() =>
        c.app.deps.db
          .transaction()
          .execute((trx) => c.app.services.parties.findOrCreateParty(trx, actor, input)),
      ),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.party.id)).size).toBe(1);
    expect(await entries(results[0]?.party.id ?? '')).toHaveLength(1);
  });

  it('an update changes name and contacts only, and its leaf keeps the previous values', async () => {
    const res = await officer.patch(`/api/parties/${employer.id}`, {
      name: '杭州某某科技股份有限公司',
      phone: '13800001111',
      address: null,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      name: '杭州某某科技股份有限公司',
      phone: '13800001111',
      address: null,
      identifier: EMPLOYER,
      legalRep: '王五',
    });
    const history = await entries(employer.id);
    expect(history.map((e) => e.action)).toEqual(['party.created', 'party.updated']);
    expect(history[1]?.event.detail).toEqual({
      changes: {
        name: { from: '杭州某某科技有限公司', to: '杭州某某科技股份有限公司' },
        address: { from: '杭州市西湖区文三路 1 号', to: null },
        phone: { from: '0571-8888 8888', to: '13800001111' },
      },
    });
    const leaves = await count('ledger_entries');
    const same = await officer.patch(`/api/parties/${employer.id}`, { phone: '13800001111' });
    expect(same.statusCode).toBe(200);
    expect((await officer.patch(`/api/parties/${employer.id}`, { identifier: PERSON })).statusCode).toBe(400);
    expect((await officer.patch(`/api/parties/${employer.id}`, { kind: 'person' })).statusCode).toBe(400);
    const rep = await officer.patch(`/api/parties/${person.id}`, { legalRep: '某某' });
    expect(rep.statusCode).toBe(400);
    expect(rep.json()).toMatchObject({ field: 'legalRep' });
    expect(
      (await officer.patch('/api/parties/00000000-0000-4000-8000-000000000000', { name: '无' })).statusCode,
    ).toBe(404);
    expect(await count('ledger_entries')).toBe(leaves);
  });

  it('the list pages, filters by kind and finds by part of the name or the whole number', async () => {
    for (const [i, suffix] of ['C', 'B', 'A'].entries()) {
      const r = await officer.post('/api/parties', {
        kind: 'organisation',
        name: `宁波劳务派遣${suffix}公司`,
        identifier: uscc(`9133020${i}MA2AB0C0D`),
      });
      expect(r.statusCode).toBe(201);
    }
    const page = async (query: string) => (await agency.get(`/api/parties?${query}`)).json<PartyList>();
    const byName = await page(`q=${encodeURIComponent('劳务派遣')}&pageSize=2&page=2&sort=name`);
    expect(byName.total).toBe(3);
    expect(byName.items.map((p) => p.name)).toEqual(['宁波劳务派遣C公司']);
    expect(byName.abilities.create).toBe(false);
    expect(byName.items[0]?.abilities.update).toBe(false);
    const desc = await page(`q=${encodeURIComponent('劳务派遣')}&sort=name&order=desc`);
    expect(desc.items.map((p) => p.name)).toEqual([
      '宁波劳务派遣C公司',
      '宁波劳务派遣B公司',
      '宁波劳务派遣A公司',
    ]);
    const exact = await page(`q=${PERSON.toLowerCase()}`);
    expect(exact.items.map((p) => p.id)).toEqual([person.id]);
    const partialNumber = await page(`q=${PERSON.slice(0, 10)}`);
    expect(partialNumber.total).toBe(0);
    const persons = await page('kind=person&pageSize=200');
    expect(persons.items.every((p) => p.kind === 'person')).toBe(true);
    expect(persons.total).toBe(2);
    const all = await page('pageSize=200');
    expect(all.total).toBe(7);
    expect((await agency.get('/api/parties?sort=bogus')).statusCode).toBe(400);
  });

  it('lookup finds a party by its exact number, in any case and width, else 404', async () => {
    const found = await legal.get(
      `/api/parties/lookup?identifier=${encodeURIComponent(EMPLOYER.toLowerCase())}`,
    );
    expect(found.statusCode).toBe(200);
    expect(found.json<PartyDto>().id).toBe(employer.id);
    const wide = [...PERSON].map((ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0)).join('');
    expect(
      (await legal.get(`/api/parties/lookup?identifier=${encodeURIComponent(wide)}`)).json<PartyDto>().id,
    ).toBe(person.id);
    expect((await legal.get(`/api/parties/lookup?identifier=${PERSON}&kind=organisation`)).statusCode).toBe(
      404,
    );
    expect((await legal.get(`/api/parties/lookup?identifier=${uscc('91110000MA00000A0')}`)).statusCode).toBe(
      404,
    );
    expect((await legal.get('/api/parties/lookup')).statusCode).toBe(400);
  });

  it('finance may not see parties; the agency head and legal affairs only read; officers and unit heads write', async () => {
    expect((await finance.get('/api/parties')).statusCode).toBe(403);
    expect((await finance.get(`/api/parties/${person.id}`)).statusCode).toBe(403);
    expect((await finance.get(`/api/parties/lookup?identifier=${PERSON}`)).statusCode).toBe(403);
    const newOrg = { kind: 'organisation', name: '只读测试公司', identifier: uscc('91310000MA1FL0000') };
    expect((await finance.post('/api/parties', newOrg)).statusCode).toBe(403);
    expect((await agency.get('/api/parties')).statusCode).toBe(200);
    expect((await agency.get(`/api/parties/${person.id}`)).statusCode).toBe(200);
    expect((await agency.post('/api/parties', newOrg)).statusCode).toBe(403);
    expect((await agency.patch(`/api/parties/${person.id}`, { note: '改' })).statusCode).toBe(403);
    expect((await legal.post('/api/parties', newOrg)).statusCode).toBe(403);
    // A reader is refused even for a number that exists: the refusal does not confirm it.
    expect((await agency.post('/api/parties', { ...newOrg, identifier: EMPLOYER })).statusCode).toBe(403);
    const byHead = await head.patch(`/api/parties/${person.id}`, { note: '户籍地与现住址不一致' });
    expect(byHead.statusCode).toBe(200);
    expect((await officer.post('/api/parties', newOrg)).statusCode).toBe(201);
  });

  it('findOrCreateParty reuses the registered row unchanged, or registers in the caller’s transaction', async () => {
    const actor = actorOf(officer, ['officer']);
    const before = (await officer.get(`/api/parties/${employer.id}`)).json<PartyDto>();
    const leaves = await count('ledger_entries');
    const reused = await c.app.deps.write((trx) =>
      c.app.services.parties.findOrCreateParty(trx, actor, {
        kind: 'organisation',
        name: '改了名字也不改登记',
        identifier: EMPLOYER.toLowerCase(),
        phone: '021-12345678',
      }),
    );
    expect(reused.created).toBe(false);
    expect(reused.party.id).toBe(employer.id);
    expect((await officer.get(`/api/parties/${employer.id}`)).json()).toEqual(before);
    expect(await count('ledger_entries')).toBe(leaves);

    // A reader may reuse (a case names a known party) but not register.
    const reader = actorOf(officer, ['agency_head']);
    const asReader = await c.app.deps.write((trx) =>
      c.app.services.parties.findOrCreateParty(trx, reader, {
        kind: 'person',
        name: '张三',
        identifier: PERSON,
      }),
    );
    expect(asReader.party.id).toBe(person.id);
    await expect(
      c.app.deps.write((trx) =>
        c.app.services.parties.findOrCreateParty(trx, reader, {
          kind: 'person',
          name: '新人',
          identifier: residentId('33010619850312123'),
        }),
      ),
    ).rejects.toMatchObject({ status: 403 });

    const fresh = { kind: 'person' as const, name: '钱七', identifier: residentId('33010619900101001') };
    // Registered inside a transaction that then fails: neither the row nor its leaf remain.
    await expect(
      c.app.deps.write(async (trx) => {
        await c.app.services.parties.findOrCreateParty(trx, actor, fresh);
        throw new Error('the case write failed');
      }),
    ).rejects.toThrow('the case write failed');
    expect(await count('ledger_entries')).toBe(leaves);
    const created = await c.app.deps.write((trx) =>
      c.app.services.parties.findOrCreateParty(trx, actor, fresh),
    );
    expect(created.created).toBe(true);
    expect(created.party).toMatchObject({ kind: 'person', identifier: fresh.identifier, sex: 'male' });
    expect((await entries(created.party.id)).map((e) => e.action)).toEqual(['party.created']);
    await expect(
      c.app.deps.write((trx) =>
        c.app.services.parties.findOrCreateParty(trx, actor, {
          ...fresh,
          identifier: wrongCheck(fresh.identifier, '0123'),
        }),
      ),
    ).rejects.toMatchObject({
      status: 400,
      extra: { field: 'identifier', messageKey: 'v.resident_id_check' },
    });
  });

  it('the ledger finds parties by name or number, verifies clean, and names a row changed behind the service', async () => {
    const subject = ledgerSubjects.get('party');
    expect((await subject?.search(c.app.deps.db, '某某科技', 20))?.map((s) => s.id)).toEqual([employer.id]);
    expect((await subject?.search(c.app.deps.db, PERSON.toLowerCase(), 20))?.map((s) => s.label)).toEqual([
      `张三（${PERSON}）`,
    ]);
    expect((await c.app.services.ledger.verifyAll({ workers: 0 })).findings).toEqual([]);
    await sql`update parties set name = ${'偷改的名字'} where id = ${person.id}`.execute(c.app.deps.db);
    const findings = (await c.app.services.ledger.verifyAll({ workers: 0 })).findings;
    expect(findings.map((f) => [f.kind, f.params.type, f.params.id, f.params.action])).toEqual([
      ['row_differs', 'party', person.id, 'party.updated'],
    ]);
  });
});

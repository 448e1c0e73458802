import type {
  ApprovalDto,
  ApprovalList,
  CaseDto,
  CaseList,
  DeadlineList,
  NotificationList,
} from '@quancheng/contracts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDialect, startTestApp, type TestContext } from './harness';
import { buildPerson, signInAs, TEST_PASSWORD } from './factories';
import { signIn, type Session } from './http-client';
import { issueDocument, newParty, transition } from './fixtures/cases';

type Person = Session & { id: string; unitId: string };

describeEachDialect('cases: intake (A6), approvals, deadlines', (dialect) => {
  let c: TestContext & { stop(): Promise<void> };
  let clockStart = 0;
  let officer: Person;
  let partner: { id: string };
  let head: Person;
  let agency: Person;
  let outsider: Person;
  let finance: Person;

  const count = async (table: 'cases' | 'ledger_entries' | 'approval_requests') =>
    Number(
      (
        await c.app.deps.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const complaint = (over: Record<string, unknown> = {}) => ({
    source: 'complaint',
    receivedOn: '2026-11-27',
    complainant: { name: '张三', phone: '13900001111' },
    cause: '拖欠工资',
    facts: '投诉人称该单位拖欠其2026年9月至10月工资共计8,600元。',
    evidenceProvided: true,
    withinJurisdiction: true,
    officerIds: [officer.id, partner.id],
    ...over,
  });
  const register = async (over: Record<string, unknown> = {}) => {
    const res = await officer.post('/api/cases', complaint(over));
    expect(res.statusCode, res.body).toBe(201);
    return res.json<CaseDto>();
  };
  const get = async (s: Session, id: string) => {
    const res = await s.get(`/api/cases/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<CaseDto>();
  };
  const pendingFor = async (s: Session, caseId: string) => {
    const res = await s.get('/api/approvals?box=inbox');
    expect(res.statusCode, res.body).toBe(200);
    return res.json<ApprovalList>().items.find((a) => a.caseId === caseId);
  };
  const decide = (s: Session, id: string, decision = 'approve', opinion = '同意') =>
    s.post(`/api/approvals/${id}/decide`, { decision, opinion });

  /** Officer proposes `transitionId`; every role of the chain approves in order. */
  async function approveAll(caseId: string, transitionId: string, inputs?: Record<string, unknown>) {
    const proposed = await officer.post(`/api/cases/${caseId}/transitions/${transitionId}/propose`, {
      opinion: '建议办理',
      ...(inputs ? { inputs } : {}),
    });
    expect(proposed.statusCode, proposed.body).toBe(200);
    const chain = transition(proposed.json<CaseDto>(), transitionId).approval?.chain ?? [];
    for (const role of chain) {
      const who = role === 'unit_head' ? head : agency;
      const pending = await pendingFor(who, caseId);
      expect(pending?.nextRole).toBe(role);
      expect((await decide(who, pending!.id)).statusCode).toBe(200);
    }
    return get(officer, caseId);
  }

  /** Sessions expire while the test clock runs ahead: sign the officer and the head in again. */
  async function signInAgain() {
    officer = Object.assign(await signIn(c.app, 'li.officer', TEST_PASSWORD), {
      id: officer.id,
      unitId: officer.unitId,
    });
    head = Object.assign(await signIn(c.app, 'qian.head', TEST_PASSWORD), {
      id: head.id,
      unitId: head.unitId,
    });
  }

  beforeAll(async () => {
    c = await startTestApp(dialect);
    clockStart = c.clock.now().getTime();
    officer = await signInAs(c.app, {
      username: 'li.officer',
      roles: ['officer'],
      unit: '劳动保障监察大队',
      name: '李执法',
      certNo: '13050001',
    });
    partner = await buildPerson(c.app, {
      roles: ['officer'],
      unit: '劳动保障监察大队',
      name: '赵执法',
      certNo: '13050002',
    });
    head = await signInAs(c.app, {
      username: 'qian.head',
      roles: ['unit_head'],
      unit: '劳动保障监察大队',
      name: '钱队长',
    });
    agency = await signInAs(c.app, { roles: ['agency_head'], unit: '局领导', name: '孙局长' });
    outsider = await signInAs(c.app, { roles: ['officer'], unit: '社会保险科' });
    finance = await signInAs(c.app, { roles: ['finance'], unit: '财务科' });
  });
  afterAll(async () => c.stop());
  /** A test that ran the clock ahead gets it back, even when it failed half-way. */
  afterEach(async () => {
    const drift = c.clock.now().getTime() - clockStart;
    if (drift !== 0) {
      c.clock.advance(-drift);
      await signInAgain();
    }
  });

  describe('registration', () => {
    it('A6.1 registers a complaint with a registration number, two certified officers and the 5-working-day acceptance deadline', async () => {
      const before = await count('ledger_entries');
      const party = await newParty(officer);
      const k = await register({ partyId: party });
      expect(k).toMatchObject({
        kind: 'penalty',
        source: 'complaint',
        step: 'registered',
        stage: 'initiation',
        status: 'open',
        number: null,
        partyId: party,
      });
      expect(k.partyName).toContain('有限公司');
      expect(k.regNumber).toMatch(/〔2026〕第\d+号$/);
      expect(k.officers.map((o) => [o.name, o.certNo, o.position])).toEqual([
        ['李执法', '13050001', 'lead'],
        ['赵执法', '13050002', 'assist'],
      ]);
      // Received Friday 2026-11-27; five working days after it: Mon 11-30 … Fri 12-04.
      expect(k.deadlines).toEqual([
        expect.objectContaining({
          periodId: 'complaint_acceptance',
          startedOn: '2026-11-27',
          dueOn: '2026-12-04',
          light: 'green',
          status: 'open',
        }),
      ]);
      expect(k.deadlines[0]?.source).toContain('第十八条');
      expect(k.timeline.map((e) => e.action)).toEqual(['case.registered']);
      // The party's leaf and the case's leaf.
      expect(await count('ledger_entries')).toBe(before + 2);
      const open = transition(k, 'open_case');
      expect(open.approval).toMatchObject({ chain: ['unit_head', 'agency_head'], state: 'none' });
      expect(open.abilities.propose).toBe(true);
    });

    it('A6.1 registration numbers are gapless: a refused registration does not use one', async () => {
      const a = await register();
      const refused = await officer.post('/api/cases', complaint({ officerIds: [officer.id] }));
      expect(refused.statusCode).toBe(400);
      const b = await register();
      const n = (s: string) => Number(/第(\d+)号/.exec(s)?.[1]);
      expect(n(b.regNumber)).toBe(n(a.regNumber) + 1);
    });

    it('A6.1 registrations made at the same moment get distinct, consecutive numbers', async () => {
      const made = await Promise.all(
        Array.from({ length: 8 }, () => officer.post('/api/cases', complaint())),
      );
      const numbers = made
        .map((r) => Number(/第(\d+)号/.exec(r.json<CaseDto>().regNumber)?.[1]))
        .sort((a, b) => a - b);
      expect(new Set(numbers).size).toBe(8);
      expect(numbers.at(-1)! - numbers[0]!).toBe(7);
    });

    it('A6.1 refuses fewer than two officers, an uncertified or an expired officer, writing nothing', async () => {
      const none = await buildPerson(c.app, { unit: '劳动保障监察大队', certNo: null, name: '无证人员' });
      const expired = await buildPerson(c.app, {
        unit: '劳动保障监察大队',
        name: '过期人员',
        certValidFrom: '2020-01-01',
        certValidTo: '2026-11-27',
      });
      const cases = await count('cases');
      const leaves = await count('ledger_entries');
      const one = await officer.post('/api/cases', complaint({ officerIds: [officer.id, officer.id] }));
      expect(one.statusCode).toBe(400);
      expect(one.json<{ message: string }>().message).toContain('至少两名执法人员');
      const uncertified = await officer.post('/api/cases', complaint({ officerIds: [officer.id, none.id] }));
      expect(uncertified.statusCode).toBe(400);
      expect(uncertified.json<{ message: string }>().message).toContain('无证人员没有有效的执法证');
      const late = await officer.post('/api/cases', complaint({ officerIds: [officer.id, expired.id] }), {
        'accept-language': 'en',
      });
      expect(late.statusCode).toBe(400);
      expect(late.json<{ message: string }>().message).toContain('holds no valid enforcement certificate');
      expect(await count('cases')).toBe(cases);
      expect(await count('ledger_entries')).toBe(leaves);
    });

    it('refuses a future receipt date, a violation ending after receipt, and finance registering', async () => {
      expect((await officer.post('/api/cases', complaint({ receivedOn: '2026-12-01' }))).statusCode).toBe(
        400,
      );
      expect(
        (await officer.post('/api/cases', complaint({ violationEndedOn: '2026-11-28' }))).statusCode,
      ).toBe(400);
      expect((await finance.post('/api/cases', complaint())).statusCode).toBe(403);
    });

    it('lists officers a case may be given to, the uncertified marked', async () => {
      const res = await officer.get('/api/cases/officer-options');
      expect(res.statusCode).toBe(200);
      const items = res.json<{ items: { name: string; certifiedToday: boolean }[] }>().items;
      expect(items.find((i) => i.name === '李执法')?.certifiedToday).toBe(true);
      expect(items.find((i) => i.name === '过期人员')?.certifiedToday).toBe(false);
    });
  });

  describe('opening a case (立案)', () => {
    it('A6.1 立案 needs the unit head, then the agency head; nobody approves their own proposal; the case number comes with the final approval', async () => {
      const party = await newParty(officer);
      const k = await register({ partyId: party });
      const proposed = await officer.post(`/api/cases/${k.id}/transitions/open_case/propose`, {
        opinion: '符合立案条件，建议立案',
      });
      expect(proposed.statusCode, proposed.body).toBe(200);
      const request = proposed.json<CaseDto>().approvals[0] as ApprovalDto;
      expect(request).toMatchObject({ state: 'pending', nextRole: 'unit_head', proposedByName: '李执法' });
      // Proposing again while one is pending is refused.
      const again = await officer.post(`/api/cases/${k.id}/transitions/open_case/propose`, {
        opinion: '再次',
      });
      expect(again.statusCode).toBe(409);
      // The proposer cannot approve; the agency head cannot go before the unit head.
      expect((await decide(officer, request.id)).statusCode).toBeGreaterThanOrEqual(403);
      const early = await decide(agency, request.id);
      expect(early.statusCode).toBe(409);
      expect(early.json<{ message: string }>().message).toMatch(/负责人/);
      // Performing the transition before the approvals is refused, naming what is missing.
      const tooSoon = await officer.post(`/api/cases/${k.id}/transitions/open_case`, {});
      expect(tooSoon.statusCode).toBe(409);
      const body = tooSoon.json<{ message: string; missing: { code: string }[] }>();
      expect(body.missing.map((m) => m.code)).toContain('approval_pending');
      expect(body.message).toContain('立案');

      expect((await pendingFor(head, k.id))?.id).toBe(request.id);
      expect(await pendingFor(agency, k.id)).toBeUndefined();
      expect((await decide(head, request.id, 'approve', '同意立案')).statusCode).toBe(200);
      expect((await decide(head, request.id)).statusCode).toBe(409);
      const final = await decide(agency, request.id, 'approve', '同意');
      expect(final.statusCode, final.body).toBe(200);
      expect(final.json<ApprovalDto>()).toMatchObject({ state: 'approved', nextRole: null });

      const opened = await get(officer, k.id);
      expect(opened).toMatchObject({ step: 'investigation', stage: 'investigation', status: 'open' });
      expect(opened.number).toMatch(/^临人社监立〔2026〕第\d+号$/);
      const byPeriod = Object.fromEntries(opened.deadlines.map((d) => [d.periodId, d]));
      expect(byPeriod.complaint_acceptance).toMatchObject({ status: 'met', light: null });
      // 60 working days from 2026-11-28 (opening day, not counted) and 90 calendar days.
      expect(byPeriod.investigation).toMatchObject({ status: 'open', startedOn: '2026-11-28' });
      expect(byPeriod.penalty_decision).toMatchObject({ status: 'open', dueOn: '2027-02-26' });
      expect(opened.timeline.map((e) => e.action).reverse()).toEqual([
        'case.registered',
        'approval.proposed',
        'approval.approved',
        'approval.approved',
        'approval.consumed',
        'case.opened',
      ]);
      expect(opened.transitions.map((t) => t.id)).toContain('transfer');
    });

    it('A6.1 case numbers are gapless per kind and year', async () => {
      const a = await approveAll((await register({ partyId: await newParty(officer) })).id, 'open_case');
      const b = await approveAll((await register({ partyId: await newParty(officer) })).id, 'open_case');
      const n = (s: string | null) => Number(/第(\d+)号/.exec(s ?? '')?.[1]);
      expect(n(b.number)).toBe(n(a.number) + 1);
    });

    it('A6.3 an unidentified employer or missing evidence blocks 立案 and says so', async () => {
      const k = await register({ partyName: '某饭店（具体名称不详）', evidenceProvided: false });
      const res = await officer.post(`/api/cases/${k.id}/transitions/open_case/propose`, {
        opinion: '建议立案',
      });
      expect(res.statusCode).toBe(409);
      const { missing, message } = res.json<{
        missing: { code: string; message: { 'zh-CN': string } }[];
        message: string;
      }>();
      expect(missing.filter((m) => m.code === 'condition')).toHaveLength(2);
      expect(message).toMatch(/当事人|用人单位/);
      expect(message).toMatch(/证据/);
    });
  });

  describe('the other intake paths', () => {
    it('A6.2 a complaint about a violation that ended more than two years before receipt is refused, with the agency head’s approval and an issued 不予受理决定书', async () => {
      const k = await register({ partyId: await newParty(officer), violationEndedOn: '2024-11-20' });
      const open = await officer.post(`/api/cases/${k.id}/transitions/open_case/propose`, {
        opinion: '建议立案',
      });
      expect(open.statusCode).toBe(409);
      expect(open.json<{ message: string }>().message).toMatch(/2年|两年|二年/);
      const approved = await approveAll(k.id, 'refuse_limitation');
      const refuse = transition(approved, 'refuse_limitation');
      expect(refuse.approval?.state).toBe('approved');
      expect(refuse.allowed).toBe(false);
      expect(refuse.missing.map((m) => m.code)).toEqual(['document_missing']);
      expect(refuse.missing[0]?.message['zh-CN']).toContain('不予受理决定书');
      const doc = await issueDocument(officer, k.id, 'non_acceptance_decision');
      expect(doc.number).toMatch(/〔2026〕/);
      const done = await officer.post(`/api/cases/${k.id}/transitions/refuse_limitation`, {});
      expect(done.statusCode, done.body).toBe(200);
      expect(done.json<CaseDto>()).toMatchObject({ step: 'not_accepted', status: 'closed', number: null });
      expect(done.json<CaseDto>().deadlines[0]).toMatchObject({
        periodId: 'complaint_acceptance',
        status: 'met',
      });
      // A closed case takes no more steps.
      expect((await officer.patch(`/api/cases/${k.id}`, { cause: '改', reason: '试' })).statusCode).toBe(409);
    });

    it('A6.2 a violation that ended within two years cannot take the limitation path', async () => {
      const k = await register({ partyId: await newParty(officer), violationEndedOn: '2025-06-30' });
      const res = await officer.post(`/api/cases/${k.id}/transitions/refuse_limitation/propose`, {
        opinion: '超过时效',
      });
      expect(res.statusCode).toBe(409);
      expect(res.json<{ missing: { code: string }[] }>().missing.map((m) => m.code)).toContain('condition');
    });

    it('A6.3 a complaint without an identifiable employer gets a 补正 request; once supplemented it returns to registration with a new acceptance period', async () => {
      const k = await register({ partyName: '某建筑工地', evidenceProvided: false });
      const blocked = await officer.post(`/api/cases/${k.id}/transitions/request_supplement`, {});
      expect(blocked.statusCode).toBe(409);
      expect(blocked.json<{ missing: { code: string }[] }>().missing.map((m) => m.code)).toEqual([
        'document_missing',
      ]);
      await issueDocument(officer, k.id, 'supplement_notice');
      const waiting = await officer.post(`/api/cases/${k.id}/transitions/request_supplement`, {});
      expect(waiting.statusCode, waiting.body).toBe(200);
      expect(waiting.json<CaseDto>()).toMatchObject({ step: 'awaiting_supplement', status: 'open' });
      c.clock.advance(3 * 86_400_000); // Tuesday 2026-12-01
      await signInAgain();
      const party = await newParty(officer);
      const updated = await officer.patch(`/api/cases/${k.id}`, {
        partyId: party,
        evidenceProvided: true,
        reason: '投诉人补正了用人单位名称和工资条',
      });
      expect(updated.statusCode, updated.body).toBe(200);
      const back = await officer.post(`/api/cases/${k.id}/transitions/supplement_received`, {});
      expect(back.statusCode, back.body).toBe(200);
      const after = back.json<CaseDto>();
      expect(after.step).toBe('registered');
      expect(after.deadlines.filter((d) => d.status === 'open')).toEqual([
        expect.objectContaining({
          periodId: 'complaint_acceptance',
          startedOn: '2026-12-01',
          dueOn: '2026-12-08',
        }),
      ]);
      expect(after.timeline.find((e) => e.action === 'case.updated')?.detail).toMatchObject({
        reason: '投诉人补正了用人单位名称和工资条',
        before: { partyId: null, evidenceProvided: false },
      });
    });

    it('A6.3 a matter outside the bureau’s jurisdiction is referred with the authority named and the 告知书 issued', async () => {
      const k = await register({ withinJurisdiction: false, cause: '商品房质量纠纷' });
      const noAuthority = await officer.post(`/api/cases/${k.id}/transitions/refer_out`, {});
      expect(noAuthority.statusCode).toBe(409);
      const codes = noAuthority.json<{ missing: { code: string }[] }>().missing.map((m) => m.code);
      expect(codes).toEqual(expect.arrayContaining(['input_missing', 'document_missing']));
      await issueDocument(officer, k.id, 'referral_advice');
      const done = await officer.post(`/api/cases/${k.id}/transitions/refer_out`, {
        inputs: { referralAuthority: '临西县住房和城乡建设局' },
      });
      expect(done.statusCode, done.body).toBe(200);
      expect(done.json<CaseDto>()).toMatchObject({
        step: 'referred_out',
        status: 'closed',
      });
      expect(done.json<CaseDto>().data.referralAuthority).toBe('临西县住房和城乡建设局');
    });

    it('A6.4 a case under investigation suspected of a crime is transferred: agency-head approval, recipient, reason, material list, and the 移送函 issued', async () => {
      const opened = await approveAll((await register({ partyId: await newParty(officer) })).id, 'open_case');
      expect(opened.step).toBe('investigation');
      const notYet = await officer.post(`/api/cases/${opened.id}/transitions/transfer/propose`, {
        opinion: '涉嫌犯罪',
      });
      expect(notYet.statusCode).toBe(409);
      const flagged = await officer.patch(`/api/cases/${opened.id}`, {
        suspectedCrime: true,
        reason: '调查发现涉嫌拒不支付劳动报酬罪',
      });
      expect(flagged.statusCode, flagged.body).toBe(200);
      const inputs = {
        transferRecipient: '临西县公安局',
        transferReason: '涉嫌拒不支付劳动报酬罪',
        materials: ['立案审批表', '询问笔录（3份）', '工资表复印件'],
      };
      const approved = await approveAll(opened.id, 'transfer', inputs);
      expect(approved.data).toMatchObject(inputs);
      expect(transition(approved, 'transfer').missing.map((m) => m.code)).toEqual(['document_missing']);
      await issueDocument(officer, opened.id, 'transfer_letter');
      const done = await officer.post(`/api/cases/${opened.id}/transitions/transfer`, { inputs });
      expect(done.statusCode, done.body).toBe(200);
      const closed = done.json<CaseDto>();
      expect(closed).toMatchObject({ step: 'transferred', status: 'closed' });
      expect(closed.deadlines.every((d) => d.status !== 'open')).toBe(true);
    });
  });

  describe('reading, lights and notices', () => {
    it('a person sees their unit’s cases and those they work on; others get 404', async () => {
      const k = await register();
      expect((await outsider.get(`/api/cases/${k.id}`)).statusCode).toBe(404);
      const list = (await outsider.get('/api/cases')).json<CaseList>();
      expect(list.items.find((i) => i.id === k.id)).toBeUndefined();
      expect((await agency.get(`/api/cases/${k.id}`)).statusCode).toBe(200);
      expect((await finance.get(`/api/cases/${k.id}`)).statusCode).toBe(200);
      expect(
        (await finance.post(`/api/cases/${k.id}/transitions/open_case/propose`, { opinion: 'x' })).statusCode,
      ).toBe(403);
    });

    it('lists with filters and paging: by officer, by text, by light', async () => {
      const mine = (await officer.get(`/api/cases?officerId=${partner.id}&pageSize=5`)).json<CaseList>();
      expect(mine.items.length).toBe(5);
      expect(mine.total).toBeGreaterThan(5);
      expect(mine.totalExact).toBe(true);
      const byText = (await officer.get(`/api/cases?q=${encodeURIComponent('商品房')}`)).json<CaseList>();
      expect(byText.items.map((i) => i.cause)).toEqual(['商品房质量纠纷']);
      // A whole registration number finds that one case; a part of one still searches.
      const some = mine.items[0]!;
      const byNumber = (
        await officer.get(`/api/cases?q=${encodeURIComponent(some.regNumber)}`)
      ).json<CaseList>();
      expect(byNumber.items.map((i) => i.id)).toEqual([some.id]);
      const fragment = some.regNumber.slice(0, -2);
      const byFragment = (await officer.get(`/api/cases?q=${encodeURIComponent(fragment)}`)).json<CaseList>();
      expect(byFragment.items.map((i) => i.id)).toContain(some.id);
      const green = (await officer.get('/api/cases?light=green&pageSize=200')).json<CaseList>();
      expect(green.items.length).toBeGreaterThan(0);
      expect(green.items.every((i) => i.light === 'green' && i.status === 'open')).toBe(true);
      expect((await officer.get('/api/cases?light=red')).json<CaseList>().total).toBe(0);
    });

    it('deadline lights turn yellow, then red, as the working days pass; each change is notified once', async () => {
      const k = await register();
      expect((await get(officer, k.id)).light).toBe('green');
      c.clock.advance(5 * 86_400_000); // Thursday 2026-12-03: due Friday 12-04
      await signInAgain();
      expect((await get(officer, k.id)).light).toBe('yellow');
      await c.app.services.notices.sweep();
      const first = (await officer.get('/api/notifications')).json<NotificationList>();
      const mineYellow = first.items.filter((n) => n.caseId === k.id);
      expect(mineYellow).toEqual([expect.objectContaining({ level: 'yellow' })]);
      expect(mineYellow[0]?.message['zh-CN']).toContain('投诉受理');
      expect(
        (await head.get('/api/notifications')).json<NotificationList>().items.some((n) => n.caseId === k.id),
      ).toBe(true);
      await c.app.services.notices.sweep();
      expect(
        (await officer.get('/api/notifications'))
          .json<NotificationList>()
          .items.filter((n) => n.caseId === k.id),
      ).toHaveLength(1);
      c.clock.advance(4 * 86_400_000); // Monday 2026-12-07
      await signInAgain();
      const late = await get(officer, k.id);
      expect(late.light).toBe('red');
      expect(late.deadlines[0]?.daysLeft).toBeLessThan(0);
      await c.app.services.notices.sweep();
      const levels = (await officer.get('/api/notifications'))
        .json<NotificationList>()
        .items.filter((n) => n.caseId === k.id)
        .map((n) => n.level);
      expect(levels.sort()).toEqual(['red', 'yellow']);
      const deadlines = (await officer.get('/api/deadlines?light=red')).json<DeadlineList>();
      expect(deadlines.items.some((d) => d.caseId === k.id)).toBe(true);
      const red = (await officer.get('/api/cases?light=red')).json<CaseList>();
      expect(red.items.some((i) => i.id === k.id)).toBe(true);
      const n = (await officer.get('/api/notifications')).json<NotificationList>();
      expect((await officer.post(`/api/notifications/${n.items[0]?.id}/read`)).statusCode).toBe(204);
      expect((await officer.get('/api/notifications')).json<NotificationList>().unread).toBe(n.unread - 1);
    });

    it('verify finds a case row changed behind the application', async () => {
      const k = await register();
      await c.app.deps.db
        .updateTable('cases')
        .set({ cause: '篡改后的案由' })
        .where('id', '=', k.id)
        .execute();
      const report = await c.app.services.ledger.verifyAll({ blobSample: 0 });
      expect(JSON.stringify(report.findings)).toContain(k.id);
      await c.app.deps.db.updateTable('cases').set({ cause: '拖欠工资' }).where('id', '=', k.id).execute();
    });
  });
});

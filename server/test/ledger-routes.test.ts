import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect, startTestApp, type TestContext } from './harness';
import { buildPerson, signInAs, TEST_PASSWORD } from './factories';
import { login, sessionFrom, type Session } from './http-client';
import { ingestBytes, wav } from './fixtures/recordings';
import { issueDocument, uscc } from './fixtures/cases';
import { permissionsOf } from '@quancheng/contracts';

type Call = (ctx: Fixture) => Promise<{ statusCode: number }>;
interface Fixture {
  c: TestContext;
  admin: Session & { id: string };
  uploader: Session & { id: string };
  unitId: string;
  userId: string;
  recordingId: string;
  deviceId: string;
  /** A second certified officer of the uploader's unit, its head and the agency head (cases). */
  partnerId: string;
  head: Session & { id: string };
  agency: Session & { id: string };
  /** Finance staff: they record fine payments (A11.3). */
  finance: Session & { id: string };
}

/** Registers a complaint by the uploader (an officer) with a party, ready to be opened. */
async function newCase(f: Fixture, over: Record<string, unknown> = {}): Promise<string> {
  const party = await f.uploader.post('/api/parties', {
    kind: 'organisation',
    name: `案件路由测试公司${Math.random()}`,
    identifier: uscc(),
  });
  const res = await f.uploader.post('/api/cases', {
    source: 'complaint',
    receivedOn: '2026-11-27',
    partyId: party.json<{ id: string }>().id,
    cause: '拖欠工资',
    facts: '拖欠两个月工资',
    evidenceProvided: true,
    withinJurisdiction: true,
    officerIds: [f.uploader.id, f.partnerId],
    ...over,
  });
  return res.json<{ id: string }>().id;
}
/**
 * A penalty decided with a fine of 2,000 yuan whose decision was served on 2026-11-28, written
 * straight into the tables (no leaves), so that only what the payment route appends is counted.
 */
async function decidedWithFine(f: Fixture): Promise<string> {
  const db = f.c.app.deps.db;
  const id = randomUUID();
  const at = f.c.clock.now().toISOString();
  const { unit_id: unitId } = await db
    .selectFrom('users')
    .select('unit_id')
    .where('id', '=', f.uploader.id)
    .executeTakeFirstOrThrow();
  await db
    .insertInto('cases')
    .values({
      id,
      kind: 'penalty',
      procedure_id: 'penalty',
      procedure_version: 2,
      stage: 'service',
      step: 'decided',
      status: 'open',
      source: 'inspection',
      year: 2026,
      reg_number: `临人社监登〔2026〕第${9000 + Math.floor(Math.random() * 999)}号-${id.slice(0, 4)}`,
      number: null,
      party_id: null,
      party_name: '缴款测试公司',
      complainant: null,
      cause: '拖欠工资',
      facts: '拖欠两个月工资',
      received_on: '2026-11-27',
      violation_ended_on: null,
      data: JSON.stringify({ penaltyType: '罚款', fineAmount: 2000 }),
      unit_id: unitId,
      lead_officer_id: f.uploader.id,
      next_due_on: '2026-12-14',
      created_by: f.uploader.id,
      created_at: at,
      updated_at: at,
      opened_at: at,
      closed_at: null,
    })
    .execute();
  await db
    .insertInto('deadlines')
    .values({
      id: randomUUID(),
      case_id: id,
      period_id: 'fine_payment',
      trigger: 'service:penalty_decision',
      started_on: '2026-11-28',
      due_on: '2026-12-14',
      status: 'open',
      met_at: null,
      warned: 'none',
      calendar_warning: null,
      created_at: at,
    })
    .execute();
  return id;
}

async function proposed(f: Fixture): Promise<string> {
  const id = await newCase(f);
  const res = await f.uploader.post(`/api/cases/${id}/transitions/open_case/propose`, {
    opinion: '建议立案',
  });
  return res.json<{ approvals: { id: string }[] }>().approvals[0]?.id ?? '';
}

/**
 * Every state-changing route, with a request that succeeds and the ledger actions it must append.
 * A route added without an entry here fails the first test: decide what it records.
 */
/** A tus request as the browser's tus client sends it, with the uploader's session. */
const tus = (f: Fixture, method: 'POST' | 'PATCH' | 'DELETE', url: string, headers = {}, payload?: Buffer) =>
  f.c.app.http.inject({
    method,
    url,
    headers: {
      cookie: f.uploader.cookie,
      'x-csrf-token': f.uploader.csrf,
      'tus-resumable': '1.0.0',
      ...headers,
    },
    ...(payload ? { payload } : {}),
  });
const newUpload = async (f: Fixture) =>
  (await tus(f, 'POST', '/api/uploads', { 'upload-length': '4' })).headers.location as string;
const UPLOAD_WHY =
  'an upload in progress is not a record yet; the ingest sink appends when the file is complete';

const MUTATING: Record<string, { call: Call; actions: string[]; why?: string }> = {
  'POST /api/auth/login': {
    call: async ({ c }) => login(c.app, 'walker', TEST_PASSWORD),
    actions: ['session.started'],
  },
  'POST /api/auth/logout': {
    call: async ({ c }) =>
      sessionFrom(c.app, await login(c.app, 'walker', TEST_PASSWORD)).post('/api/auth/logout'),
    actions: ['session.started', 'session.ended'],
  },
  'POST /api/auth/password': {
    call: async ({ c }) =>
      sessionFrom(c.app, await login(c.app, 'walker', TEST_PASSWORD)).post('/api/auth/password', {
        currentPassword: TEST_PASSWORD,
        newPassword: 'Walked-Further-2026',
      }),
    actions: ['session.started', 'user.password_changed', 'session.started'],
  },
  'POST /api/units': {
    call: ({ admin }) => admin.post('/api/units', { name: '新单位' }),
    actions: ['unit.created'],
  },
  'PATCH /api/units/{id}': {
    call: ({ admin, unitId }) => admin.patch(`/api/units/${unitId}`, { code: 'Z9' }),
    actions: ['unit.updated'],
  },
  'POST /api/users': {
    call: ({ admin, unitId }) =>
      admin.post('/api/users', {
        username: 'newbie',
        name: '新同事',
        password: 'Initial-Pass-2026',
        unitId,
        roles: ['officer'],
      }),
    actions: ['user.created'],
  },
  'PATCH /api/users/{id}': {
    call: ({ admin, userId }) => admin.patch(`/api/users/${userId}`, { phone: '13900001111' }),
    actions: ['user.updated'],
  },
  'POST /api/users/{id}/password': {
    call: ({ admin, userId }) =>
      admin.post(`/api/users/${userId}/password`, { password: 'Another-Pass-2026' }),
    actions: ['user.password_reset'],
  },
  'POST /api/users/{id}/unlock': {
    call: ({ admin, userId }) => admin.post(`/api/users/${userId}/unlock`),
    actions: ['user.unlocked'],
  },
  'POST /api/uploads': {
    call: (f) => tus(f, 'POST', '/api/uploads', { 'upload-length': '4' }),
    actions: [],
    why: UPLOAD_WHY,
  },
  'PATCH /api/uploads/{id}': {
    call: async (f) =>
      tus(
        f,
        'PATCH',
        await newUpload(f),
        { 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
        Buffer.from('ab'),
      ),
    actions: [],
    why: UPLOAD_WHY,
  },
  'DELETE /api/uploads/{id}': {
    call: async (f) => tus(f, 'DELETE', await newUpload(f)),
    actions: [],
    why: 'discarding an unfinished upload removes nothing that was recorded',
  },
  'POST /api/devices': {
    call: ({ admin, unitId }) => admin.post('/api/devices', { deviceNumber: 'CAM9001', unitId }),
    actions: ['device.created'],
  },
  'PATCH /api/devices/{id}': {
    call: ({ admin, deviceId }) => admin.patch(`/api/devices/${deviceId}`, { status: 'repair' }),
    actions: ['device.updated'],
  },
  'PATCH /api/recordings/{id}': {
    call: ({ uploader, recordingId }) =>
      uploader.patch(`/api/recordings/${recordingId}`, { place: '某公司门口', reason: '补录地点' }),
    actions: ['recording.corrected'],
  },
  'POST /api/recordings/{id}/links': {
    call: async (f) =>
      f.uploader.post(`/api/recordings/${f.recordingId}/links`, {
        caseId: await newCase(f),
        step: 'inspection_av',
      }),
    actions: ['party.created', 'case.registered', 'recording_link.created'],
  },
  'DELETE /api/recordings/{id}/links/{linkId}': {
    call: async (f) => {
      const { c, uploader, recordingId } = f;
      const link = await uploader.post(`/api/recordings/${recordingId}/links`, {
        caseId: await newCase(f),
        step: 'preservation_av',
      });
      return c.app.http.inject({
        method: 'DELETE',
        url: `/api/recordings/${recordingId}/links/${link.json<{ id: string }>().id}`,
        headers: { cookie: uploader.cookie, 'x-csrf-token': uploader.csrf },
      });
    },
    actions: ['party.created', 'case.registered', 'recording_link.created', 'recording_link.removed'],
  },
  'POST /api/parties': {
    call: ({ uploader }) =>
      uploader.post('/api/parties', { kind: 'person', name: '路由测试', identifier: '11010519491231002X' }),
    actions: ['party.created'],
  },
  'PATCH /api/parties/{id}': {
    call: async ({ uploader }) => {
      const party = await uploader.post('/api/parties', {
        kind: 'organisation',
        name: '路由测试公司',
        identifier: '91330106MA27XLPQ0X',
      });
      return uploader.patch(`/api/parties/${party.json<{ id: string }>().id}`, { phone: '13900001111' });
    },
    actions: ['party.created', 'party.updated'],
  },
  'POST /api/cases': {
    call: async (f) => {
      const party = (
        await f.uploader.post('/api/parties', { kind: 'organisation', name: '立案公司', identifier: uscc() })
      ).json<{
        id: string;
      }>();
      return f.uploader.post('/api/cases', {
        source: 'report',
        receivedOn: '2026-11-27',
        partyId: party.id,
        cause: '未签订劳动合同',
        facts: '举报未签订劳动合同',
        evidenceProvided: true,
        withinJurisdiction: true,
        officerIds: [f.uploader.id, f.partnerId],
      });
    },
    actions: ['party.created', 'case.registered'],
  },
  'PATCH /api/cases/{id}': {
    call: async (f) =>
      f.uploader.patch(`/api/cases/${await newCase(f)}`, { cause: '拖欠加班费', reason: '核实后更正' }),
    actions: ['party.created', 'case.registered', 'case.updated'],
  },
  'POST /api/cases/{id}/transitions/{transition}/propose': {
    call: async (f) => {
      const id = await newCase(f);
      return f.uploader.post(`/api/cases/${id}/transitions/open_case/propose`, { opinion: '建议立案' });
    },
    actions: ['party.created', 'case.registered', 'approval.proposed'],
  },
  'POST /api/approvals/{id}/decide': {
    call: async (f) => {
      const request = await proposed(f);
      await f.head.post(`/api/approvals/${request}/decide`, { decision: 'approve', opinion: '同意' });
      return f.agency.post(`/api/approvals/${request}/decide`, { decision: 'approve', opinion: '同意' });
    },
    // The agency head's approval is the last of the chain: the case is opened in the same write.
    actions: [
      'party.created',
      'case.registered',
      'approval.proposed',
      'approval.approved',
      'approval.approved',
      'approval.consumed',
      'case.opened',
    ],
  },
  'POST /api/cases/{id}/transitions/{transition}': {
    call: async (f) => {
      const id = await newCase(f, { withinJurisdiction: false });
      await issueDocument(f.uploader, id, 'referral_advice');
      return f.uploader.post(`/api/cases/${id}/transitions/refer_out`, {
        inputs: { referralAuthority: '临西县市场监督管理局' },
      });
    },
    actions: [
      'party.created',
      'case.registered',
      'document.drafted',
      'document.edited',
      'document.issued',
      'case.transitioned',
    ],
  },
  'POST /api/cases/{id}/documents': {
    call: async (f) =>
      f.uploader.post(`/api/cases/${await newCase(f)}/documents`, { templateId: 'referral_advice' }),
    actions: ['party.created', 'case.registered', 'document.drafted'],
  },
  'PATCH /api/documents/{id}': {
    call: async (f) => {
      const doc = await f.uploader.post(`/api/cases/${await newCase(f)}/documents`, {
        templateId: 'referral_advice',
      });
      return f.uploader.patch(`/api/documents/${doc.json<{ id: string }>().id}`, {
        fields: { competentAuthority: '临西县市场监督管理局' },
      });
    },
    actions: ['party.created', 'case.registered', 'document.drafted', 'document.edited'],
  },
  'POST /api/documents/{id}/issue': {
    call: async (f) => {
      const doc = await f.uploader.post(`/api/cases/${await newCase(f)}/documents`, {
        templateId: 'referral_advice',
      });
      const id = doc.json<{ id: string }>().id;
      await f.uploader.patch(`/api/documents/${id}`, {
        fields: {
          complainantName: '张三',
          reason: '不属于本机关管辖',
          competentAuthority: '临西县市场监督管理局',
        },
      });
      return f.uploader.post(`/api/documents/${id}/issue`);
    },
    actions: ['party.created', 'case.registered', 'document.drafted', 'document.edited', 'document.issued'],
  },
  'POST /api/documents/{id}/deliveries': {
    call: async (f) => {
      const doc = await issueDocument(f.uploader, await newCase(f), 'referral_advice');
      return f.uploader.post(`/api/documents/${doc.id}/deliveries`, {
        method: 'mail',
        servedOn: doc.issuedAt?.slice(0, 10),
        trackingNumber: 'EMS1130534001',
      });
    },
    actions: [
      'party.created',
      'case.registered',
      'document.drafted',
      'document.edited',
      'document.issued',
      'delivery.served',
    ],
  },
  'POST /api/documents/{id}/revise': {
    call: async (f) => {
      const doc = await issueDocument(f.uploader, await newCase(f), 'referral_advice');
      return f.uploader.post(`/api/documents/${doc.id}/revise`, { reason: '主管机关名称有误' });
    },
    actions: [
      'party.created',
      'case.registered',
      'document.drafted',
      'document.edited',
      'document.issued',
      'document.superseded',
      'document.revised',
    ],
  },
  'POST /api/documents/{id}/scans': {
    call: async (f) => {
      const doc = await issueDocument(f.uploader, await newCase(f), 'referral_advice');
      return f.c.app.http.inject({
        method: 'POST',
        url: `/api/documents/${doc.id}/scans`,
        headers: {
          cookie: f.uploader.cookie,
          'x-csrf-token': f.uploader.csrf,
          'content-type': 'application/pdf',
          'x-file-name': encodeURIComponent('签章件.pdf'),
        },
        payload: Buffer.from('%PDF-1.4\n%signed and sealed\n'),
      });
    },
    actions: [
      'party.created',
      'case.registered',
      'document.drafted',
      'document.edited',
      'document.issued',
      'document.scan_attached',
    ],
  },
  'POST /api/form-ranges': {
    call: (f) => f.head.post('/api/form-ranges', { series: '路由当罚', first: 1, last: 50 }),
    actions: ['form_range.registered'],
  },
  'POST /api/form-ranges/{id}/voids': {
    call: async (f) => {
      const pad = await f.head.post('/api/form-ranges', { series: '路由作废', first: 1, last: 5 });
      return f.head.post(`/api/form-ranges/${pad.json<{ id: string }>().id}/voids`, {
        number: 1,
        reason: '填写错误',
      });
    },
    actions: ['form_range.registered', 'form_number.voided'],
  },
  'POST /api/cases/{id}/payments': {
    call: async (f) =>
      f.finance.post(`/api/cases/${await decidedWithFine(f)}/payments`, {
        paidOn: '2026-11-28',
        amountFen: 200_000,
        receiptNumber: '冀非税No.ROUTE0001',
      }),
    // The payment that pays the fine off moves the case to `executed` in the same write.
    actions: ['payment.recorded', 'case.transitioned'],
  },
  'POST /api/notifications/{id}/read': {
    call: async (f) => {
      await f.c.app.deps.db
        .insertInto('notifications')
        .values({
          id: '00000000-0000-4000-8000-000000000001',
          user_id: f.uploader.id,
          kind: 'deadline',
          case_id: null,
          deadline_id: null,
          level: 'yellow',
          created_at: new Date().toISOString(),
          read_at: null,
        })
        .execute();
      return f.uploader.post('/api/notifications/00000000-0000-4000-8000-000000000001/read');
    },
    actions: [],
    why: 'a notice is derived from ledgered deadlines; reading it changes nothing recorded',
  },
  'POST /api/ledger/heads': {
    call: ({ admin }) => admin.post('/api/ledger/heads'),
    actions: [],
    why: 'signing a head records the tree itself; appending a leaf would change what was signed',
  },
};

describeEachDialect('every mutating route writes the ledger', (dialect) => {
  let f: Fixture;
  let stop: () => Promise<void>;
  beforeAll(async () => {
    const c = await startTestApp(dialect);
    stop = c.stop;
    const admin = await signInAs(c.app, { roles: ['it_admin'] });
    const unitId = (await admin.post('/api/units', { name: '路由单位' })).json<{ id: string }>().id;
    const user = await buildPerson(c.app, { username: 'walker' });
    const uploader = await signInAs(c.app, { roles: ['officer'] });
    const actor = {
      ...uploader,
      username: 'uploader',
      name: '上传人',
      roles: ['officer' as const],
      permissions: new Set(permissionsOf(['officer'])),
    };
    const partner = await buildPerson(c.app, { roles: ['officer'] });
    const head = await signInAs(c.app, { roles: ['unit_head'] });
    const agency = await signInAs(c.app, { roles: ['agency_head'], unit: '局领导' });
    const finance = await signInAs(c.app, { roles: ['finance'], unit: '财务科' });
    const recordingId = (await ingestBytes(c.app, actor, wav(7), { filename: 'r.wav' })).recording?.id ?? '';
    const device = await admin.post('/api/devices', { deviceNumber: 'CAM9000', unitId });
    f = {
      c,
      admin,
      uploader,
      unitId,
      userId: user.id,
      recordingId,
      deviceId: device.json<{ id: string }>().id,
      partnerId: partner.id,
      head,
      agency,
      finance,
    };
  });
  afterAll(async () => stop());

  it('the table above names every state-changing route the API serves', async () => {
    const doc = (await f.c.app.http.inject({ method: 'GET', url: '/api/docs/json' })).json<{
      paths: Record<string, Record<string, unknown>>;
    }>();
    const mutating = Object.entries(doc.paths).flatMap(([p, methods]) =>
      Object.keys(methods)
        .filter((m) => ['post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => `${m.toUpperCase()} ${p}`),
    );
    expect(mutating.sort()).toEqual(Object.keys(MUTATING).sort());
  });

  for (const [route, spec] of Object.entries(MUTATING)) {
    it(`${route} appends ${spec.actions.join(', ') || 'nothing'}${spec.why ? ` (${spec.why})` : ''}`, async () => {
      const size = async () =>
        Number(
          (
            await f.c.app.deps.db
              .selectFrom('ledger_entries')
              .select((eb) => eb.fn.max('seq').as('seq'))
              .executeTakeFirstOrThrow()
          ).seq ?? 0,
        );
      const before = await size();
      const res = await spec.call(f);
      expect(res.statusCode).toBeLessThan(300);
      const added = await f.c.app.deps.db
        .selectFrom('ledger_entries')
        .select('action')
        .where('seq', '>', before)
        .orderBy('seq')
        .execute();
      expect(added.map((a) => a.action)).toEqual(spec.actions);
    });
  }
});

import { permissionsOf, usccCheckChar, type Role } from '@quancheng/contracts';
import { ensureUnit, insertSystemPerson } from './bootstrap';
import { usersRepository } from './modules/org';
import { hashPassword } from './security/passwords';
import type { CasesService } from './modules/cases';
import type { PartiesService } from './modules/parties';
import type { Actor } from './security/actor';
import type { ServiceDeps } from './services';
import { shanghaiDay } from './time';

/** Every demo account signs in with this password; printed when the demo is seeded. */
export const DEMO_PASSWORD = 'Demo@2026quancheng';

const UNITS = ['劳动保障监察大队', '社会保险经办机构', '法制科', '财务科', '信息中心', '档案室'] as const;
type DemoUnit = (typeof UNITS)[number];

interface DemoPerson {
  username: string;
  name: string;
  unit: DemoUnit;
  roles: Role[];
  /** Certificate valid until this date; omitted = no certificate. */
  certTo?: string;
}

const PEOPLE: DemoPerson[] = [
  { username: 'zhangwei', name: '张伟', unit: '劳动保障监察大队', roles: ['officer'], certTo: '2029-12-31' },
  { username: 'wangfang', name: '王芳', unit: '劳动保障监察大队', roles: ['officer'], certTo: '2028-06-30' },
  { username: 'lina', name: '李娜', unit: '劳动保障监察大队', roles: ['officer'], certTo: '2027-03-31' },
  { username: 'liuqiang', name: '刘强', unit: '劳动保障监察大队', roles: ['officer'], certTo: '2025-12-31' },
  {
    username: 'chenjing',
    name: '陈静',
    unit: '劳动保障监察大队',
    roles: ['officer', 'unit_head'],
    certTo: '2029-12-31',
  },
  { username: 'yangmin', name: '杨敏', unit: '社会保险经办机构', roles: ['officer'], certTo: '2028-12-31' },
  { username: 'zhaolei', name: '赵磊', unit: '社会保险经办机构', roles: ['officer'], certTo: '2028-12-31' },
  {
    username: 'huangyan',
    name: '黄艳',
    unit: '社会保险经办机构',
    roles: ['officer', 'unit_head'],
    certTo: '2029-06-30',
  },
  { username: 'zhoujun', name: '周军', unit: '法制科', roles: ['legal', 'unit_head'], certTo: '2029-12-31' },
  { username: 'wuxia', name: '吴霞', unit: '法制科', roles: ['legal'], certTo: '2028-12-31' },
  { username: 'xuming', name: '徐明', unit: '信息中心', roles: ['agency_head'], certTo: '2030-12-31' },
  { username: 'sunli', name: '孙丽', unit: '财务科', roles: ['finance'] },
  { username: 'majie', name: '马杰', unit: '档案室', roles: ['archivist'] },
  { username: 'zhuhong', name: '朱红', unit: '信息中心', roles: ['it_admin'] },
  { username: 'hulin', name: '胡林', unit: '档案室', roles: ['archivist', 'unit_head'] },
];

/**
 * Seeds a demo bureau: six units and fifteen people covering every role, one of them with an
 * expired certificate. Idempotent: people already present (by user name) are left as they are.
 * Returns how many people it added.
 */
export async function seedDemo(deps: ServiceDeps): Promise<number> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return deps.write(async (trx) => {
    const unitIds = new Map<DemoUnit, string>();
    for (const name of UNITS) {
      unitIds.set(name, (await ensureUnit(trx, deps, name)).id);
    }
    let added = 0;
    for (const [i, p] of PEOPLE.entries()) {
      if (await usersRepository.findByUsername(trx, p.username)) {
        continue;
      }
      await insertSystemPerson(
        trx,
        deps,
        {
          username: p.username,
          name: p.name,
          unitId: unitIds.get(p.unit) ?? '',
          roles: p.roles,
          passwordHash,
          mustChangePassword: false,
          phone: `1380000${String(1000 + i).padStart(4, '0')}`,
          ...(p.certTo
            ? { certNo: `1302${String(20180001 + i)}`, certValidFrom: '2023-01-01', certValidTo: p.certTo }
            : {}),
        },
        { demo: true },
      );
      added++;
    }
    return added;
  });
}

/** The slice of the app the demo cases are made through: the real services, nothing behind them. */
interface DemoApp {
  deps: ServiceDeps;
  services: { parties: PartiesService; cases: CasesService };
}

async function demoActor(deps: ServiceDeps, username: string): Promise<Actor> {
  const user = await usersRepository.findByUsername(deps.db, username);
  if (!user) {
    throw new Error(`demo person ${username} is missing`);
  }
  return {
    id: user.id,
    username: user.username,
    name: user.name,
    unitId: user.unit_id,
    roles: user.roles,
    permissions: new Set(permissionsOf(user.roles)),
  };
}

function demoUscc(body17: string): string {
  return body17 + (usccCheckChar(body17) ?? '');
}

/**
 * A few matters at different points of the intake, made through the services as officers would:
 * one just registered, one waiting for the unit head's 立案 approval, one opened (with its case
 * number), one beyond the two-year limitation. Only when the bureau has no case yet.
 */
export async function seedDemoCases(app: DemoApp): Promise<number> {
  const { deps, services } = app;
  const existing = await deps.db.selectFrom('cases').select('id').limit(1).executeTakeFirst();
  if (existing) {
    return 0;
  }
  const zhang = await demoActor(deps, 'zhangwei');
  const wang = await demoActor(deps, 'wangfang');
  const chen = await demoActor(deps, 'chenjing');
  const xu = await demoActor(deps, 'xuming');
  const today = shanghaiDay(deps.now());
  const party = async (name: string, body: string, legalRep: string) =>
    (
      await services.parties.create(zhang, {
        kind: 'organisation',
        name,
        identifier: demoUscc(body),
        legalRep,
      })
    ).id;
  const textile = await party('临西县鑫源纺织有限公司', '91130535MA0CXY1A2', '刘建国');
  const builder = await party('临西县宏达建筑工程有限公司', '91130535MA0DHD3B4', '王宏达');
  const bearing = await party('临西县恒通轴承制造有限公司', '91130535MA0EHT5C6', '赵恒');
  const base = {
    receivedOn: today,
    evidenceProvided: true,
    withinJurisdiction: true,
    officerIds: [zhang.id, wang.id],
  };
  await services.cases.register(zhang, {
    ...base,
    source: 'complaint',
    complainant: { name: '张三', phone: '13900001111' },
    partyId: textile,
    cause: '拖欠工资',
    facts: '投诉人称该公司拖欠其2026年9月、10月工资共计8,600元，提供了考勤记录和工资条。',
  });
  const waiting = await services.cases.register(zhang, {
    ...base,
    source: 'report',
    complainant: { name: '匿名举报人' },
    partyId: builder,
    cause: '未依法缴纳社会保险费',
    facts: '举报该公司未为工地一线工人缴纳社会保险费。',
  });
  await services.cases.propose(zhang, waiting.id, 'open_case', {
    opinion: '有明确的用人单位和初步证据，建议立案调查。',
  });
  const opened = await services.cases.register(zhang, {
    ...base,
    source: 'inspection',
    partyId: bearing,
    cause: '未签订书面劳动合同',
    facts: '日常巡查发现该公司12名职工未签订书面劳动合同。',
  });
  const proposed = await services.cases.propose(zhang, opened.id, 'open_case', { opinion: '建议立案。' });
  const request = proposed.approvals[0]?.id ?? '';
  await services.cases.decide(chen, request, { decision: 'approve', opinion: '同意立案，请抓紧调查。' });
  await services.cases.decide(xu, request, { decision: 'approve', opinion: '同意。' });
  await services.cases.register(zhang, {
    ...base,
    source: 'complaint',
    complainant: { name: '李四', phone: '13900002222' },
    partyId: textile,
    cause: '拖欠加班费',
    facts: '投诉人称该公司2023年拖欠其加班费，2023年10月离职。',
    violationEndedOn: '2023-10-31',
  });
  return 4;
}

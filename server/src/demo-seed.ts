import type { Role } from '@quancheng/contracts';
import { ensureUnit, insertSystemPerson } from './bootstrap';
import { usersRepository } from './modules/org';
import { hashPassword } from './security/passwords';
import type { ServiceDeps } from './services';

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

import type { zhCNCases } from './zh-cn-cases';

/** English strings of the case pages; the same keys as zh-cn-cases.ts. */
export const enCases: Record<keyof typeof zhCNCases, string> = {
  'perm.party.read': 'View the party directory',
  'perm.party.manage': 'Register and edit parties',
  'perm.case.read': "View your unit's and your own cases",
  'perm.case.read_all': 'View all cases',
  'perm.case.register': 'Register complaints, reports, referrals and inspection findings',
  'perm.case.handle': 'Carry out case steps and draft documents',
  'perm.case.approve': 'Approve case steps',
  'perm.case.override': 'Override a procedure step where a rule allows it',
  'perm.calendar.manage': 'Maintain the working-day calendar',
};

/** zh-CN strings of the case pages (案件, 当事人, 审批, 期限, 文书); merged into zh-cn.ts. */
export const zhCNCases = {
  'perm.party.read': '查看当事人名录',
  'perm.party.manage': '登记、修改当事人',
  'perm.case.read': '查看本单位或本人承办的案件',
  'perm.case.read_all': '查看全部案件',
  'perm.case.register': '登记投诉、举报、交办和检查发现的案件',
  'perm.case.handle': '办理案件环节、起草文书',
  'perm.case.approve': '审批案件',
  'perm.case.override': '依规定例外放行程序环节',
  'perm.calendar.manage': '维护工作日历',
};

/**
 * RULES.md Appendix A rows that are amounts and rates rather than periods, with their source, so
 * that the table lives in one place.
 */
export const STATUTORY_RATES = [
  {
    id: 'late_payment_surcharge',
    label: { 'zh-CN': '逾期缴纳罚款加处罚款', en: 'Late-payment surcharge on a fine' },
    rule: {
      'zh-CN': '每日按罚款数额的 3% 加处，不得超出罚款数额',
      en: '3 % of the fine a day, capped at the fine',
    },
    ratePerDay: 0.03,
    source: '行政处罚法 art. 72',
  },
  {
    id: 'social_insurance_late_fee',
    label: { 'zh-CN': '社会保险费滞纳金', en: 'Social-insurance late fee' },
    rule: { 'zh-CN': '自欠缴之日起，按日加收万分之五', en: '0.05 % a day from the day the arrears start' },
    ratePerDay: 0.0005,
    source: '社会保险法 art. 86',
  },
  {
    id: 'on_the_spot_ceiling',
    label: { 'zh-CN': '简易程序当场处罚上限', en: 'On-the-spot (simplified) penalty ceiling' },
    rule: {
      'zh-CN': '对公民 200 元以下、对法人或其他组织 3000 元以下罚款或者警告',
      en: '≤ 200 yuan for a person, ≤ 3,000 yuan for an organisation, or a warning',
    },
    maxYuan: { person: 200, organisation: 3000 },
    source: '行政处罚法 art. 51',
  },
] as const;

import type { UserTable } from '../../db/types';

type CertFields = Pick<UserTable, 'active' | 'cert_no' | 'cert_valid_from' | 'cert_valid_to'>;

/**
 * A person may act as a case officer on day `day` (`YYYY-MM-DD`, Asia/Shanghai) only when active
 * and holding an enforcement certificate (执法证) valid that day, both ends inclusive (A3.1).
 */
export function isCertifiedOn(person: CertFields, day: string): boolean {
  return (
    person.active === 1 &&
    !!person.cert_no &&
    !!person.cert_valid_from &&
    !!person.cert_valid_to &&
    person.cert_valid_from <= day &&
    day <= person.cert_valid_to
  );
}

import { Space } from 'antd';
import { HeadCard } from './head-card';
import { VerifyCard } from './verify-card';

/**
 * 记录核验: the ledger's current signed tree head, and the check of one record against it —
 * every entry intact, included in the signed head, and the record's data as the ledger says.
 */
export function LedgerPage() {
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <HeadCard />
      <VerifyCard />
    </Space>
  );
}

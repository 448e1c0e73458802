import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Collapse,
  Descriptions,
  Flex,
  Tag,
  Tooltip,
  Typography,
  type DescriptionsProps,
} from 'antd';
import type { LedgerStatusDto } from '@quancheng/contracts';
import { savePublicKey, useLedgerStatus, useSignHead } from '../../api/ledger';
import { busy } from '../../components/busy';
import { formatBureauTime } from '../../components/format-time';
import { MONO } from '../../components/mono';
import { PageError } from '../../components/page-state';
import { useApiError } from '../../components/use-api-error';
import { useT, type I18n } from '../../i18n';

function headItems(status: LedgerStatusDto, t: I18n['t']): DescriptionsProps['items'] {
  const head = status.latestHead;
  const counts: DescriptionsProps['items'] = [
    {
      key: 'treeSize',
      label: t('ledger.head.treeSize'),
      children: <span data-testid="ledger-tree-size">{status.treeSize}</span>,
    },
    {
      key: 'unsigned',
      label: t('ledger.head.unsigned'),
      children:
        status.unsignedLeaves > 0 ? (
          <Tag color="warning">{status.unsignedLeaves}</Tag>
        ) : (
          <Tag color="success">{t('ledger.head.allSigned')}</Tag>
        ),
    },
  ];
  if (!head) {
    return [
      ...counts,
      {
        key: 'none',
        label: t('ledger.head.latest'),
        span: 'filled',
        children: <Typography.Text type="secondary">{t('ledger.head.none')}</Typography.Text>,
      },
    ];
  }
  return [
    ...counts,
    {
      key: 'size',
      label: t('ledger.head.size'),
      children: <span data-testid="ledger-head-size">{head.treeSize}</span>,
    },
    { key: 'timestamp', label: t('ledger.head.timestamp'), children: formatBureauTime(head.timestamp) },
    {
      key: 'rootHash',
      label: t('ledger.head.rootHash'),
      span: 'filled',
      children: (
        <Typography.Text copyable style={MONO} data-testid="ledger-root-hash">
          {head.rootHash}
        </Typography.Text>
      ),
    },
    {
      key: 'keyId',
      label: t('ledger.head.keyId'),
      span: 'filled',
      children: (
        <Typography.Text copyable style={MONO}>
          {head.keyId}
        </Typography.Text>
      ),
    },
  ];
}

function PublicKey({ pem }: { pem: string }) {
  const { t } = useT();
  return (
    <Collapse
      style={{ marginTop: 16 }}
      items={[
        {
          key: 'publicKey',
          label: t('ledger.head.publicKey'),
          children: (
            <>
              <Typography.Paragraph type="secondary">{t('ledger.head.publicKeyHelp')}</Typography.Paragraph>
              <Typography.Paragraph copyable={{ text: pem }}>
                <pre style={{ ...MONO, margin: 0 }} data-testid="ledger-public-key">
                  {pem.trim()}
                </pre>
              </Typography.Paragraph>
              <Button icon={<DownloadOutlined />} onClick={() => savePublicKey(pem)}>
                {t('ledger.head.downloadKey')}
              </Button>
            </>
          ),
        },
      ]}
    />
  );
}

/** 当前签名树头: how many entries the ledger holds, the newest signed head and the key behind it. */
export function HeadCard() {
  const { t } = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const status = useLedgerStatus();
  const sign = useSignHead();

  if (status.isError) {
    return (
      <Card title={t('ledger.head.title')}>
        <PageError error={status.error} onRetry={() => void status.refetch()} />
      </Card>
    );
  }
  const data = status.data;

  const onSign = () =>
    sign.mutate(undefined, {
      onSuccess: (head) => void message.success(t('ledger.head.signed', { size: head.treeSize })),
      onError: (error) => showError(error),
    });

  const signButton = data?.abilities.sign && (
    <Tooltip title={data.unsignedLeaves === 0 ? t('ledger.head.allSigned') : undefined}>
      <Button
        type="primary"
        icon={<SafetyCertificateOutlined />}
        disabled={data.unsignedLeaves === 0}
        loading={busy(sign.isPending)}
        onClick={onSign}
      >
        {t('ledger.head.signNow')}
      </Button>
    </Tooltip>
  );

  return (
    <Card
      title={t('ledger.head.title')}
      extra={signButton}
      loading={status.isPending}
      data-testid="ledger-head"
    >
      {data && (
        <Flex vertical>
          <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} items={headItems(data, t)} />
          <PublicKey pem={data.publicKeyPem} />
        </Flex>
      )}
    </Card>
  );
}

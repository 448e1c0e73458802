import { CloseCircleOutlined, DownloadOutlined } from '@ant-design/icons';
import { App, Button, Flex, Progress, Result, Typography, theme } from 'antd';
import type { SubjectVerificationDto } from '@quancheng/contracts';
import { useDownloadBundle, type LedgerSubject } from '../../api/ledger';
import { busy } from '../../components/busy';
import { formatBureauTime } from '../../components/format-time';
import { MONO } from '../../components/mono';
import { useApiError } from '../../components/use-api-error';
import { useT, type I18n, type MessageId } from '../../i18n';
import { EntriesTable } from './entries-table';

interface VerificationResultProps {
  subject: LedgerSubject;
  /** The name of what the user picked, e.g. "劳动保障监察大队". */
  label: string;
  result: SubjectVerificationDto;
}

/** The sentence under 核验通过: how many entries, which signed head covers them. */
function passedText(result: SubjectVerificationDto, t: I18n['t']): string {
  const count = result.entries.length;
  const included = result.entries.filter((e) => e.included).length;
  if (!result.head) {
    return t('ledger.verify.okNoHead', { count });
  }
  const size = result.head.treeSize;
  return included === count
    ? t('ledger.verify.okAll', { count, size })
    : t('ledger.verify.okPartly', { count, included, size, pending: count - included });
}

/** Every problem found; the server's messages already name the entry and the record. */
function Findings({ findings }: { findings: SubjectVerificationDto['findings'] }) {
  const { token } = theme.useToken();
  return (
    <Flex vertical gap={8} component="ul" style={{ margin: 0, paddingLeft: 0, listStyle: 'none' }}>
      {findings.map((f, i) => (
        <li key={`${f.kind}-${f.seq ?? 'none'}-${i}`} data-testid="ledger-finding" data-kind={f.kind}>
          <CloseCircleOutlined style={{ color: token.colorError, marginRight: 8 }} />
          <Typography.Text>{f.message}</Typography.Text>
        </li>
      ))}
    </Flex>
  );
}

/** Downloads the proof bundle a court or the legal-affairs office checks offline. */
function BundleDownload({ subject, result }: { subject: LedgerSubject; result: SubjectVerificationDto }) {
  const { t } = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const download = useDownloadBundle();
  const available = result.head !== null && result.entries.some((e) => e.included);
  const { progress } = download;
  const percent = progress?.total
    ? Math.min(100, Math.round((progress.received / progress.total) * 100))
    : null;

  const onDownload = () =>
    download.mutate(subject, {
      onSuccess: ({ fileName }) => void message.success(t('ledger.bundle.downloaded', { file: fileName })),
      onError: (error) => showError(error),
    });

  return (
    <Flex vertical gap={8} align="center">
      <Button
        type="primary"
        icon={<DownloadOutlined />}
        disabled={!available}
        loading={busy(download.isPending)}
        onClick={onDownload}
      >
        {t('ledger.bundle.download')}
      </Button>
      {download.isPending && (
        <Flex gap={8} align="center" style={{ width: 320 }} data-testid="ledger-bundle-progress">
          <Typography.Text type="secondary">{t('ledger.bundle.downloading')}</Typography.Text>
          {percent !== null && <Progress percent={percent} size="small" style={{ flex: 1, margin: 0 }} />}
        </Flex>
      )}
      {available ? (
        <Typography.Text type="secondary">
          {t('ledger.bundle.help')}{' '}
          <Typography.Text code copyable style={MONO}>
            {t('ledger.bundle.command')}
          </Typography.Text>
        </Typography.Text>
      ) : (
        <Typography.Text type="secondary">{t('ledger.bundle.needsHead')}</Typography.Text>
      )}
    </Flex>
  );
}

/** 核验通过 in green or 核验未通过 in red with every finding, then the record's ledger entries. */
export function VerificationResult({ subject, label, result }: VerificationResultProps) {
  const { t } = useT();
  const checked = t('ledger.verify.checked', {
    subject: `${t(`ledger.verify.type.${subject.type}` satisfies MessageId)} ${label}`,
    time: formatBureauTime(result.checkedAt),
  });
  return (
    <Flex vertical gap={16} data-testid="ledger-result">
      <Result
        status={result.ok ? 'success' : 'error'}
        title={t(result.ok ? 'ledger.verify.ok' : 'ledger.verify.failed')}
        subTitle={
          <Flex vertical gap={4}>
            <span data-testid="ledger-result-detail">
              {result.ok
                ? passedText(result, t)
                : t('ledger.verify.failedDetail', { count: result.findings.length })}
            </span>
            <Typography.Text type="secondary">{checked}</Typography.Text>
          </Flex>
        }
        style={{ padding: '24px 32px 16px' }}
      >
        {!result.ok && <Findings findings={result.findings} />}
      </Result>
      <BundleDownload subject={subject} result={result} />
      <EntriesTable entries={result.entries} />
    </Flex>
  );
}

import { Alert, Card, Flex, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useDocumentPdf, type DocumentView } from '../../../api/documents';
import { useT } from '../../../i18n';

/** An object URL for a Blob, released when the Blob changes or the page goes. */
function useObjectUrl(blob: Blob | undefined): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!blob) {
      setUrl(null);
      return undefined;
    }
    const next = URL.createObjectURL(blob);
    setUrl(next);
    return () => URL.revokeObjectURL(next);
  }, [blob]);
  return url;
}

/** The PDF as the server renders it: a watermarked preview for a draft, the frozen file once issued. */
export function DocumentPreview({ doc }: { doc: DocumentView }) {
  const { t } = useT();
  const pdf = useDocumentPdf(doc.id, `${doc.state}:${doc.updatedAt}`);
  const url = useObjectUrl(pdf.data);
  return (
    <Card
      size="small"
      title={doc.state === 'draft' ? t('document.previewDraft') : t('document.previewIssued')}
      extra={pdf.isFetching && <Spin size="small" />}
      styles={{ body: { padding: 0 } }}
    >
      {pdf.isError && !url ? (
        <Alert type="error" showIcon title={t('document.previewFailed')} style={{ margin: 12 }} />
      ) : url ? (
        <iframe
          title={t('document.preview')}
          data-testid="document-preview"
          src={url}
          style={{ width: '100%', height: '75vh', minHeight: 480, border: 0, display: 'block' }}
        />
      ) : (
        <Flex justify="center" align="center" style={{ height: 480 }}>
          <Typography.Text type="secondary">{t('app.loading')}</Typography.Text>
        </Flex>
      )}
    </Card>
  );
}

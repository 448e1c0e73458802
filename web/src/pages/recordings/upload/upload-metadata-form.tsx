import { Col, DatePicker, Form, Input, Row, type FormInstance } from 'antd';
import type { Dayjs } from 'dayjs';
import type { Confidentiality, RecordingCategory } from '@quancheng/contracts';
import { useT } from '../../../i18n';
import { RecordingContextFields } from '../shared/context-fields';
import { PersonSelect } from '../shared/person-select';

export interface UploadMetadataValues {
  deviceNumber?: string;
  officerIds?: string[];
  place?: string;
  party?: string;
  caseCause?: string;
  category?: RecordingCategory;
  confidentiality?: Confidentiality;
  captureStart?: Dayjs | null;
}

const text = (value: string | undefined) => value?.trim() ?? '';

/**
 * The batch's metadata as the tus `Upload-Metadata` keys the recordings sink reads (lists comma
 * separated). Empty fields are left out: the server then takes the device number and capture time
 * from each file's name and embedded tags.
 */
export function toUploadMetadata(values: UploadMetadataValues): Record<string, string> {
  const entries: [string, string][] = [
    ['deviceNumber', text(values.deviceNumber).toUpperCase()],
    ['officerIds', (values.officerIds ?? []).join(',')],
    ['place', text(values.place)],
    ['party', text(values.party)],
    ['caseCause', text(values.caseCause)],
    ['category', values.category ?? ''],
    ['confidentiality', values.confidentiality ?? ''],
    ['captureStart', values.captureStart ? values.captureStart.toISOString() : ''],
  ];
  return Object.fromEntries(entries.filter(([, value]) => value !== ''));
}

interface Props {
  form: FormInstance<UploadMetadataValues>;
  initialValues: UploadMetadataValues;
}

/** 本批文件的共同信息: what every file of this batch shares; each file's own facts come from the server. */
export function UploadMetadataForm({ form, initialValues }: Props) {
  const { t } = useT();
  const col = { xs: 24, md: 12, xl: 8 };
  return (
    <Form<UploadMetadataValues>
      form={form}
      layout="vertical"
      name="upload-metadata"
      initialValues={initialValues}
    >
      <Row gutter={16}>
        <Col {...col}>
          <Form.Item
            label={t('rec.deviceNumber')}
            name="deviceNumber"
            extra={t('upload.deviceHelp')}
            rules={[{ pattern: /^[A-Za-z0-9][A-Za-z0-9_-]{2,31}$/, message: t('upload.deviceInvalid') }]}
          >
            <Input maxLength={32} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item label={t('rec.officers')} name="officerIds">
            <PersonSelect multiple />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item label={t('rec.captureStart')} name="captureStart" extra={t('upload.captureHelp')}>
            <DatePicker showTime style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <RecordingContextFields col={col} />
      </Row>
    </Form>
  );
}

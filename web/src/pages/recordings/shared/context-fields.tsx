import { Col, Form, Input, Select, type ColProps } from 'antd';
import { useT } from '../../../i18n';
import { useRecordingLabels } from './labels';

/**
 * Where and about what a recording was made — place, party, case cause, category and
 * confidentiality — as form columns. The upload form and the correction dialog ask the same.
 */
export function RecordingContextFields({ col }: { col: ColProps }) {
  const { t } = useT();
  const labels = useRecordingLabels();
  return (
    <>
      <Col {...col}>
        <Form.Item label={t('rec.place')} name="place">
          <Input maxLength={200} />
        </Form.Item>
      </Col>
      <Col {...col}>
        <Form.Item label={t('rec.party')} name="party">
          <Input maxLength={200} />
        </Form.Item>
      </Col>
      <Col {...col}>
        <Form.Item label={t('rec.cause')} name="caseCause">
          <Input maxLength={200} />
        </Form.Item>
      </Col>
      <Col {...col}>
        <Form.Item label={t('rec.category')} name="category">
          <Select allowClear options={labels.categoryOptions} />
        </Form.Item>
      </Col>
      <Col {...col}>
        <Form.Item label={t('rec.confidentiality')} name="confidentiality">
          <Select options={labels.confidentialityOptions} />
        </Form.Item>
      </Col>
    </>
  );
}

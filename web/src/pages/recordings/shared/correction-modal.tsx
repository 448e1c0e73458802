import { Alert, App, Col, DatePicker, Form, Input, Modal, Row } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef } from 'react';
import type {
  Confidentiality,
  RecordingCategory,
  RecordingCorrectionInput,
  RecordingDto,
} from '@quancheng/contracts';
import { useCorrectRecording } from '../../../api/recordings';
import { busy } from '../../../components/busy';
import { useApiError } from '../../../components/use-api-error';
import { useT } from '../../../i18n';
import { RecordingContextFields } from './context-fields';
import { PersonSelect } from './person-select';

interface Values {
  deviceNumber?: string;
  officerIds: string[];
  place?: string;
  party?: string;
  caseCause?: string;
  category?: RecordingCategory | null;
  confidentiality: Confidentiality;
  captureStart?: Dayjs | null;
  captureEnd?: Dayjs | null;
  note?: string;
  reason?: string;
}

interface Props {
  recording: RecordingDto | null;
  onClose: () => void;
}

const blankToNull = (value: string | undefined): string | null => {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
};
const instant = (value: Dayjs | null | undefined) => (value ? value.toISOString() : null);
const sameInstant = (a: string | null, b: string | null) =>
  a === b || (a !== null && b !== null && Date.parse(a) === Date.parse(b));

function toValues(r: RecordingDto): Values {
  return {
    deviceNumber: r.deviceNumber ?? undefined,
    officerIds: r.officers.map((o) => o.id),
    place: r.place ?? undefined,
    party: r.party ?? undefined,
    caseCause: r.caseCause ?? undefined,
    category: r.category,
    confidentiality: r.confidentiality,
    captureStart: r.captureStart ? dayjs(r.captureStart) : null,
    captureEnd: r.captureEnd ? dayjs(r.captureEnd) : null,
    note: r.note ?? undefined,
  };
}

/** Only what differs from the record is sent: each field changed is one line of the history. */
function changes(r: RecordingDto, v: Values): Omit<RecordingCorrectionInput, 'reason'> {
  const out: Omit<RecordingCorrectionInput, 'reason'> = {};
  const device = blankToNull(v.deviceNumber)?.toUpperCase() ?? null;
  if (device !== r.deviceNumber) {
    out.deviceNumber = device;
  }
  const officers = [...v.officerIds].sort();
  if (
    officers.join() !==
    r.officers
      .map((o) => o.id)
      .sort()
      .join()
  ) {
    out.officerIds = officers;
  }
  for (const key of ['place', 'party', 'caseCause', 'note'] as const) {
    const next = blankToNull(v[key]);
    if (next !== r[key]) {
      out[key] = next;
    }
  }
  if ((v.category ?? null) !== r.category) {
    out.category = v.category ?? null;
  }
  if (v.confidentiality !== r.confidentiality) {
    out.confidentiality = v.confidentiality;
  }
  const start = instant(v.captureStart);
  if (!sameInstant(start, r.captureStart)) {
    out.captureStart = start;
  }
  const end = instant(v.captureEnd);
  if (!sameInstant(end, r.captureEnd)) {
    out.captureEnd = end;
  }
  return out;
}

/** 更正信息: corrects descriptive metadata with a reason; the original values stay in the history. */
export function CorrectionModal({ recording, onClose }: Props) {
  const { t } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const correct = useCorrectRecording(recording?.id ?? '');
  const showError = useApiError();

  // Filled when the dialog opens, not on every poll of the page behind it (that would undo typing).
  const latest = useRef(recording);
  latest.current = recording;
  const openFor = recording?.id ?? null;
  useEffect(() => {
    if (openFor !== null && latest.current) {
      form.resetFields();
      form.setFieldsValue(toValues(latest.current));
    }
  }, [openFor, form]);

  const onFinish = (values: Values) => {
    if (!recording) {
      return;
    }
    const changed = changes(recording, values);
    if (Object.keys(changed).length === 0) {
      form.setFields([{ name: 'reason', errors: [t('correct.nothingChanged')] }]);
      return;
    }
    correct.mutate(
      { ...changed, reason: values.reason?.trim() ?? '' },
      {
        onSuccess: () => {
          void message.success(t('correct.saved'));
          onClose();
        },
        onError: (error) => showError(error, form, { officerIds: 'officerIds' }),
      },
    );
  };

  const col = { xs: 24, md: 12 };
  return (
    <Modal
      open={recording !== null}
      title={t('correct.title')}
      width={760}
      okText={t('correct.submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ loading: busy(correct.isPending) }}
      forceRender
    >
      <Alert type="info" showIcon title={t('correct.help')} style={{ marginBottom: 16 }} />
      <Form<Values> form={form} layout="vertical" name="recording-correction" onFinish={onFinish}>
        <Row gutter={16}>
          <Col {...col}>
            <Form.Item label={t('rec.deviceNumber')} name="deviceNumber">
              <Input maxLength={32} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item label={t('rec.officers')} name="officerIds">
              <PersonSelect multiple known={recording?.officers} />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item label={t('rec.captureStart')} name="captureStart">
              <DatePicker showTime style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item label={t('rec.captureEnd')} name="captureEnd">
              <DatePicker showTime style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <RecordingContextFields col={col} />
          <Col {...col}>
            <Form.Item label={t('rec.note')} name="note">
              <Input maxLength={1000} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          label={t('correct.reason')}
          name="reason"
          rules={[{ required: true, whitespace: true, message: t('correct.reasonRequired') }]}
        >
          <Input.TextArea maxLength={500} rows={2} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

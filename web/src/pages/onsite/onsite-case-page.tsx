import { CheckCircleFilled, ClockCircleOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  AutoComplete,
  Button,
  Card,
  ConfigProvider,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Progress,
  Radio,
  Result,
  Select,
  Steps,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useRef, useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { CaseDto } from '@quancheng/contracts';
import { usePerform, useCase } from '../../api/cases';
import { useDeliveries, useDraftDocument } from '../../api/documents';
import { useHandOver, useLinkRecording, useMyOpenPads } from '../../api/onsite';
import { useRecordings } from '../../api/recordings';
import { busy } from '../../components/busy';
import { BUREAU_TIME_ZONE, formatBureauTime } from '../../components/format-time';
import { PageError, PageLoading } from '../../components/page-state';
import { useSignedIn } from '../../components/route-guards';
import { useApiError } from '../../components/use-api-error';
import { useT, type MessageId } from '../../i18n';
import { Announcement } from './announcement';
import { SignaturePad, type SignaturePadHandle } from './signature-pad';

const RECORDS = ['inspection_record', 'interview_record'] as const;
const DECIDED = ['decided_on_spot', 'executed', 'closed'];

/** A text value the procedure recorded on the case. */
const dataText = (c: CaseDto, key: string): string => {
  const v = c.data[key];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
};

/** Which screen a case is at: records, AV, decision (on site), hand-over, done. */
function screenOf(c: CaseDto, served: boolean): number {
  if (DECIDED.includes(c.step)) {
    return served ? 4 : 3;
  }
  const decide = c.transitions.find((x) => x.id === 'decide_on_spot');
  if (!decide || decide.documents.some((d) => !d.issued)) {
    return 0;
  }
  return decide.missing.some((m) => m.code === 'recording_missing') ? 1 : 2;
}

/**
 * The on-site screens of one simplified-procedure matter (A10.1), large enough for a tablet held in
 * one hand: the two records, the AV record, the decision on a numbered form, and the hand-over
 * with the party's signature. Each screen reads the case again, so a reload resumes where it was.
 */
export function OnsiteCasePage() {
  const { id = '' } = useParams();
  const { t } = useT();
  const found = useCase(id);
  const c = found.data;
  const onspot = c?.documents
    .filter((d) => d.templateId === 'onspot_decision' && d.state === 'issued')
    .at(-1);
  const deliveries = useDeliveries(onspot?.id ?? '', onspot !== undefined);
  const served = onspot !== undefined && (deliveries.data?.effectiveOn ?? null) !== null;
  const [chosen, setChosen] = useState<number | null>(null);

  if (found.isPending) {
    return <PageLoading />;
  }
  if (!c) {
    return <PageError error={found.error} onRetry={() => void found.refetch()} />;
  }
  if (c.procedure.id === 'penalty' && c.step === 'investigation' && c.status === 'open') {
    return <InspectionFlow c={c} />;
  }
  if (c.procedure.id !== 'penalty_simplified' || c.step === 'converted') {
    return (
      <Alert
        type="warning"
        showIcon
        title={t(c.step === 'converted' ? 'onsite.decide.converted' : 'onsite.notSimplified')}
        action={
          <Link to={`/cases/${c.id}`}>
            <Button>{t('onsite.done.case')}</Button>
          </Link>
        }
      />
    );
  }
  const at = screenOf(c, served);
  const screen = at <= 2 && chosen !== null && chosen <= 2 ? chosen : at;
  const steps: MessageId[] = [
    'onsite.steps.records',
    'onsite.steps.av',
    'onsite.steps.decide',
    'onsite.steps.handOver',
    'onsite.steps.done',
  ];

  return (
    <OnsiteFrame
      title={t('onsite.title')}
      subtitle={`${c.regNumber} · ${c.partyName ?? ''} · ${c.cause}`}
      steps={steps}
      current={screen}
      onStep={(n) => (at <= 2 && n <= 2 ? setChosen(n) : undefined)}
    >
      {screen === 0 && <RecordsScreen c={c} act={ON_THE_SPOT} onNext={() => setChosen(1)} />}
      {screen === 1 && (
        <AvScreen c={c} act={ON_THE_SPOT} onNext={() => setChosen(2)} next={t('onsite.steps.decide')} />
      )}
      {screen === 2 && <DecideScreen c={c} />}
      {screen === 3 && <HandOverScreen c={c} />}
      {screen === 4 && (
        <Result
          status="success"
          title={t('onsite.done.title')}
          subTitle={t('onsite.done.text', { number: dataText(c, 'formNumber') })}
          extra={[
            <Link key="case" to={`/cases/${c.id}`}>
              <Button type="primary">{t('onsite.done.case')}</Button>
            </Link>,
            <Link key="new" to="/onsite">
              <Button>{t('onsite.done.new')}</Button>
            </Link>,
          ]}
        />
      )}
    </OnsiteFrame>
  );
}

/** A flow's act: the transition the records and AV are for, its documents and its AV requirement. */
interface Act {
  transition: string;
  records: readonly string[];
  av: string;
  /** What the records are for, with the rule. */
  help: MessageId;
}
const ON_THE_SPOT: Act = {
  transition: 'decide_on_spot',
  records: RECORDS,
  av: 'onspot_av',
  help: 'onsite.records.help',
};
const INSPECTION: Act = {
  transition: 'record_inspection',
  records: ['inspection_record'],
  av: 'inspection_av',
  help: 'onsite.inspection.recordsHelp',
};

function RecordsScreen({ c, act, onNext }: { c: CaseDto; act: Act; onNext: () => void }) {
  const { t } = useT();
  const navigate = useNavigate();
  const draft = useDraftDocument(c.id);
  const showError = useApiError();
  const decide = c.transitions.find((x) => x.id === act.transition);
  const open = async (templateId: string) => {
    const existing = c.documents.find((d) => d.templateId === templateId && d.state === 'draft');
    try {
      const doc = existing ?? (await draft.mutateAsync(templateId));
      void navigate(`/cases/${c.id}/documents/${doc.id}?from=onsite`);
    } catch (error) {
      showError(error);
    }
  };
  return (
    <Card>
      <Typography.Paragraph type="secondary">{t(act.help)}</Typography.Paragraph>
      <List
        dataSource={[...act.records]}
        renderItem={(templateId) => {
          const req = decide?.documents.find((d) => d.templateId === templateId);
          const hasDraft = c.documents.some((d) => d.templateId === templateId && d.state === 'draft');
          return (
            <List.Item
              data-testid={`onsite-record-${templateId}`}
              actions={[
                req?.issued ? (
                  <Tag key="s" color="success" icon={<CheckCircleFilled />}>
                    {t('onsite.records.issued')}
                  </Tag>
                ) : (
                  <Button
                    key="b"
                    type="primary"
                    loading={busy(draft.isPending)}
                    onClick={() => void open(templateId)}
                  >
                    {hasDraft ? t('onsite.records.continue') : t('onsite.records.fill')}
                  </Button>
                ),
              ]}
            >
              <Typography.Text style={{ fontSize: 18 }}>{req?.title ?? templateId}</Typography.Text>
            </List.Item>
          );
        }}
      />
      <Button block onClick={onNext} disabled={decide?.documents.some((d) => !d.issued)}>
        {t('onsite.steps.av')} →
      </Button>
    </Card>
  );
}

function AvScreen({ c, act, onNext, next }: { c: CaseDto; act: Act; onNext: () => void; next: string }) {
  const { t } = useT();
  const me = useSignedIn();
  const { message } = App.useApp();
  const showError = useApiError();
  const link = useLinkRecording(c.id);
  const [picked, setPicked] = useState<string | undefined>();
  const params = { page: 1, pageSize: 20, sort: 'captureStart', order: 'desc' } as const;
  const linked = useRecordings({ ...params, caseId: c.id, step: act.av });
  const mine = useRecordings({ ...params, officerId: me.user.id });
  const linkedIds = new Set((linked.data?.items ?? []).map((r) => r.id));
  // A repeated act needs AV made for it: the engine says whether this occurrence has its own.
  const avMissing =
    c.transitions.find((x) => x.id === act.transition)?.missing.some((m) => m.code === 'recording_missing') ??
    true;
  const when = (r: { captureStart: string | null }) =>
    r.captureStart ? formatBureauTime(r.captureStart) : '';

  return (
    <Card>
      <Typography.Paragraph type="secondary">{t('onsite.av.help')}</Typography.Paragraph>
      <Typography.Title level={5}>{t('onsite.av.linked')}</Typography.Title>
      {(linked.data?.items.length ?? 0) === 0 ? (
        <Alert type="warning" showIcon title={t('onsite.av.none')} style={{ marginBottom: 16 }} />
      ) : (
        <List
          data-testid="onsite-av-linked"
          dataSource={linked.data?.items ?? []}
          renderItem={(r) => (
            <List.Item>
              <ClockCircleOutlined /> {r.originalName} {when(r)}
            </List.Item>
          )}
        />
      )}
      <Flex gap={8} wrap style={{ marginTop: 12 }}>
        <Select
          style={{ flex: '1 1 320px' }}
          placeholder={t('onsite.av.pick')}
          value={picked}
          onChange={setPicked}
          loading={mine.isFetching}
          data-testid="onsite-av-pick"
          options={(mine.data?.items ?? [])
            .filter((r) => !linkedIds.has(r.id))
            .map((r) => ({ value: r.id, label: `${r.originalName} ${when(r)}` }))}
        />
        <Button
          type="primary"
          disabled={!picked}
          loading={busy(link.isPending)}
          onClick={() =>
            picked &&
            link.mutate(
              { recordingId: picked, step: act.av },
              {
                onSuccess: () => {
                  void message.success(t('onsite.av.done'));
                  setPicked(undefined);
                  void linked.refetch();
                },
                onError: (error) => showError(error),
              },
            )
          }
        >
          {t('onsite.av.link')}
        </Button>
        <Link to="/recordings/upload">
          <Button>{t('onsite.av.upload')}</Button>
        </Link>
      </Flex>
      <Button block style={{ marginTop: 16 }} onClick={onNext} disabled={avMissing}>
        {next} →
      </Button>
    </Card>
  );
}

interface DecideValues {
  penaltyType: '警告' | '罚款';
  fineAmount?: number;
  defence: string;
  formNumber: string;
}

function DecideScreen({ c }: { c: CaseDto }) {
  const { t } = useT();
  const me = useSignedIn();
  const [form] = Form.useForm<DecideValues>();
  const perform = usePerform(c.id);
  const pads = useMyOpenPads(me.user.id);
  const showError = useApiError();
  const [refusal, setRefusal] = useState<string | null>(null);
  const [converting, setConverting] = useState(false);
  const [reason, setReason] = useState('');
  const type = Form.useWatch('penaltyType', form);
  const next = (pads.data?.items ?? []).map((p) => p.nextDisplay).filter((n): n is string => n !== null);

  const submit = (v: DecideValues) => {
    setRefusal(null);
    perform.mutate(
      {
        transition: 'decide_on_spot',
        input: {
          inputs: {
            penaltyType: v.penaltyType,
            ...(v.penaltyType === '罚款' && v.fineAmount !== undefined ? { fineAmount: v.fineAmount } : {}),
            defence: v.defence.trim(),
            formNumber: v.formNumber.trim(),
          },
        },
      },
      { onError: (error) => setRefusal(error instanceof Error ? error.message : String(error)) },
    );
  };

  return (
    <Card>
      <Form<DecideValues>
        form={form}
        layout="vertical"
        name="onsite-decide"
        initialValues={{ penaltyType: '罚款', defence: t('onsite.decide.defenceDefault') }}
        onFinish={submit}
      >
        <Form.Item label={t('onsite.decide.penaltyType')} name="penaltyType" rules={[{ required: true }]}>
          <Radio.Group optionType="button" buttonStyle="solid">
            <Radio.Button value="警告">{t('onsite.decide.warning')}</Radio.Button>
            <Radio.Button value="罚款">{t('onsite.decide.fine')}</Radio.Button>
          </Radio.Group>
        </Form.Item>
        {type === '罚款' && (
          <Form.Item
            label={t('onsite.decide.fineAmount')}
            name="fineAmount"
            extra={t('onsite.decide.ceiling')}
            rules={[{ required: true, message: t('onsite.decide.required') }]}
          >
            <InputNumber min={1} precision={2} style={{ width: '100%' }} />
          </Form.Item>
        )}
        <Form.Item
          label={t('onsite.decide.defence')}
          name="defence"
          rules={[{ required: true, whitespace: true, message: t('onsite.decide.required') }]}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item
          label={t('onsite.decide.formNumber')}
          name="formNumber"
          extra={
            next.length === 0 && !pads.isPending
              ? t('onsite.decide.noPad')
              : t('onsite.decide.formNumberHelp')
          }
          rules={[{ required: true, whitespace: true, message: t('onsite.decide.required') }]}
        >
          <AutoComplete options={next.map((n) => ({ value: n }))} />
        </Form.Item>
        <Refusal text={refusal} />
        <Button type="primary" htmlType="submit" block loading={busy(perform.isPending)}>
          {t('onsite.decide.submit')}
        </Button>
      </Form>
      <Flex vertical gap={8} style={{ marginTop: 24 }}>
        {converting ? (
          <>
            <Input.TextArea
              rows={2}
              placeholder={t('onsite.decide.convertReason')}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
            <Button
              danger
              disabled={!reason.trim()}
              loading={busy(perform.isPending)}
              onClick={() =>
                perform.mutate(
                  {
                    transition: 'convert_to_general',
                    input: { inputs: { conversionReason: reason.trim() } },
                  },
                  { onError: (error) => showError(error) },
                )
              }
            >
              {t('onsite.decide.convert')}
            </Button>
          </>
        ) : (
          <Button type="link" onClick={() => setConverting(true)}>
            {t('onsite.decide.convert')}
          </Button>
        )}
      </Flex>
    </Card>
  );
}

interface HandOverValues {
  place: string;
  violatedProvision: string;
  penaltyBasis: string;
  payTo?: string;
  signer: string;
}

function HandOverScreen({ c }: { c: CaseDto }) {
  const { t } = useT();
  const [form] = Form.useForm<HandOverValues>();
  const pad = useRef<SignaturePadHandle>(null);
  const handOver = useHandOver(c.id);
  const showError = useApiError();
  const [progress, setProgress] = useState<number | null>(null);
  const [unsigned, setUnsigned] = useState(false);
  const number = dataText(c, 'formNumber');

  const submit = async (v: HandOverValues) => {
    const signature = await pad.current?.toBlob();
    if (!signature) {
      setUnsigned(true);
      return;
    }
    const now = dayjs().tz(BUREAU_TIME_ZONE);
    handOver.mutate(
      {
        input: {
          fields: {
            decidedAt: now.format('YYYY-MM-DDTHH:mm'),
            place: v.place.trim(),
            defence: dataText(c, 'defence'),
            violatedProvision: v.violatedProvision.trim(),
            penaltyBasis: v.penaltyBasis.trim(),
            ...(v.payTo?.trim() ? { payTo: v.payTo.trim() } : {}),
          },
          signature,
          signer: v.signer.trim(),
          servedOn: now.format('YYYY-MM-DD'),
        },
        onProgress: setProgress,
      },
      { onError: (error) => showError(error) },
    );
  };

  return (
    <Card title={t('onsite.handOver.title')}>
      <Form<HandOverValues>
        form={form}
        layout="vertical"
        name="onsite-handover"
        initialValues={{ signer: c.partyName ?? '' }}
        onFinish={(v) => void submit(v)}
      >
        {(
          [
            ['place', 'onsite.handOver.place'],
            ['violatedProvision', 'onsite.handOver.violatedProvision'],
            ['penaltyBasis', 'onsite.handOver.penaltyBasis'],
          ] as const
        ).map(([name, label]) => (
          <Form.Item
            key={name}
            label={t(label)}
            name={name}
            rules={[{ required: true, whitespace: true, message: t('onsite.decide.required') }]}
          >
            <Input maxLength={200} />
          </Form.Item>
        ))}
        {Number(c.data.fineAmount ?? 0) > 0 && (
          <Form.Item label={t('onsite.handOver.payTo')} name="payTo">
            <Input maxLength={200} />
          </Form.Item>
        )}
        <Alert type="info" title={t('onsite.handOver.statement', { number })} style={{ marginBottom: 16 }} />
        <Form.Item
          label={t('onsite.handOver.signer')}
          name="signer"
          rules={[{ required: true, whitespace: true, message: t('onsite.decide.required') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Typography.Text strong>{t('onsite.handOver.sign')}</Typography.Text>
        <SignaturePad ref={pad} onChange={(signed) => signed && setUnsigned(false)} />
        {unsigned && (
          <Alert type="error" showIcon title={t('onsite.handOver.unsigned')} style={{ marginTop: 8 }} />
        )}
        {progress !== null && handOver.isPending && (
          <Flex vertical style={{ marginTop: 16 }} data-testid="onsite-progress">
            <Progress percent={Math.round((progress / 4) * 100)} />
            <Typography.Text type="secondary">
              {t(`onsite.handOver.progress.${Math.min(progress, 4)}` as MessageId)}
            </Typography.Text>
          </Flex>
        )}
        <Button
          type="primary"
          htmlType="submit"
          block
          style={{ marginTop: 16 }}
          loading={busy(handOver.isPending)}
        >
          {t('onsite.handOver.submit')}
        </Button>
      </Form>
    </Card>
  );
}

/**
 * An on-site inspection of a general-procedure case under investigation (A7.1), on the tablet:
 * the announcement (A22.1), the 检查(勘验)笔录, the AV of the inspection, then the act recorded.
 * Each inspection needs its own record and AV, so the screens start again for the next one.
 */
/** The tablet frame of an on-site flow: large controls, the case in a header, the steps. */
/** Why the server refused the last step, above the button that retries it. */
function Refusal({ text }: { text: string | null }) {
  return text ? (
    <Alert type="error" showIcon title={text} style={{ marginBottom: 16 }} data-testid="onsite-refusal" />
  ) : null;
}

function OnsiteFrame(props: {
  title: string;
  subtitle: string;
  steps: MessageId[];
  current: number;
  onStep: (n: number) => void;
  children: ReactNode;
}) {
  const { t } = useT();
  return (
    <ConfigProvider componentSize="large">
      <Flex vertical gap={16} style={{ maxWidth: 960 }}>
        <Card size="small">
          <Typography.Title level={4} style={{ margin: 0 }}>
            {props.title}
          </Typography.Title>
          <Typography.Text type="secondary">{props.subtitle}</Typography.Text>
        </Card>
        <Steps
          size="small"
          current={props.current}
          onChange={props.onStep}
          items={props.steps.map((s) => ({ title: t(s) }))}
        />
        {props.children}
      </Flex>
    </ConfigProvider>
  );
}

function InspectionFlow({ c }: { c: CaseDto }) {
  const { t } = useT();
  const perform = usePerform(c.id);
  // Kept for this inspection while the officer fills the record in the editor and comes back.
  const key = `onsite-announced:${c.id}`;
  const [announced, setAnnouncedState] = useState(() => sessionStorage.getItem(key) === '1');
  const setAnnounced = (v: boolean) => {
    if (v) {
      sessionStorage.setItem(key, '1');
    } else {
      sessionStorage.removeItem(key);
    }
    setAnnouncedState(v);
  };
  const [chosen, setChosen] = useState<number | null>(null);
  const [done, setDone] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const tr = c.transitions.find((x) => x.id === INSPECTION.transition);
  const recordsDone = tr !== undefined && tr.documents.every((d) => d.issued);
  const avDone = tr !== undefined && !tr.missing.some((m) => m.code === 'recording_missing');
  const at = done ? 4 : !announced ? 0 : !recordsDone ? 1 : !avDone ? 2 : 3;
  const screen = at >= 1 && at <= 3 && chosen !== null && chosen >= 1 && chosen <= at ? chosen : at;
  const steps: MessageId[] = [
    'onsite.steps.announce',
    'onsite.steps.records',
    'onsite.steps.av',
    'onsite.inspection.record',
    'onsite.steps.done',
  ];
  return (
    <OnsiteFrame
      title={t('onsite.inspection.title')}
      subtitle={`${c.number ?? c.regNumber} · ${c.partyName ?? ''} · ${c.cause}`}
      steps={steps}
      current={screen}
      onStep={(n) => (n >= 1 && n <= at && at <= 3 ? setChosen(n) : undefined)}
    >
      {screen === 0 && (
        <Card>
          <Announcement
            officers={c.officers.map((o) => ({ name: o.name, certNo: o.certNo }))}
            announced={announced}
            onChange={setAnnounced}
          />
        </Card>
      )}
      {screen === 1 && <RecordsScreen c={c} act={INSPECTION} onNext={() => setChosen(2)} />}
      {screen === 2 && (
        <AvScreen c={c} act={INSPECTION} onNext={() => setChosen(3)} next={t('onsite.inspection.record')} />
      )}
      {screen === 3 && (
        <Card>
          <Typography.Paragraph>{t('onsite.inspection.help')}</Typography.Paragraph>
          <Refusal text={refusal} />
          <Button
            type="primary"
            block
            loading={busy(perform.isPending)}
            onClick={() => {
              setRefusal(null);
              perform.mutate(
                { transition: INSPECTION.transition, input: {} },
                {
                  onSuccess: () => {
                    sessionStorage.removeItem(key);
                    setDone(true);
                  },
                  onError: (error) => setRefusal(error instanceof Error ? error.message : String(error)),
                },
              );
            }}
          >
            {t('onsite.inspection.record')}
          </Button>
        </Card>
      )}
      {screen === 4 && (
        <Result
          status="success"
          title={t('onsite.inspection.done')}
          extra={[
            <Link key="case" to={`/cases/${c.id}`}>
              <Button type="primary">{t('onsite.done.case')}</Button>
            </Link>,
            <Button
              key="again"
              onClick={() => {
                setDone(false);
                setAnnounced(false);
                setChosen(null);
              }}
            >
              {t('onsite.inspection.again')}
            </Button>,
          ]}
        />
      )}
    </OnsiteFrame>
  );
}

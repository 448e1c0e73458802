import { Alert, Flex, Progress, Typography } from 'antd';
import type { RecordingDto } from '@quancheng/contracts';
import { useT } from '../../../i18n';

type Derivative = RecordingDto['proxy'];

/** Whether the browser can be given something to play now (the server's answer: original or proxy). */
export function canPlay(recording: RecordingDto): boolean {
  return recording.abilities.play;
}

function JobLine({ job, label, testId }: { job: Derivative; label: string; testId: string }) {
  const { t } = useT();
  switch (job.state) {
    case 'none':
    case 'done':
      return null;
    case 'pending':
      return (
        <Flex vertical gap={4} data-testid={testId} data-state="pending">
          <Typography.Text>
            {label}
            {job.attempts !== null && job.attempts > 1 ? ` · ${t('job.attempt', { n: job.attempts })}` : ''}
          </Typography.Text>
          <Progress percent={Math.floor(job.progress ?? 0)} status="active" size="small" aria-label={label} />
        </Flex>
      );
    case 'failed':
      return (
        <Alert
          data-testid={testId}
          data-state="failed"
          type="error"
          showIcon
          title={t('job.failed', { what: label })}
          description={job.error ?? undefined}
        />
      );
  }
}

/**
 * 处理进度: the poster and the browser-playable copy are made by background jobs after the upload;
 * while they run the page polls and shows their progress, and a failure says why.
 */
export function JobStatus({ recording }: { recording: RecordingDto }) {
  const { t } = useT();
  return (
    <Flex vertical gap={8}>
      <JobLine job={recording.proxy} label={t('job.proxy')} testId="job-proxy" />
      <JobLine job={recording.poster} label={t('job.poster')} testId="job-poster" />
    </Flex>
  );
}

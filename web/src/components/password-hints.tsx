import { CheckCircleFilled, CloseCircleOutlined } from '@ant-design/icons';
import { Flex, Typography } from 'antd';
import { PASSWORD_MIN_LENGTH, passwordProblems, type MessageKey } from '@quancheng/contracts';
import { useT } from '../i18n';

const RULES: MessageKey[] = ['password.too_short', 'password.classes', 'password.contains_username'];

interface Props {
  password: string;
  username?: string;
}

/** The password policy of the contracts, each rule ticked off live as the user types. */
export function PasswordHints({ password, username }: Props) {
  const { t, tm } = useT();
  const problems = new Set(passwordProblems(password, username));
  const rules = username ? RULES : RULES.filter((rule) => rule !== 'password.contains_username');
  return (
    <Flex vertical gap={2} data-testid="password-hints" aria-live="polite" style={{ marginBottom: 16 }}>
      <Typography.Text type="secondary">{t('password.rules')}</Typography.Text>
      {rules.map((rule) => {
        const ok = password.length > 0 && !problems.has(rule);
        return (
          <Typography.Text key={rule} type={ok ? 'success' : 'secondary'} data-ok={ok}>
            {ok ? <CheckCircleFilled /> : <CloseCircleOutlined />} {tm(rule, { min: PASSWORD_MIN_LENGTH })}
          </Typography.Text>
        );
      })}
    </Flex>
  );
}

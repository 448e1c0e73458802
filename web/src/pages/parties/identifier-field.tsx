import { Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import {
  identifierProblem,
  normaliseIdentifier,
  residentIdCheckChar,
  SEX_LABELS,
  sexFromResidentId,
  usccCheckChar,
  type PartyKind,
} from '@quancheng/contracts';
import { useT, type I18n } from '../../i18n';

/**
 * The number checked in the browser with the very validators the server uses, so a mistyped
 * character is caught while typing, with the check character it should have been.
 */
export function identifierRules(kind: PartyKind, { t, tm }: Pick<I18n, 't' | 'tm'>): Rule[] {
  return [
    { required: true, whitespace: true, message: t('parties.required.identifier') },
    {
      validator: async (_, value: string | undefined) => {
        if (!value?.trim()) {
          return;
        }
        const problem = identifierProblem(kind, value);
        if (problem) {
          throw new Error(tm(problem.key, problem.params));
        }
      },
    },
  ];
}

/** Under the number: what it must look like, the expected check character, or that it checks out. */
export function IdentifierStatus({ kind, value }: { kind: PartyKind; value: string | undefined }) {
  const { t, lang } = useT();
  const n = normaliseIdentifier(value ?? '');
  if (n.length === 17) {
    const expected = kind === 'organisation' ? usccCheckChar(n) : residentIdCheckChar(n);
    if (expected) {
      return (
        <Typography.Text type="secondary">{t('parties.identifierExpect', { expected })}</Typography.Text>
      );
    }
  }
  if (n.length === 18 && identifierProblem(kind, n) === null) {
    const sex = kind === 'person' ? sexFromResidentId(n) : null;
    return (
      <Typography.Text type="success">
        {sex
          ? t('parties.identifierOkPerson', {
              sex: SEX_LABELS[sex][lang],
              birth: `${n.slice(6, 10)}-${n.slice(10, 12)}-${n.slice(12, 14)}`,
            })
          : t('parties.identifierOk')}
      </Typography.Text>
    );
  }
  return (
    <Typography.Text type="secondary">
      {t(kind === 'organisation' ? 'parties.identifierHint.organisation' : 'parties.identifierHint.person')}
    </Typography.Text>
  );
}

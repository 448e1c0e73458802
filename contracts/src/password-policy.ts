import type { MessageKey } from './messages';

export const PASSWORD_MIN_LENGTH = 10;

/**
 * The bureau's password policy: at least 10 characters, three of four character classes, not
 * containing the user name. Returns the message keys of every rule broken (empty = acceptable).
 */
export function passwordProblems(password: string, username?: string): MessageKey[] {
  const problems: MessageKey[] = [];
  if ([...password].length < PASSWORD_MIN_LENGTH) {
    problems.push('password.too_short');
  }
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) {
    problems.push('password.classes');
  }
  if (username && username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) {
    problems.push('password.contains_username');
  }
  return problems;
}

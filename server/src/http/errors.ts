import type { MessageKey, MessageParam } from '@quancheng/contracts';

type Params = Record<string, MessageParam>;

export interface MissingItem {
  code: string;
  ruleId?: string;
  message: { 'zh-CN': string; en: string };
}

/** A 409: the procedure does not allow this now; `missing` says exactly why. */
export const refused = (code: MessageKey, params: Params, missing: MissingItem[]) =>
  new AppError(409, code, params, { missing });

/**
 * A refusal the caller can act on. Carries a message key, never a sentence: the error handler
 * translates it into the caller's language. Services throw these; nothing else reaches clients.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: MessageKey,
    readonly params: Params = {},
    readonly extra: {
      field?: string;
      retryAt?: string;
      messageKey?: MessageKey;
      /** Procedure refusals: what is missing, in both languages; joined into `{reasons}`. */
      missing?: MissingItem[];
    } = {},
  ) {
    super(code);
  }
}

export const notFound = () => new AppError(404, 'not_found');
export const forbidden = () => new AppError(403, 'forbidden');
/** A 409: the input is well-formed but collides with what exists; `field` names the culprit. */
export const conflict = (code: MessageKey, params: Params = {}, field?: string) =>
  new AppError(409, code, params, field ? { field } : {});

/** A 400 about one field; `detail` is the message key describing what is wrong with it. */
export function invalidField(field: string, detail: MessageKey, params: Params = {}): AppError {
  return new AppError(400, 'validation.invalid', params, { field, messageKey: detail });
}

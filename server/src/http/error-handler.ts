import {
  fieldLabel,
  isMessageKey,
  pickLang,
  translate,
  type ErrorDto,
  type Lang,
  type MessageKey,
} from '@quancheng/contracts';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { FontMissingError } from '../documents/fonts';
import { AppError } from './errors';

/**
 * One error shape for every failure: `{code, message}` in the caller's language, plus `field` for
 * validation errors. Bad input is a 4xx; anything unexpected is logged with the request id and
 * answered 500 without details.
 */
export function registerErrorHandling(app: FastifyInstance, options: { spaIndex: boolean }): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const lang = pickLang(request.headers['accept-language']);
    if (error instanceof AppError) {
      return sendAppError(reply, lang, error);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const first = error.validation[0];
      const issue = first
        ? ({
            ...first.params,
            code: first.keyword,
            message: first.message ?? '',
            path: first.instancePath.split('/').filter(Boolean),
          } as unknown as z.core.$ZodIssue)
        : undefined;
      return sendAppError(reply, lang, validationFromIssue(issue));
    }
    if ((error as unknown) instanceof FontMissingError) {
      request.log.error({ err: error }, 'document fonts missing');
      return send(reply, 503, 'document.fonts_missing', translate('document.fonts_missing', lang));
    }
    const status = error.statusCode ?? 500;
    if (status === 413) {
      return send(reply, 413, 'request.too_large', translate('request.too_large', lang));
    }
    if (status >= 400 && status < 500) {
      request.log.info({ err: error }, 'bad request');
      return send(reply, status, 'request.bad', translate('request.bad', lang));
    }
    request.log.error({ err: error }, 'request failed');
    return send(reply, 500, 'internal', translate('internal', lang, { requestId: request.id }));
  });

  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    // The web app routes on the client: any other GET for a page gets its index.html.
    if (options.spaIndex && request.method === 'GET' && !request.url.startsWith('/api/')) {
      return reply.type('text/html').sendFile('index.html');
    }
    const lang = pickLang(request.headers['accept-language']);
    return send(reply, 404, 'not_found', translate('not_found', lang));
  });
}

function sendAppError(reply: FastifyReply, lang: Lang, error: AppError): FastifyReply {
  const { field, retryAt, messageKey, missing } = error.extra;
  let message: string;
  if (missing) {
    const reasons = missing.map((m) => m.message[lang]).join(lang === 'en' ? '; ' : '；');
    message = translate(error.code, lang, { ...error.params, reasons });
  } else if (error.code === 'validation.invalid' && field) {
    const detail = translate(messageKey ?? 'v.invalid_value', lang, error.params);
    message = translate('validation.invalid', lang, { field: fieldLabel(field, lang), detail });
  } else {
    message = translate(error.code, lang, error.params);
  }
  const body: ErrorDto = { code: error.code, message };
  if (field) {
    body.field = field;
  }
  if (retryAt) {
    body.retryAt = retryAt;
  }
  if (missing) {
    body.missing = missing;
  }
  return reply.status(error.status).send(body);
}

function send(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  return reply.status(status).send({ code, message } satisfies ErrorDto);
}

/** Turns the first zod issue into a field error with a translatable detail. */
export function validationFromIssue(issue: z.core.$ZodIssue | undefined): AppError {
  const pathField = issue?.path.filter((p) => typeof p === 'string').at(-1);
  const field =
    (typeof pathField === 'string' ? pathField : undefined) ??
    (issue?.code === 'unrecognized_keys' ? issue.keys[0] : undefined) ??
    'body';
  if (!issue) {
    return new AppError(400, 'validation.invalid', {}, { field, messageKey: 'v.invalid_value' });
  }
  const [messageKey, params] = detailOf(issue);
  return new AppError(400, 'validation.invalid', params, { field, messageKey });
}

function detailOf(issue: z.core.$ZodIssue): [MessageKey, Record<string, string | number>] {
  if (isMessageKey(issue.message)) {
    return [issue.message, {}];
  }
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? ['v.required', {}] : ['v.invalid_type', {}];
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1
          ? ['v.required', {}]
          : ['v.too_short', { min: Number(issue.minimum) }];
      }
      if (issue.origin === 'array' || issue.origin === 'set') {
        return ['v.too_few', { min: Number(issue.minimum) }];
      }
      return ['v.too_small', { min: Number(issue.minimum) }];
    case 'too_big':
      return issue.origin === 'string'
        ? ['v.too_long', { max: Number(issue.maximum) }]
        : ['v.too_big', { max: Number(issue.maximum) }];
    case 'invalid_format':
      return ['v.invalid_format', {}];
    case 'unrecognized_keys':
      return ['v.unknown_field', {}];
    case 'invalid_value':
    case 'invalid_union':
    case 'invalid_key':
    case 'invalid_element':
    case 'not_multiple_of':
    case 'custom':
      return ['v.invalid_value', {}];
  }
}

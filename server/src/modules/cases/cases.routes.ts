import {
  approvalDto,
  approvalList,
  approvalListQuery,
  caseDto,
  completenessDto,
  completenessList,
  deliveryInput,
  deliveryList,
  errorDto,
  caseList,
  caseListQuery,
  caseRegisterInput,
  caseUpdateInput,
  deadlineList,
  deadlineListQuery,
  decideInput,
  idParam,
  notificationList,
  paymentInput,
  paymentList,
  proposeInput,
  RECEIPT_SCAN_MAX_BYTES,
  transitionInput,
} from '@quancheng/contracts';
import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/request-context';
import { errorResponses } from '../../http/responses';
import type { DeadlineNotices } from './cases.notifications';
import type { CasesService } from './cases.service';

const transitionParams = z.object({ id: z.uuid(), transition: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/) });
const officerOptions = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      certNo: z.string().nullable(),
      certifiedToday: z.boolean(),
      unitId: z.string(),
    }),
  ),
});

/** A file answer (a bill's scan): its headers and its bytes as stored. */
function sendFile(reply: FastifyReply, file: { headers: Record<string, string>; body: Readable }) {
  return reply.status(200).headers(file.headers).send(file.body);
}

export function registerCaseRoutes(app: FastifyInstance, cases: CasesService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['cases'];

  r.get(
    '/api/cases',
    { schema: { tags, querystring: caseListQuery, response: { 200: caseList, ...errorResponses } } },
    (req) => cases.list(actorOf(req), req.query),
  );

  r.get(
    '/api/cases/officer-options',
    {
      schema: {
        tags,
        querystring: z.object({ unitId: z.uuid().optional() }),
        response: { 200: officerOptions, ...errorResponses },
      },
    },
    (req) => cases.officerOptions(actorOf(req), req.query.unitId),
  );

  r.post(
    '/api/cases',
    { schema: { tags, body: caseRegisterInput, response: { 201: caseDto, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await cases.register(actorOf(req), req.body)),
  );

  r.get(
    '/api/completeness',
    { schema: { tags, querystring: caseListQuery, response: { 200: completenessList, ...errorResponses } } },
    (req) => cases.completenessList(actorOf(req), req.query),
  );

  r.get(
    '/api/documents/:id/deliveries',
    { schema: { tags, params: idParam, response: { 200: deliveryList, ...errorResponses } } },
    (req) => cases.deliveries(actorOf(req), req.params.id),
  );

  r.post(
    '/api/documents/:id/deliveries',
    {
      schema: {
        tags,
        params: idParam,
        body: deliveryInput,
        response: { 201: deliveryList, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await cases.deliver(actorOf(req), req.params.id, req.body)),
  );

  r.get(
    '/api/cases/:id/completeness',
    { schema: { tags, params: idParam, response: { 200: completenessDto, ...errorResponses } } },
    (req) => cases.completeness(actorOf(req), req.params.id),
  );

  r.get(
    '/api/cases/:id/payments',
    { schema: { tags, params: idParam, response: { 200: paymentList, ...errorResponses } } },
    (req) => cases.payments(actorOf(req), req.params.id),
  );

  r.post(
    '/api/cases/:id/payments',
    {
      // A receipt scan travels base64 inside the JSON: up to 10 MB of bytes.
      bodyLimit: Math.ceil((RECEIPT_SCAN_MAX_BYTES * 4) / 3) + 64 * 1024,
      schema: {
        tags,
        params: idParam,
        body: paymentInput,
        response: { 201: paymentList, ...errorResponses, 413: errorDto, 415: errorDto },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await cases.recordPayment(actorOf(req), req.params.id, req.body)),
  );

  r.get(
    '/api/cases/:id/payments/:paymentId/receipt',
    { schema: { tags, params: z.object({ id: z.uuid(), paymentId: z.uuid() }), response: errorResponses } },
    async (req, reply) =>
      sendFile(reply, await cases.paymentReceipt(actorOf(req), req.params.id, req.params.paymentId)),
  );

  r.get(
    '/api/cases/:id',
    { schema: { tags, params: idParam, response: { 200: caseDto, ...errorResponses } } },
    (req) => cases.get(actorOf(req), req.params.id),
  );

  r.patch(
    '/api/cases/:id',
    {
      schema: { tags, params: idParam, body: caseUpdateInput, response: { 200: caseDto, ...errorResponses } },
    },
    (req) => cases.update(actorOf(req), req.params.id, req.body),
  );

  r.post(
    '/api/cases/:id/transitions/:transition/propose',
    {
      schema: {
        tags,
        params: transitionParams,
        body: proposeInput,
        response: { 200: caseDto, ...errorResponses },
      },
    },
    (req) => cases.propose(actorOf(req), req.params.id, req.params.transition, req.body),
  );

  r.post(
    '/api/cases/:id/transitions/:transition',
    {
      schema: {
        tags,
        params: transitionParams,
        body: transitionInput,
        response: { 200: caseDto, ...errorResponses },
      },
    },
    (req) => cases.transition(actorOf(req), req.params.id, req.params.transition, req.body),
  );

  r.get(
    '/api/approvals',
    { schema: { tags, querystring: approvalListQuery, response: { 200: approvalList, ...errorResponses } } },
    (req) => cases.approvals(actorOf(req), req.query),
  );

  r.post(
    '/api/approvals/:id/decide',
    {
      schema: { tags, params: idParam, body: decideInput, response: { 200: approvalDto, ...errorResponses } },
    },
    (req) => cases.decide(actorOf(req), req.params.id, req.body),
  );

  r.get(
    '/api/deadlines',
    { schema: { tags, querystring: deadlineListQuery, response: { 200: deadlineList, ...errorResponses } } },
    (req) => cases.myDeadlines(actorOf(req), req.query),
  );
}

export function registerNotificationRoutes(app: FastifyInstance, notices: DeadlineNotices): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['notifications'];

  r.get(
    '/api/notifications',
    { schema: { tags, response: { 200: notificationList, ...errorResponses } } },
    (req) => notices.list(actorOf(req)),
  );

  r.post(
    '/api/notifications/:id/read',
    { schema: { tags, params: idParam, response: { 204: z.null(), ...errorResponses } } },
    async (req, reply) => {
      await notices.markRead(actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
}

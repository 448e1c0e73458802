import {
  consistencyProofDto,
  consistencyProofQuery,
  inclusionProofDto,
  inclusionProofQuery,
  ledgerHeadDto,
  ledgerStatusDto,
  ledgerSubjectOptions,
  ledgerSubjectParams,
  ledgerSubjectSearchQuery,
  pickLang,
  proofBundleDto,
  subjectVerificationDto,
} from '@quancheng/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/request-context';
import { errorResponses } from '../../http/responses';
import type { LedgerService } from './ledger.service';

export function registerLedgerRoutes(app: FastifyInstance, ledger: LedgerService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['ledger'];

  r.get(
    '/api/ledger/status',
    { schema: { tags, response: { 200: ledgerStatusDto, ...errorResponses } } },
    (req) => ledger.status(actorOf(req)),
  );

  r.post(
    '/api/ledger/heads',
    { schema: { tags, response: { 201: ledgerHeadDto, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await ledger.signHeadNow(actorOf(req))),
  );

  r.get(
    '/api/ledger/proofs/inclusion',
    {
      schema: {
        tags,
        querystring: inclusionProofQuery,
        response: { 200: inclusionProofDto, ...errorResponses },
      },
    },
    (req) => ledger.inclusionProof(actorOf(req), req.query.seq, req.query.treeSize),
  );

  r.get(
    '/api/ledger/proofs/consistency',
    {
      schema: {
        tags,
        querystring: consistencyProofQuery,
        response: { 200: consistencyProofDto, ...errorResponses },
      },
    },
    (req) => ledger.consistencyProof(actorOf(req), req.query.from, req.query.to),
  );

  r.get(
    '/api/ledger/subjects',
    {
      schema: {
        tags,
        querystring: ledgerSubjectSearchQuery,
        response: { 200: ledgerSubjectOptions, ...errorResponses },
      },
    },
    (req) => ledger.searchSubjects(actorOf(req), req.query.type, req.query.q ?? ''),
  );

  r.get(
    '/api/ledger/subjects/:type/:id/verify',
    {
      schema: {
        tags,
        params: ledgerSubjectParams,
        response: { 200: subjectVerificationDto, ...errorResponses },
      },
    },
    (req) =>
      ledger.verifySubject(
        actorOf(req),
        req.params.type,
        req.params.id,
        pickLang(req.headers['accept-language']),
      ),
  );

  r.get(
    '/api/ledger/subjects/:type/:id/bundle',
    { schema: { tags, params: ledgerSubjectParams, response: { 200: proofBundleDto, ...errorResponses } } },
    async (req, reply) => {
      const bundle = await ledger.bundle(actorOf(req), req.params.type, req.params.id);
      const name = `quancheng-proof-${req.params.type}-${req.params.id}-${bundle.head.treeSize}.json`;
      return reply.header('content-disposition', `attachment; filename="${name}"`).send(bundle);
    },
  );
}

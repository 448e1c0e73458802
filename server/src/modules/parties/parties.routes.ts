import {
  idParam,
  partyConflictDto,
  partyCreateInput,
  partyDto,
  partyList,
  partyListQuery,
  partyLookupQuery,
  partyUpdateInput,
  pickLang,
  translate,
  type PartyConflictDto,
} from '@quancheng/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/request-context';
import { errorResponses } from '../../http/responses';
import { presentParty } from './parties.presenter';
import { PartyTakenError, type PartiesService } from './parties.service';

/** The 409 of a number already registered, with the party that holds it. */
function sendTaken(req: FastifyRequest, reply: FastifyReply, error: PartyTakenError) {
  const body: PartyConflictDto = {
    code: error.code,
    message: translate(error.code, pickLang(req.headers['accept-language']), error.params),
    field: 'identifier',
    existingId: error.existing.id,
    existing: presentParty(actorOf(req), error.existing),
  };
  return reply.status(409).send(body);
}

export function registerPartyRoutes(app: FastifyInstance, parties: PartiesService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['parties'];

  r.get(
    '/api/parties',
    { schema: { tags, querystring: partyListQuery, response: { 200: partyList, ...errorResponses } } },
    (req) => parties.list(actorOf(req), req.query),
  );

  r.get(
    '/api/parties/lookup',
    { schema: { tags, querystring: partyLookupQuery, response: { 200: partyDto, ...errorResponses } } },
    (req) => parties.lookup(actorOf(req), req.query),
  );

  r.get(
    '/api/parties/:id',
    { schema: { tags, params: idParam, response: { 200: partyDto, ...errorResponses } } },
    (req) => parties.get(actorOf(req), req.params.id),
  );

  r.post(
    '/api/parties',
    {
      schema: {
        tags,
        body: partyCreateInput,
        response: { 201: partyDto, ...errorResponses, 409: partyConflictDto },
      },
    },
    async (req, reply) => {
      try {
        return await reply.status(201).send(await parties.create(actorOf(req), req.body));
      } catch (error) {
        if (error instanceof PartyTakenError) {
          return sendTaken(req, reply, error);
        }
        throw error;
      }
    },
  );

  r.patch(
    '/api/parties/:id',
    {
      schema: {
        tags,
        params: idParam,
        body: partyUpdateInput,
        response: { 200: partyDto, ...errorResponses },
      },
    },
    (req) => parties.update(actorOf(req), req.params.id, req.body),
  );
}

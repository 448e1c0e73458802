import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  partyDto,
  partyList,
  type PartyCreateInput,
  type PartyDto,
  type PartyListQuery,
  type PartyUpdateInput,
} from '@quancheng/contracts';
import { api, isApiError } from '../../api/client';

export type PartyListParams = Partial<Omit<PartyListQuery, 'page' | 'pageSize' | 'sort' | 'order'>> &
  Pick<PartyListQuery, 'page' | 'pageSize' | 'sort' | 'order'>;

const partiesKey = ['parties'] as const;

/** The number is registered already: the server's message and the party that holds it. */
export class PartyTakenError extends Error {
  constructor(
    message: string,
    readonly existing: PartyDto,
  ) {
    super(message);
    this.name = 'PartyTakenError';
  }
}

/** One server page of the party directory. */
export function useParties(params: PartyListParams) {
  return useQuery({
    queryKey: [...partiesKey, 'list', params],
    queryFn: ({ signal }) => api('GET', '/api/parties', partyList, { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
  });
}

/**
 * Registers a party. A 409 for a number already registered becomes a PartyTakenError with that
 * party (looked up by its number), so the form can offer to use it instead.
 */
async function createParty(input: PartyCreateInput): Promise<PartyDto> {
  try {
    return await api('POST', '/api/parties', partyDto, { body: input });
  } catch (error) {
    if (isApiError(error) && error.status === 409 && error.field === 'identifier') {
      const existing = await api('GET', '/api/parties/lookup', partyDto, {
        query: { identifier: input.identifier, kind: input.kind },
      });
      throw new PartyTakenError(error.message, existing);
    }
    throw error;
  }
}

function usePartyMutation<I, R>(request: (input: I) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: partiesKey }),
  });
}

export function useCreateParty() {
  return usePartyMutation(createParty);
}

export function useUpdateParty() {
  return usePartyMutation(({ id, input }: { id: string; input: PartyUpdateInput }) =>
    api('PATCH', `/api/parties/${encodeURIComponent(id)}`, partyDto, { body: input }),
  );
}

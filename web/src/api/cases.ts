import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  approvalDto,
  approvalList,
  caseDto,
  caseList,
  completenessDto,
  completenessList,
  deadlineList,
  notificationList,
  partyDto,
  partyList,
  type ApprovalListQuery,
  type CaseListQuery,
  type CaseRegisterInput,
  type CaseUpdateInput,
  type DecideInput,
  type DeadlineListQuery,
  type PartyCreateInput,
  type PartyKind,
  type ProposeInput,
  type TransitionInput,
} from '@quancheng/contracts';
import { api, apiVoid, type Parser } from './client';

/** The list's query as the page keeps it: every filter optional, paging and sorting set. */
export type CaseListParams = Partial<Omit<CaseListQuery, 'page' | 'pageSize' | 'sort' | 'order'>> &
  Pick<CaseListQuery, 'page' | 'pageSize' | 'sort' | 'order'>;

export const casesKey = ['cases'] as const;
const approvalsKey = ['approvals'] as const;
const deadlinesKey = ['deadlines'] as const;
const notificationsKey = ['notifications'] as const;
const partiesKey = ['parties'] as const;

export const casePath = (id: string, suffix = '') => `/api/cases/${encodeURIComponent(id)}${suffix}`;

/** One server page of cases; the previous page stays on screen while the next one loads. */
export function useCases(params: CaseListParams) {
  return useQuery({
    queryKey: [...casesKey, 'list', params],
    queryFn: ({ signal }) => api('GET', '/api/cases', caseList, { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useCase(id: string) {
  return useQuery({
    queryKey: [...casesKey, 'one', id],
    queryFn: ({ signal }) => api('GET', casePath(id), caseDto, { signal }),
  });
}

/**
 * The case's completeness report: what its completed steps required, present or missing (A33.1),
 * with late AV uploads (A25.1). Keyed under the case, so any change to the case refreshes it.
 */
export function useCaseCompleteness(id: string) {
  return useQuery({
    queryKey: [...casesKey, 'one', id, 'completeness'],
    queryFn: ({ signal }) => api('GET', casePath(id, '/completeness'), completenessDto, { signal }),
  });
}

/** Completeness across the cases a person may see: one page, each with its counts. */
export function useCompletenessList(params: CaseListParams) {
  return useQuery({
    queryKey: [...casesKey, 'completeness', params],
    queryFn: ({ signal }) =>
      api('GET', '/api/completeness', completenessList, { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** Someone who may be a case officer; those without a valid certificate today are shown, disabled. */
export interface OfficerOption {
  id: string;
  name: string;
  certNo: string | null;
  certifiedToday: boolean;
  unitId: string;
}

function isOfficerOption(v: unknown): v is OfficerOption {
  if (typeof v !== 'object' || v === null) {
    return false;
  }
  const o = v as Record<string, unknown>;
  return (
    typeof o.id === 'string' &&
    typeof o.name === 'string' &&
    (typeof o.certNo === 'string' || o.certNo === null) &&
    typeof o.certifiedToday === 'boolean' &&
    typeof o.unitId === 'string'
  );
}

/** The contracts name no schema for this answer; the shape the route documents is checked here. */
const officerOptions: Parser<{ items: OfficerOption[] }> = {
  parse: (data) => {
    const items = (data as { items?: unknown } | null)?.items;
    if (!Array.isArray(items) || !items.every(isOfficerOption)) {
      throw new Error('GET /api/cases/officer-options: unexpected answer');
    }
    return { items };
  },
};

export function useOfficerOptions(unitId?: string) {
  return useQuery({
    queryKey: [...casesKey, 'officer-options', unitId ?? null],
    queryFn: ({ signal }) =>
      api('GET', '/api/cases/officer-options', officerOptions, { query: { unitId }, signal }),
  });
}

/** Anything on a case changes its list row, the approvals, the deadlines and the bell. */
function useInvalidateCaseWork() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: casesKey }),
      queryClient.invalidateQueries({ queryKey: approvalsKey }),
      queryClient.invalidateQueries({ queryKey: deadlinesKey }),
      queryClient.invalidateQueries({ queryKey: notificationsKey }),
    ]);
}

export function useRegisterCase() {
  const invalidate = useInvalidateCaseWork();
  return useMutation({
    mutationFn: (input: CaseRegisterInput) => api('POST', '/api/cases', caseDto, { body: input }),
    onSuccess: invalidate,
  });
}

export function useUpdateCase(id: string) {
  const invalidate = useInvalidateCaseWork();
  return useMutation({
    mutationFn: (input: CaseUpdateInput) => api('PATCH', casePath(id), caseDto, { body: input }),
    onSuccess: invalidate,
  });
}

/** 提请审批: starts the transition's approval chain (e.g. the 立案审批表). */
export function usePropose(id: string) {
  const invalidate = useInvalidateCaseWork();
  return useMutation({
    mutationFn: ({ transition, input }: { transition: string; input: ProposeInput }) =>
      api('POST', casePath(id, `/transitions/${encodeURIComponent(transition)}/propose`), caseDto, {
        body: input,
      }),
    onSuccess: invalidate,
  });
}

/** 办理: performs a step; a 409 names what is still missing (the case is re-read to show it). */
export function usePerform(id: string) {
  const invalidate = useInvalidateCaseWork();
  return useMutation({
    mutationFn: ({ transition, input }: { transition: string; input: TransitionInput }) =>
      api('POST', casePath(id, `/transitions/${encodeURIComponent(transition)}`), caseDto, {
        body: input,
      }),
    onSettled: invalidate,
  });
}

export type ApprovalListParams = Pick<ApprovalListQuery, 'box' | 'page' | 'pageSize'> &
  Partial<Pick<ApprovalListQuery, 'state'>>;

export function useApprovals(params: ApprovalListParams, options: { refetchInterval?: number } = {}) {
  return useQuery({
    queryKey: [...approvalsKey, params],
    queryFn: ({ signal }) => api('GET', '/api/approvals', approvalList, { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
    refetchInterval: options.refetchInterval,
  });
}

export function useDecide() {
  const invalidate = useInvalidateCaseWork();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: DecideInput }) =>
      api('POST', `/api/approvals/${encodeURIComponent(id)}/decide`, approvalDto, { body: input }),
    onSuccess: invalidate,
  });
}

export type DeadlineListParams = Pick<DeadlineListQuery, 'page' | 'pageSize'> &
  Partial<Pick<DeadlineListQuery, 'light'>>;

/** My open deadlines (the server sorts them by due date). */
export function useMyDeadlines(params: DeadlineListParams, enabled = true) {
  return useQuery({
    queryKey: [...deadlinesKey, params],
    queryFn: ({ signal }) => api('GET', '/api/deadlines', deadlineList, { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** The bell: polled every minute while the app is open. */
export function useNotifications(enabled = true) {
  return useQuery({
    queryKey: notificationsKey,
    queryFn: ({ signal }) => api('GET', '/api/notifications', notificationList, { signal }),
    refetchInterval: 60_000,
    enabled,
  });
}

export function useMarkNotificationRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiVoid('POST', `/api/notifications/${encodeURIComponent(id)}/read`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationsKey }),
  });
}

// ---------- the party directory, as the register form uses it ----------

/** Parties whose name contains `q` or whose whole number is `q` (the directory's own search). */
export function usePartySearch(q: string, kind?: PartyKind, enabled = true) {
  return useQuery({
    queryKey: [...partiesKey, 'search', q, kind ?? null],
    queryFn: ({ signal }) =>
      api('GET', '/api/parties', partyList, {
        query: { q: q || undefined, kind, page: 1, pageSize: 20 },
        signal,
      }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useCreateParty() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: PartyCreateInput) => api('POST', '/api/parties', partyDto, { body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: partiesKey }),
  });
}

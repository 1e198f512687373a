import { api } from '../../api/client.ts';
import { useQuery } from '../../hooks/useQuery.ts';

/** Centres, departments and offices for pickers and for showing names instead of ids. */
export function useCentres() {
  return useQuery((signal) => api.get('/api/v1/org/centres', { signal }), []);
}

export function useDepartments(centreId?: string) {
  return useQuery(
    (signal) => api.get('/api/v1/org/departments', { query: { centreId }, signal }),
    [centreId],
  );
}

export function useOffices(departmentId?: string) {
  return useQuery(
    (signal) => api.get('/api/v1/org/offices', { query: { departmentId }, signal }),
    [departmentId],
  );
}

export const options = <T extends { id: string; name: string }>(list: T[] | undefined) =>
  (list ?? []).map((x) => ({ value: x.id, label: x.name }));

export const nameOf = <T extends { id: string; name: string }>(list: T[] | undefined, id: string | null) =>
  (id && list?.find((x) => x.id === id)?.name) || '—';

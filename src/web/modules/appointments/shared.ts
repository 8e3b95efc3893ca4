import { useQuery } from '@tanstack/react-query';
import type { Appointment, CalendarWeek } from '../../../contracts/appointments';
import type { Location } from '../../../contracts/admin';
import type { User } from '../../../contracts/admin';
import { api, buildUrl } from '../../app/api';
import { useActiveSession } from '../../app/session';

export type { Appointment, CalendarWeek };

export const appointmentKeys = {
  all: ['appointments'] as const,
  ofCase: (caseId: string) => ['appointments', 'case', caseId] as const,
  week: (scope: string, id: string, date: string) => ['appointments', 'week', scope, id, date] as const,
  staff: ['appointments', 'staff'] as const,
  locations: ['appointments', 'locations'] as const,
};

/** The own organisation's caseworkers and team leads, who hold appointments. */
export function useCaseworkers() {
  const session = useActiveSession();
  return useQuery({
    queryKey: appointmentKeys.staff,
    queryFn: async () => {
      const { items } = await api.get<{ items: User[] }>('/users', { orgId: session.organisation.id });
      return items.filter((u) => u.active && u.roles.some((r) => r === 'caseworker' || r === 'team_lead'));
    },
  });
}

/** The own organisation's active locations. */
export function useOwnLocations() {
  const session = useActiveSession();
  return useQuery({
    queryKey: appointmentKeys.locations,
    queryFn: async () => (await api.get<{ items: Location[] }>('/locations', { orgId: session.organisation.id })).items.filter((l) => l.active),
  });
}

/** Where the browser downloads an iCalendar file (a plain link: the session cookie goes along). */
export const icsUrl = (path: string, query?: Record<string, string>) => buildUrl(path, query);

/** Calendar days as YYYY-MM-DD, moved by whole days (no time zone involved). */
export function shiftDay(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

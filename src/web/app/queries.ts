import { useQuery } from '@tanstack/react-query';
import type { PublicConfig } from '../../contracts/auth';
import type { Municipality, Organisation } from '../../contracts/admin';
import { api } from './api';

export const queryKeys = {
  config: ['config'] as const,
  organisations: ['organisations'] as const,
  municipalities: ['municipalities'] as const,
  locations: ['locations'] as const,
  users: ['users'] as const,
  audit: ['audit'] as const,
};

export function usePublicConfig() {
  return useQuery({
    queryKey: queryKeys.config,
    queryFn: () => api.get<PublicConfig>('/config'),
    staleTime: Infinity,
  });
}

export function useOrganisations(enabled = true) {
  return useQuery({
    queryKey: queryKeys.organisations,
    queryFn: async () => (await api.get<{ items: Organisation[] }>('/organisations')).items,
    enabled,
  });
}

export function useMunicipalities(enabled = true) {
  return useQuery({
    queryKey: queryKeys.municipalities,
    queryFn: async () => (await api.get<{ items: Municipality[] }>('/municipalities')).items,
    enabled,
  });
}

import { Checkbox, NativeSelect, SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../contracts/admin';
import { ROLES, type Role } from '../../../contracts/roles';
import { LANGUAGES } from '../../app/i18n';
import { StatusBadge } from '../../ui/StatusBadge';
import { useFormatters } from '../../ui/format';

/**
 * Every role is offered; whether this administrator may grant a given role is the server's decision,
 * and a refusal comes back as a readable error on the form.
 */
export function RolesField({
  value,
  onChange,
  error,
}: {
  value: Role[];
  onChange: (roles: Role[]) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  return (
    <Checkbox.Group label={t('users.roles')} value={value} onChange={(v) => onChange(v as Role[])} error={error} required>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" mt="xs">
        {ROLES.map((role) => (
          <Checkbox key={role} value={role} label={t(`roles.${role}`)} />
        ))}
      </SimpleGrid>
    </Checkbox.Group>
  );
}

export function LanguageField({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (lng: 'de' | 'en') => void;
  error?: string;
}) {
  const { t } = useTranslation();
  return (
    <NativeSelect
      label={t('users.language')}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value as 'de' | 'en')}
      error={error}
      data={LANGUAGES.map((l) => ({ value: l, label: t(`language.names.${l}`) }))}
    />
  );
}

export function isLocked(user: Pick<User, 'lockedUntil'>, now = Date.now()): boolean {
  return !!user.lockedUntil && new Date(user.lockedUntil).getTime() > now;
}

export function UserStatusBadges({ user }: { user: User }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  return (
    <>
      {user.active ? (
        <StatusBadge tone="success">{t('common.active')}</StatusBadge>
      ) : (
        <StatusBadge tone="neutral">{t('common.inactive')}</StatusBadge>
      )}{' '}
      {isLocked(user) && (
        <StatusBadge tone="danger">{t('users.lockedUntil', { date: fmt.dateTime(user.lockedUntil) })}</StatusBadge>
      )}
    </>
  );
}

import { lazy, type ReactNode } from 'react';
import { Route, Routes } from 'react-router';
import type { Permission } from '../../contracts/roles';
import { ForcedPasswordChangePage } from '../modules/auth/ForcedPasswordChangePage';
import { LoginPage } from '../modules/auth/LoginPage';
import { TotpEnrolmentPage } from '../modules/auth/TotpEnrolmentPage';
import { TotpLoginPage } from '../modules/auth/TotpLoginPage';
import { StartPage } from '../modules/start/StartPage';
import { RequireNoSession, RequirePermission, RequireStage } from './guards';
import { AppLayout, PublicLayout, RouteFocus } from './layout';
import { NotFoundPage } from './StatusPages';

// Administration and account pages are loaded on first use: most sessions never open them, and they
// carry the larger part of the code (tables, forms, the contracts' enum definitions).
const AccountPage = lazy(() => import('../modules/account/AccountPage').then((m) => ({ default: m.AccountPage })));
const AuditPage = lazy(() => import('../modules/admin/AuditPage').then((m) => ({ default: m.AuditPage })));
const LocationsPage = lazy(() => import('../modules/admin/LocationsPage').then((m) => ({ default: m.LocationsPage })));
const MunicipalitiesPage = lazy(() =>
  import('../modules/admin/MunicipalitiesPage').then((m) => ({ default: m.MunicipalitiesPage })),
);
const OrganisationsPage = lazy(() =>
  import('../modules/admin/OrganisationsPage').then((m) => ({ default: m.OrganisationsPage })),
);
const UserDetailPage = lazy(() => import('../modules/admin/UserDetailPage').then((m) => ({ default: m.UserDetailPage })));
const UsersPage = lazy(() => import('../modules/admin/UsersPage').then((m) => ({ default: m.UsersPage })));

const guarded = (permission: Permission, page: ReactNode) => (
  <RequirePermission permission={permission}>{page}</RequirePermission>
);

export function AppRoutes() {
  return (
    <>
      <RouteFocus />
      <Routes>
        <Route element={<PublicLayout />}>
          <Route path="/login" element={<RequireNoSession><LoginPage /></RequireNoSession>} />
          <Route path="/login/2fa" element={<RequireStage stage="totp"><TotpLoginPage /></RequireStage>} />
          <Route path="/login/2fa-setup" element={<RequireStage stage="totp_enrolment"><TotpEnrolmentPage /></RequireStage>} />
          <Route path="/login/password" element={<RequireStage stage="password_change"><ForcedPasswordChangePage /></RequireStage>} />
        </Route>
        <Route element={<RequireStage stage="active"><AppLayout /></RequireStage>}>
          <Route index element={<StartPage />} />
          <Route path="account" element={<AccountPage />} />
          <Route path="admin/organisations" element={guarded('organisations.read', <OrganisationsPage />)} />
          <Route path="admin/municipalities" element={guarded('municipalities.read', <MunicipalitiesPage />)} />
          <Route path="admin/locations" element={guarded('locations.read', <LocationsPage />)} />
          <Route path="admin/users" element={guarded('users.read', <UsersPage />)} />
          <Route path="admin/users/:id" element={guarded('users.read', <UserDetailPage />)} />
          <Route path="admin/audit" element={guarded('audit.read', <AuditPage />)} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </>
  );
}

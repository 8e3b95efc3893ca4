import { Suspense, lazy, type ReactNode } from 'react';
import { Route, Routes } from 'react-router';
import type { Permission } from '../../contracts/roles';
import { ForcedPasswordChangePage } from '../modules/auth/ForcedPasswordChangePage';
import { LoginPage } from '../modules/auth/LoginPage';
import { TotpEnrolmentPage } from '../modules/auth/TotpEnrolmentPage';
import { TotpLoginPage } from '../modules/auth/TotpLoginPage';
import { StartPage } from '../modules/start/StartPage';
import { RequireNoSession, RequirePermission, RequireStage } from './guards';
import { AppLayout, PublicLayout, RouteFocus, SessionAwareLayout } from './layout';
import { Loading } from '../ui/Loading';
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
const ApiKeysPage = lazy(() => import('../modules/apikeys/ApiKeysPage').then((m) => ({ default: m.ApiKeysPage })));
const QueuePage = lazy(() => import('../modules/cases/QueuePage').then((m) => ({ default: m.QueuePage })));
const CasePage = lazy(() => import('../modules/cases/CasePage').then((m) => ({ default: m.CasePage })));
const NewNoticePage = lazy(() => import('../modules/intake/NewNoticePage').then((m) => ({ default: m.NewNoticePage })));
const PortalPage = lazy(() => import('../modules/intake/PortalPage').then((m) => ({ default: m.PortalPage })));
const ImportPage = lazy(() => import('../modules/imports/ImportPage').then((m) => ({ default: m.ImportPage })));
const ReviewPage = lazy(() => import('../modules/matching/ReviewPage').then((m) => ({ default: m.ReviewPage })));
const SchonfristPage = lazy(() => import('../modules/deadlines/SchonfristPage').then((m) => ({ default: m.SchonfristPage })));

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
        {/* Public: the Schonfrist calculator needs no account. */}
        <Route element={<SessionAwareLayout />}>
          <Route path="/fristen" element={<Suspense fallback={<Loading />}><SchonfristPage /></Suspense>} />
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
          <Route path="admin/api-keys" element={guarded('apikeys.manage', <ApiKeysPage />)} />
          <Route path="cases" element={guarded('cases.read', <QueuePage />)} />
          <Route path="cases/:id" element={guarded('cases.read', <CasePage />)} />
          <Route path="intake/new" element={guarded('notices.submit', <NewNoticePage />)} />
          <Route path="intake/import" element={guarded('imports.run', <ImportPage />)} />
          <Route path="portal" element={guarded('receipts.read', <PortalPage />)} />
          <Route path="matching" element={guarded('matching.review', <ReviewPage />)} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </>
  );
}

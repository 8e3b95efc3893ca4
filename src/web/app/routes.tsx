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
const LetterSettingsPage = lazy(() => import('../modules/letters/LetterSettingsPage').then((m) => ({ default: m.LetterSettingsPage })));
const CalendarPage = lazy(() => import('../modules/appointments/CalendarPage').then((m) => ({ default: m.CalendarPage })));
const ApplicationsPage = lazy(() => import('../modules/measures/ApplicationsPage').then((m) => ({ default: m.ApplicationsPage })));
const CataloguePage = lazy(() => import('../modules/measures/CataloguePage').then((m) => ({ default: m.CataloguePage })));
const SchonfristPage = lazy(() => import('../modules/deadlines/SchonfristPage').then((m) => ({ default: m.SchonfristPage })));
const DirectoryPage = lazy(() => import('../modules/directory/DirectoryPage').then((m) => ({ default: m.DirectoryPage })));
const DirectoryServicePage = lazy(() => import('../modules/directory/ServicePage').then((m) => ({ default: m.ServicePage })));
const DirectoryManagePage = lazy(() => import('../modules/directory/ManagePage').then((m) => ({ default: m.ManagePage })));
const DirectoryEntryPage = lazy(() => import('../modules/directory/ManagePage').then((m) => ({ default: m.EntryPage })));
const SearchPage = lazy(() => import('../modules/search/SearchPage').then((m) => ({ default: m.SearchPage })));
const TasksPage = lazy(() => import('../modules/tasks/TasksPage').then((m) => ({ default: m.TasksPage })));
const HomeVisitsPage = lazy(() => import('../modules/outreach/HomeVisitsPage').then((m) => ({ default: m.HomeVisitsPage })));
const ReachPage = lazy(() => import('../modules/outreach/ReachPage').then((m) => ({ default: m.ReachPage })));
const MeetingsPage = lazy(() => import('../modules/network/MeetingsPage').then((m) => ({ default: m.MeetingsPage })));
const NewMeetingPage = lazy(() => import('../modules/network/MeetingsPage').then((m) => ({ default: m.NewMeetingPage })));
const MeetingPage = lazy(() => import('../modules/network/MeetingPage').then((m) => ({ default: m.MeetingPage })));
const MinutesPrintPage = lazy(() => import('../modules/network/MinutesPrintPage').then((m) => ({ default: m.MinutesPrintPage })));
const NetworkActionsPage = lazy(() => import('../modules/network/ActionsPage').then((m) => ({ default: m.ActionsPage })));
const AgreementsPage = lazy(() => import('../modules/network/AgreementsPage').then((m) => ({ default: m.AgreementsPage })));
const AccessLogPrintPage = lazy(() => import('../modules/accesslog/AccessLogPrintPage').then((m) => ({ default: m.AccessLogPrintPage })));
const InboxPage = lazy(() => import('../modules/consents/InboxPage').then((m) => ({ default: m.InboxPage })));
const InboxDetailPage = lazy(() => import('../modules/consents/InboxDetailPage').then((m) => ({ default: m.InboxDetailPage })));
const SheltersPage = lazy(() => import('../modules/housing/ShelterPages').then((m) => ({ default: m.SheltersPage })));
const ShelterPage = lazy(() => import('../modules/housing/ShelterPages').then((m) => ({ default: m.ShelterPage })));
const LongStaysPage = lazy(() => import('../modules/housing/LongStaysPage').then((m) => ({ default: m.LongStaysPage })));
const LandlordsPage = lazy(() => import('../modules/housing/LandlordPages').then((m) => ({ default: m.LandlordsPage })));
const LandlordPage = lazy(() => import('../modules/housing/LandlordPages').then((m) => ({ default: m.LandlordPage })));
const AdequacyPage = lazy(() => import('../modules/housing/AdequacyPage').then((m) => ({ default: m.AdequacyPage })));
const OffersPage = lazy(() => import('../modules/housing/OffersPage').then((m) => ({ default: m.OffersPage })));
const OfferPage = lazy(() => import('../modules/housing/OfferPage').then((m) => ({ default: m.OfferPage })));
const HousingOutcomesPage = lazy(() => import('../modules/housing/OutcomesPage').then((m) => ({ default: m.OutcomesPage })));
const ReportPage = lazy(() => import('../modules/reports/ReportPage').then((m) => ({ default: m.ReportPage })));
const DrillDownPage = lazy(() => import('../modules/reports/DrillDownPage').then((m) => ({ default: m.DrillDownPage })));
const OfficialPage = lazy(() => import('../modules/reports/OfficialPage').then((m) => ({ default: m.OfficialPage })));
const PseudonymisedPage = lazy(() => import('../modules/reports/PseudonymisedPage').then((m) => ({ default: m.PseudonymisedPage })));

const guarded = (permission: Permission, page: ReactNode) => (
  <RequirePermission permission={permission}>{page}</RequirePermission>
);
/** For pages open to either of two permissions (the report: own organisation or district). */
const guardedAny = (permissions: Permission[], page: ReactNode) => (
  <RequirePermission permission={permissions}>{page}</RequirePermission>
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
          <Route path="admin/letters" element={guarded('casework.configure', <LetterSettingsPage />)} />
          <Route path="admin/users/:id" element={guarded('users.read', <UserDetailPage />)} />
          <Route path="admin/audit" element={guarded('audit.read', <AuditPage />)} />
          <Route path="admin/api-keys" element={guarded('apikeys.manage', <ApiKeysPage />)} />
          <Route path="cases" element={guarded('cases.read', <QueuePage />)} />
          <Route path="cases/:id" element={guarded('cases.read', <CasePage />)} />
          <Route path="cases/:id/access-log" element={guarded('cases.access_log', <AccessLogPrintPage />)} />
          <Route path="intake/new" element={guarded('notices.submit', <NewNoticePage />)} />
          <Route path="intake/import" element={guarded('imports.run', <ImportPage />)} />
          <Route path="portal" element={guarded('receipts.read', <PortalPage />)} />
          <Route path="matching" element={guarded('matching.review', <ReviewPage />)} />
          <Route path="search" element={guarded('cases.read', <SearchPage />)} />
          <Route path="tasks" element={guarded('cases.read', <TasksPage />)} />
          <Route path="outreach/home-visits" element={guarded('cases.read', <HomeVisitsPage />)} />
          <Route path="outreach/reach" element={guarded('cases.read', <ReachPage />)} />
          <Route path="appointments" element={guarded('cases.read', <CalendarPage />)} />
          <Route path="applications" element={guarded('measures.decide', <ApplicationsPage />)} />
          <Route path="inbox" element={guarded('disclosures.receive', <InboxPage />)} />
          <Route path="inbox/:id" element={guarded('disclosures.receive', <InboxDetailPage />)} />
          <Route path="admin/measures" element={guarded('casework.configure', <CataloguePage />)} />
          {/* The partner directory: every signed-in user searches it; administrators maintain entries. */}
          <Route path="directory" element={<DirectoryPage />} />
          <Route path="directory/services/:id" element={<DirectoryServicePage />} />
          <Route path="directory/manage" element={guarded('locations.write', <DirectoryManagePage />)} />
          <Route path="directory/manage/:id" element={guarded('locations.write', <DirectoryEntryPage />)} />
          {/* Network work: district information, read by network.read, changed by network.manage of the owner. */}
          <Route path="network/meetings" element={guarded('network.read', <MeetingsPage />)} />
          <Route path="network/meetings/new" element={guarded('network.manage', <NewMeetingPage />)} />
          <Route path="network/meetings/:id" element={guarded('network.read', <MeetingPage />)} />
          <Route path="network/meetings/:id/print" element={guarded('network.read', <MinutesPrintPage />)} />
          <Route path="network/actions" element={guarded('network.read', <NetworkActionsPage />)} />
          <Route path="network/agreements" element={guarded('network.read', <AgreementsPage />)} />
          {/* Housing: the shelter register, landlords and adequacy limits are district information (housing.read); placements stay with their organisation. */}
          <Route path="housing/shelters" element={guarded('housing.read', <SheltersPage />)} />
          <Route path="housing/shelters/:id" element={guarded('housing.read', <ShelterPage />)} />
          <Route path="housing/long-stays" element={guarded('housing.read', <LongStaysPage />)} />
          <Route path="housing/landlords" element={guarded('housing.read', <LandlordsPage />)} />
          <Route path="housing/landlords/:id" element={guarded('housing.read', <LandlordPage />)} />
          <Route path="housing/adequacy" element={guarded('housing.read', <AdequacyPage />)} />
          {/* Brokerage: flat offers with their ranked households and proposals, and what came of them. */}
          <Route path="housing/offers" element={guarded('housing.read', <OffersPage />)} />
          <Route path="housing/offers/:id" element={guarded('housing.read', <OfferPage />)} />
          <Route path="housing/outcomes" element={guarded('housing.read', <HousingOutcomesPage />)} />
          {/* Reports: the own organisation's evaluation (reports.read, drilling down to cases) or the district's aggregates (reports.aggregate). */}
          <Route path="reports" element={guardedAny(['reports.read', 'reports.aggregate'], <ReportPage />)} />
          <Route path="reports/cases" element={guardedAny(['reports.read'], <DrillDownPage />)} />
          {/* Official statistics and the evaluators' export: the statistics role, district-wide, without personal data. */}
          <Route path="statistics/official" element={guarded('reports.official', <OfficialPage />)} />
          <Route path="statistics/export" element={guarded('reports.pseudonymised', <PseudonymisedPage />)} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </>
  );
}

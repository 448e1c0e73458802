import { lazy, Suspense } from 'react';
import { createBrowserRouter, Outlet } from 'react-router';
import { AppLayout } from './components/app-layout';
import { NotFound, PageLoading, RouteError } from './components/page-state';
import { RequireAuth, RequirePermission } from './components/route-guards';

// Route-level code splitting: each page is its own chunk.
const LoginPage = lazy(() => import('./pages/auth/login-page').then((m) => ({ default: m.LoginPage })));
const ChangePasswordPage = lazy(() =>
  import('./pages/auth/change-password-page').then((m) => ({ default: m.ChangePasswordPage })),
);
const HomePage = lazy(() => import('./pages/home/home-page').then((m) => ({ default: m.HomePage })));
const UnitsPage = lazy(() =>
  import('./pages/admin/units/units-page').then((m) => ({ default: m.UnitsPage })),
);
const UsersPage = lazy(() =>
  import('./pages/admin/users/users-page').then((m) => ({ default: m.UsersPage })),
);
const UploadPage = lazy(() =>
  import('./pages/recordings/upload/upload-page').then((m) => ({ default: m.UploadPage })),
);
const RecordingsPage = lazy(() =>
  import('./pages/recordings/list/recordings-page').then((m) => ({ default: m.RecordingsPage })),
);
const RecordingPage = lazy(() =>
  import('./pages/recordings/detail/recording-page').then((m) => ({ default: m.RecordingPage })),
);
const DevicesPage = lazy(() =>
  import('./pages/admin/devices/devices-page').then((m) => ({ default: m.DevicesPage })),
);
const PartiesPage = lazy(() =>
  import('./pages/parties/parties-page').then((m) => ({ default: m.PartiesPage })),
);
const CasesPage = lazy(() => import('./pages/cases/list/cases-page').then((m) => ({ default: m.CasesPage })));
const RegisterCasePage = lazy(() =>
  import('./pages/cases/register/register-page').then((m) => ({ default: m.RegisterCasePage })),
);
const CasePage = lazy(() => import('./pages/cases/detail/case-page').then((m) => ({ default: m.CasePage })));
const DocumentPage = lazy(() =>
  import('./pages/cases/document/document-page').then((m) => ({ default: m.DocumentPage })),
);
const OnsiteStartPage = lazy(() =>
  import('./pages/onsite/onsite-start-page').then((m) => ({ default: m.OnsiteStartPage })),
);
const OnsiteCasePage = lazy(() =>
  import('./pages/onsite/onsite-case-page').then((m) => ({ default: m.OnsiteCasePage })),
);
const ApprovalsPage = lazy(() =>
  import('./pages/approvals/approvals-page').then((m) => ({ default: m.ApprovalsPage })),
);
const CompletenessPage = lazy(() =>
  import('./pages/completeness/completeness-page').then((m) => ({ default: m.CompletenessPage })),
);
const DeadlinesPage = lazy(() =>
  import('./pages/deadlines/deadlines-page').then((m) => ({ default: m.DeadlinesPage })),
);
const LedgerPage = lazy(() => import('./pages/ledger/ledger-page').then((m) => ({ default: m.LedgerPage })));
const FormsPage = lazy(() => import('./pages/forms/forms-page').then((m) => ({ default: m.FormsPage })));

function Root() {
  return (
    <Suspense fallback={<PageLoading />}>
      <Outlet />
    </Suspense>
  );
}

export const router = createBrowserRouter([
  {
    element: <Root />,
    errorElement: <RouteError />,
    children: [
      { path: '/login', element: <LoginPage /> },
      {
        element: (
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        ),
        children: [
          { index: true, element: <HomePage /> },
          { path: 'password', element: <ChangePasswordPage /> },
          {
            path: 'admin/units',
            element: <RequirePermission permission="unit.manage" />,
            children: [{ index: true, element: <UnitsPage /> }],
          },
          {
            path: 'admin/users',
            element: <RequirePermission permission="user.read" />,
            children: [{ index: true, element: <UsersPage /> }],
          },
          {
            path: 'recordings',
            element: <RequirePermission permission={['recording.read', 'recording.read_all']} />,
            children: [
              { index: true, element: <RecordingsPage /> },
              { path: ':id', element: <RecordingPage /> },
            ],
          },
          {
            path: 'admin/devices',
            element: <RequirePermission permission="device.read" />,
            children: [{ index: true, element: <DevicesPage /> }],
          },
          {
            path: 'recordings/upload',
            element: <RequirePermission permission="recording.upload" />,
            children: [{ index: true, element: <UploadPage /> }],
          },
          {
            path: 'parties',
            element: <RequirePermission permission="party.read" />,
            children: [{ index: true, element: <PartiesPage /> }],
          },
          {
            path: 'cases',
            element: <RequirePermission permission={['case.read', 'case.read_all']} />,
            children: [
              { index: true, element: <CasesPage /> },
              { path: ':id', element: <CasePage /> },
              { path: ':id/documents/:docId', element: <DocumentPage /> },
            ],
          },
          {
            path: 'cases/new',
            element: <RequirePermission permission="case.register" />,
            children: [{ index: true, element: <RegisterCasePage /> }],
          },
          {
            path: 'onsite',
            element: <RequirePermission permission="case.register" />,
            children: [
              { index: true, element: <OnsiteStartPage /> },
              { path: ':id', element: <OnsiteCasePage /> },
            ],
          },
          {
            path: 'approvals',
            element: <RequirePermission permission={['case.read', 'case.read_all']} />,
            children: [{ index: true, element: <ApprovalsPage /> }],
          },
          {
            path: 'deadlines',
            element: <RequirePermission permission={['case.read', 'case.read_all']} />,
            children: [{ index: true, element: <DeadlinesPage /> }],
          },
          {
            path: 'completeness',
            element: <RequirePermission permission={['case.read', 'case.read_all']} />,
            children: [{ index: true, element: <CompletenessPage /> }],
          },
          {
            path: 'forms',
            element: <RequirePermission permission="form.read" />,
            children: [{ index: true, element: <FormsPage /> }],
          },
          {
            path: 'ledger',
            element: <RequirePermission permission="ledger.verify" />,
            children: [{ index: true, element: <LedgerPage /> }],
          },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
]);

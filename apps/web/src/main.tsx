import './styles.css';

import { lazy, type ReactNode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';

import { takeTokenFromAddress } from './auth';
import { FormPage } from './form/FormPage';
import { PortalPage } from './portal/PortalPage';
import { Loading, MessagePage } from './ui';

// Recharts and the recruiter's screens load only on /dashboard: the emailed links stay light.
const DashboardPage = lazy(() => import('./dashboard/DashboardPage'));

function App(): ReactNode {
  const path = location.pathname;
  const link = /^\/(f|c)\/([^/]+)\/?$/.exec(path);
  if (link) {
    const token = decodeURIComponent(link[2]);
    return link[1] === 'f' ? <FormPage token={token} /> : <PortalPage token={token} />;
  }
  if (/^\/dashboard(\/|$)/.test(path)) {
    return (
      <Suspense fallback={<Loading label="Opening the dashboard…" />}>
        <DashboardPage signInToken={dashboardToken} />
      </Suspense>
    );
  }
  return (
    <MessagePage title="Page not found">
      <p>There is nothing at this address. The links Closer emails open the page you need.</p>
    </MessagePage>
  );
}

// out of the address bar before anything else runs; the dashboard trades it for its session
const dashboardToken = location.pathname.startsWith('/dashboard') ? takeTokenFromAddress() : null;
createRoot(document.getElementById('root')!).render(<App />);

import './styles.css';

import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';

import { FormPage } from './form/FormPage';
import { PortalPage } from './portal/PortalPage';
import { MessagePage } from './ui';

// The emailed links' pages. The dashboard is a page of its own (dashboard.html): neither loads the other's code.
function App(): ReactNode {
  const link = /^\/(f|c)\/([^/]+)\/?$/.exec(location.pathname);
  if (link) {
    const token = decodeURIComponent(link[2]);
    return link[1] === 'f' ? <FormPage token={token} /> : <PortalPage token={token} />;
  }
  return (
    <MessagePage title="Page not found">
      <p>There is nothing at this address. The links Closer emails open the page you need.</p>
    </MessagePage>
  );
}

createRoot(document.getElementById('root')!).render(<App />);

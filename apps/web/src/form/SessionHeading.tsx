import type { ReactNode } from 'react';

import { formatDateTime } from '../format';
import type { FormView } from './form-view';

/** The page's title over the candidate, the role and the session the form is about. */
export function SessionHeading({ view, title }: { view: FormView; title: string }): ReactNode {
  return (
    <header className="page-head">
      <h1 tabIndex={-1} id="page-title">
        {title}
      </h1>
      <p className="lede">
        <strong>{view.candidateName}</strong> · {view.roleTitle}
      </p>
      <p className="meta">
        {view.sessionTitle}
        {view.sessionEndedAt ? ` · ended ${formatDateTime(view.sessionEndedAt)}` : ''}
      </p>
    </header>
  );
}

import { type ReactNode, useState } from 'react';

import { Status } from '../ui';

/** A page of the organization's set-up (people, roles): its title, and the last change made on it confirmed at the top. */
export function SetupPage(props: { title: string; onChanged(): void; children(changed: (message: string) => void): ReactNode }): ReactNode {
  const [done, setDone] = useState<string | null>(null);
  const changed = (message: string) => {
    setDone(message);
    props.onChanged();
  };
  return (
    <div className="setup">
      <h1>{props.title}</h1>
      {done ? <Status tone="ok">{done}</Status> : null}
      {props.children(changed)}
    </div>
  );
}

import type { ReactNode } from 'react';
import { useDocumentTitle } from '../hooks/useDocumentTitle.ts';

/** The title row of a staff page: title, a line of help, and the page's main actions on the right. */
export function PageHeader({ title, help, extra }: { title: string; help?: ReactNode; extra?: ReactNode }) {
  useDocumentTitle(title);
  return (
    <div className="page-head">
      <div>
        <h1>{title}</h1>
        {help && <p>{help}</p>}
      </div>
      {extra && <div className="page-head-extra">{extra}</div>}
    </div>
  );
}

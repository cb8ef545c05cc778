import { href, type PageContext } from '../context.ts';
import { Layout } from '../layout.tsx';
import { AdminMenu } from './parts.tsx';

/** The start of the administration area: its parts. */
export function AdminHomePage(props: { ctx: PageContext }) {
  const { ctx } = props;
  const m = ctx.t.admin;
  const parts = [
    ['/admin/users', m.sections.users],
    ['/admin/departments', m.sections.departments],
    ['/admin/time-targets', m.sections.timeTargets],
    ['/admin/audit', m.sections.audit],
  ] as const;
  return (
    <Layout ctx={ctx} title={m.title} lead={m.lead}>
      <AdminMenu ctx={ctx} />
      <ul class="cards admin-parts">
        {parts.map(([path, part]) => (
          <li class="card">
            <h2 class="card-title">
              <a href={href(ctx.lang, path)}>{part.title}</a>
            </h2>
            <p>{part.summary}</p>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

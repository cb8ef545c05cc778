import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { languages } from '../../domain/language.ts';
import { can, visitor } from '../../domain/policy.ts';
import { queryTerms } from '../../domain/search.ts';
import { caseYears, findPublicCase, listCases } from '../../db/queries/cases.ts';
import { listChallenges } from '../../db/queries/challenges.ts';
import { upcomingEvents } from '../../db/queries/events.ts';
import { loadGateFacts, loadTaxonomies } from '../../db/queries/taxonomy.ts';
import { renderPage, sendPage } from '../render.ts';
import { challengePageView, pageNotice } from './challenge-public.tsx';
import { personalContext, sendPersonalPage } from './localized.ts';
import { AboutPage } from '../views/about.tsx';
import { AccessibilityPage } from '../views/accessibility.tsx';
import { CaseListPage, CasePage } from '../views/cases.tsx';
import { ChallengeListPage } from '../views/challenges.tsx';
import type { PageContext } from '../views/context.ts';
import { EventsPage } from '../views/events.tsx';
import { HomePage } from '../views/home.tsx';
import { MethodsPage } from '../views/methods.tsx';
import { OpenDataPage } from '../views/open-data.tsx';
import { ProcessPage } from '../views/process.tsx';
import { caseListQuery, challengeListQuery, idParam, presentParams } from './params.ts';

/** Renders a page from its address alone, so one rendering can serve every request for it. */
type PageHandler = (ctx: PageContext, request: FastifyRequest) => Promise<VNode | undefined>;

/**
 * Registers a public page in Japanese at `path` and in English under /en. Requests for the
 * same address that arrive while it is being rendered share that one rendering: right after
 * a content change, a burst of visitors costs one set of queries, not one each.
 */
function page(app: FastifyInstance, path: string, handler: PageHandler): void {
  const rendering = new Map<string, Promise<string | undefined>>();
  for (const lang of languages) {
    const url = lang === 'ja' ? path : path === '/' ? '/en' : `/en${path}`;
    app.get(url, { config: { cache: true } }, async (request, reply) => {
      if (request.signedIn) {
        // Rendered for this person alone: the header shows who is signed in.
        const view = await handler(personalContext(request, reply), request);
        return view ? sendPersonalPage(reply, view) : reply.callNotFound();
      }
      let html = rendering.get(request.url);
      if (!html) {
        const ctx = app.gate.context(request);
        html = handler(ctx, request).then((view) => view && renderPage(view));
        rendering.set(request.url, html);
        html.finally(() => rendering.delete(request.url)).catch(() => undefined);
      }
      const body = await html;
      return body === undefined ? reply.callNotFound() : sendPage(reply, body);
    });
  }
}

/** The public portal: home, challenges, cases, events and the pages about the gate. */
export function registerPortal(app: FastifyInstance): void {
  const db = app.gate.database.db;

  page(app, '/', async (ctx) => {
    const tenantId = ctx.tenant.id;
    const [challenges, cases, events, taxonomies] = await Promise.all([
      listChallenges(db, tenantId, { status: 'open', callOpenOn: ctx.today }, 1),
      listCases(db, tenantId, {}, 1),
      upcomingEvents(db, tenantId, ctx.clock.now(), 3),
      loadTaxonomies(db, tenantId),
    ]);
    // Open theme calls first; when none is open, the newest challenges.
    const shown =
      challenges.rows.length > 0
        ? challenges.rows
        : (await listChallenges(db, tenantId, { status: 'open' }, 1)).rows;
    return (
      <HomePage
        ctx={ctx}
        challenges={shown.slice(0, 6)}
        cases={cases.rows.slice(0, 6)}
        events={events}
        taxonomies={taxonomies}
      />
    );
  });

  page(app, '/challenges', async (ctx, request) => {
    const query = challengeListQuery.parse(presentParams(request.query));
    const filter = {
      fieldCode: query.field,
      conceptCode: query.concept,
      departmentId: query.department,
      status: query.status,
      callOpenOn: query.call === 'open' ? ctx.today : undefined,
      wideArea: query.scope === 'wide-area',
      terms: query.q ? queryTerms(query.q) : undefined,
    };
    const [list, taxonomies] = await Promise.all([
      listChallenges(db, ctx.tenant.id, filter, query.page),
      loadTaxonomies(db, ctx.tenant.id),
    ]);
    if (query.page > 1 && list.rows.length === 0) {
      return undefined; // past the last page
    }
    return <ChallengeListPage ctx={ctx} query={query} taxonomies={taxonomies} {...list} />;
  });

  page(app, '/challenges/:id', async (ctx, request) => {
    const params = idParam.safeParse(request.params);
    if (!params.success) {
      return undefined;
    }
    return challengePageView(db, ctx, request, params.data.id, {
      state: { values: {}, errors: {} },
      notice: pageNotice(request),
    });
  });

  page(app, '/cases', async (ctx, request) => {
    const query = caseListQuery.parse(presentParams(request.query));
    const filter = {
      fieldCode: query.field,
      methodCode: query.method,
      year: query.year,
      scope: query.scope ?? ('city' as const),
      terms: query.q ? queryTerms(query.q) : undefined,
    };
    const [list, years, taxonomies] = await Promise.all([
      listCases(db, ctx.tenant.id, filter, query.page),
      caseYears(db, ctx.tenant.id),
      loadTaxonomies(db, ctx.tenant.id),
    ]);
    if (query.page > 1 && list.rows.length === 0) {
      return undefined; // past the last page
    }
    return <CaseListPage ctx={ctx} query={query} years={years} taxonomies={taxonomies} {...list} />;
  });

  page(app, '/cases/:id', async (ctx, request) => {
    const params = idParam.safeParse(request.params);
    if (!params.success) {
      return undefined;
    }
    const [row, taxonomies] = await Promise.all([
      findPublicCase(db, ctx.tenant.id, params.data.id),
      loadTaxonomies(db, ctx.tenant.id),
    ]);
    const visible =
      row &&
      can(visitor, 'case', 'view', {
        tenantId: ctx.tenant.id,
        published: row.status === 'published',
      });
    return visible ? <CasePage ctx={ctx} row={row} taxonomies={taxonomies} /> : undefined;
  });

  page(app, '/events', async (ctx) => {
    const events = await upcomingEvents(db, ctx.tenant.id, ctx.clock.now(), 100);
    return <EventsPage ctx={ctx} events={events} />;
  });

  page(app, '/methods', async (ctx) => {
    const { methods } = await loadTaxonomies(db, ctx.tenant.id);
    return <MethodsPage ctx={ctx} methods={methods} />;
  });

  page(app, '/process', async (ctx) => <ProcessPage ctx={ctx} />);

  page(app, '/about', async (ctx) => {
    const facts = await loadGateFacts(db, ctx.tenant.id);
    return <AboutPage ctx={ctx} {...facts} />;
  });

  page(app, '/accessibility', async (ctx) => <AccessibilityPage ctx={ctx} />);
  page(app, '/open-data', async (ctx) => <OpenDataPage ctx={ctx} />);
}

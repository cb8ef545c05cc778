import { randomUUID } from 'node:crypto';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { attachFile, listAttachments, updateAttachments } from '../../app/proposals/attachments.ts';
import { emptyContent } from '../../app/proposals/content.ts';
import { createDraft, loadProposal, saveDraft, type Author } from '../../app/proposals/drafts.ts';
import { submitProposal } from '../../app/proposals/submit.ts';
import { createFileStore } from '../../app/files/storage.ts';
import { fiscalYearOf, formatDate } from '../../domain/calendar.ts';
import { localize } from '../../domain/language.ts';
import { can } from '../../domain/policy.ts';
import type { DisclosureMark, ProposalContent } from '../../domain/proposal.ts';
import { themeCallPhase } from '../../domain/theme-call.ts';
import { findPublicChallenge } from '../../db/queries/challenges.ts';
import { loadTaxonomies } from '../../db/queries/taxonomy.ts';
import { audit, checkCsrfToken, NotFound, requireSignedIn } from '../auth.ts';
import {
  incompleteErrors,
  parseProposalForm,
  proposalFormErrors,
  proposalFormValues,
} from '../proposal-form.ts';
import { MessagePage } from '../views/account/auth-pages.tsx';
import { href } from '../views/context.ts';
import { ProposalFormPage } from '../views/proposals/form.tsx';
import {
  localized,
  personalContext,
  redirectTo,
  sendPersonalPage,
  setNotice,
  takeNotice,
} from './localized.ts';

/** Empty slots for new files and rows shown below the filled ones. */
const spare = { uploads: 2, indicators: 2, burden: 1 };

/** A database id from a path or a form: plain digits within the integer range, else 0. */
function idFrom(value: unknown): number {
  const first = Array.isArray(value) ? value[0] : value;
  if (typeof first !== 'string' || !/^[1-9][0-9]{0,9}$/.test(first)) {
    return 0;
  }
  const id = Number(first);
  return id <= 2_147_483_647 ? id : 0;
}

/**
 * True when two contents say the same, whatever the order of their keys and of their lists
 * of codes and ids (the database keeps those as sets).
 */
function sameContent(a: ProposalContent, b: ProposalContent): boolean {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.every((item) => typeof item !== 'object')
        ? [...value].sort()
        : value.map(canonical)
      : value && typeof value === 'object'
        ? Object.fromEntries(
            Object.entries(value)
              .filter(([, v]) => v !== undefined)
              .sort(([x], [y]) => (x < y ? -1 : 1))
              .map(([k, v]) => [k, canonical(v)]),
          )
        : value;
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

/** How many rows of a repeated group the typed values hold (`indicator-3-name` → 4). */
function rowsIn(values: Record<string, string | string[]>, prefix: string): number {
  let rows = 0;
  for (const key of Object.keys(values)) {
    const match = new RegExp(`^${prefix}-(\\d+)-`).exec(key);
    if (match) {
      rows = Math.max(rows, Number(match[1]) + 1);
    }
  }
  return rows;
}

interface FormPageInput {
  action: string;
  values: Record<string, string | string[]>;
  errors: Record<string, string>;
  version: number;
  kind: 'theme' | 'free';
  proposalId: number | null;
  challenge?: { title: string; closesOn: string } | undefined;
  notice?: string | undefined;
  conflict?: boolean;
  extraIndicator?: boolean;
  extraBurden?: boolean;
}

export function registerProposalFormRoutes(app: FastifyInstance): void {
  const gate = app.gate;
  const db = gate.database.db;
  const store = createFileStore({ dataDir: gate.config.dataDir });
  const tenantId = () => gate.tenant().id;

  const env = () => ({ db, clock: gate.clock, tenantId: tenantId() });

  /** The author: a verified member of an organisation, or a page saying what is missing. */
  function authorOf(request: FastifyRequest): (Author & { email: string; name: string }) | null {
    const signedIn = requireSignedIn(request);
    if (signedIn.actor.kind !== 'proposer') {
      throw new NotFound();
    }
    if (!signedIn.actor.verified) {
      return null;
    }
    return {
      userId: signedIn.user.id,
      organisationId: signedIn.actor.organisationId,
      email: signedIn.user.email,
      name: signedIn.user.name,
    };
  }

  function unverifiedPage(request: FastifyRequest, reply: FastifyReply) {
    const ctx = personalContext(request, reply);
    const a = ctx.t.account;
    return sendPersonalPage(
      reply,
      <MessagePage
        ctx={ctx}
        title={ctx.t.proposalForm.newTitle}
        links={[{ path: '/account', label: a.myPage }]}
      >
        <p>{a.unverifiedNotice}</p>
      </MessagePage>,
      403,
    );
  }

  /** The open theme call of a published challenge, today. */
  async function openCall(challengeId: number) {
    const challenge = await findPublicChallenge(db, tenantId(), challengeId);
    // A closed challenge takes no proposals, whatever the dates of its call.
    if (!challenge || challenge.status !== 'published') {
      return undefined;
    }
    const today = gate.today();
    const call = challenge.calls.find(
      (c) => themeCallPhase({ opensOn: c.opens_on, closesOn: c.closes_on }, today) === 'open',
    );
    return { challenge, call };
  }

  async function formPage(
    request: FastifyRequest,
    reply: FastifyReply,
    input: FormPageInput,
    status = 200,
  ) {
    const ctx = { ...personalContext(request, reply), scripts: [gate.autosaveScript] };
    const [taxonomies, grounds, attachments] = await Promise.all([
      loadTaxonomies(db, tenantId()),
      db
        .selectFrom('eligibility_ground')
        .select(['code', 'text_ja', 'text_en'])
        .where('tenant_id', '=', tenantId())
        .orderBy('sort')
        .execute(),
      input.proposalId === null ? [] : listAttachments({ db }, input.proposalId),
    ]);
    const thisYear = fiscalYearOf(gate.today());
    const indicatorRows =
      Math.max(rowsIn(input.values, 'indicator'), 1) +
      (input.extraIndicator ? 3 : spare.indicators);
    const burdenRows =
      Math.max(rowsIn(input.values, 'burden'), 1) + (input.extraBurden ? 3 : spare.burden);
    return sendPersonalPage(
      reply,
      <ProposalFormPage
        ctx={ctx}
        action={href(ctx.lang, input.action)}
        values={input.values}
        errors={input.errors}
        taxonomies={taxonomies}
        eligibilityGrounds={grounds.map((g) => ({
          code: g.code,
          name: localize({ ja: g.text_ja, en: g.text_en }, ctx.lang).text,
        }))}
        attachments={attachments.map((a) => ({
          id: a.id,
          fileName: a.file_name,
          sizeBytes: a.size_bytes,
          mediaType: a.media_type,
          disclosure: a.disclosure,
          reason: a.disclosure_reason ?? '',
        }))}
        challenge={input.challenge}
        kind={input.kind}
        version={input.version}
        indicatorRows={indicatorRows}
        burdenRows={burdenRows}
        uploadSlots={Math.max(0, Math.min(spare.uploads, 10 - attachments.length))}
        fiscalYears={Array.from({ length: 6 }, (_, i) => thisYear + i)}
        notice={input.notice}
        conflict={input.conflict ?? false}
        editing={input.proposalId !== null}
      />,
      status,
    );
  }

  localized(app, 'GET', '/proposals/new', async (request, reply) => {
    const author = authorOf(request);
    if (!author) {
      return unverifiedPage(request, reply);
    }
    const query = (request.query ?? {}) as Record<string, unknown>;
    const challengeId = idFrom(query.challenge);
    if (query.challenge !== undefined && challengeId === 0) {
      throw new NotFound();
    }
    let challenge: FormPageInput['challenge'];
    let values: Record<string, string | string[]> = proposalFormValues(emptyContent());
    if (challengeId > 0) {
      const found = await openCall(challengeId);
      if (!found) {
        throw new NotFound();
      }
      if (!found.call) {
        return callClosedPage(request, reply);
      }
      const title = localize(
        { ja: found.challenge.title_ja, en: found.challenge.title_en },
        request.lang,
      ).text;
      challenge = { title, closesOn: found.call.closes_on };
      values = { ...values, title, challenge: String(challengeId) };
    }
    return formPage(request, reply, {
      action: '/proposals/new',
      values: { ...values, draftKey: randomUUID() },
      errors: {},
      version: 0,
      kind: challenge ? 'theme' : 'free',
      proposalId: null,
      challenge,
    });
  });

  function callClosedPage(request: FastifyRequest, reply: FastifyReply, status = 410) {
    const ctx = personalContext(request, reply);
    const p = ctx.t.proposalForm;
    return sendPersonalPage(
      reply,
      <MessagePage
        ctx={ctx}
        title={p.callClosedTitle}
        links={[
          { path: '/challenges?call=open', label: ctx.t.challenges },
          { path: '/my/proposals', label: ctx.t.proposal.myProposals },
        ]}
      >
        <p>{p.callClosedBody}</p>
      </MessagePage>,
      status,
    );
  }

  localized(app, 'GET', '/proposals/:id/edit', async (request, reply) => {
    const author = authorOf(request);
    if (!author) {
      return unverifiedPage(request, reply);
    }
    const record = await ownEditable(request, author);
    const challenge = await challengeOf(request, record.proposal.challenge_id);
    return formPage(request, reply, {
      action: `/proposals/${record.proposal.id}/edit`,
      values: proposalFormValues(record.content),
      errors: {},
      version: record.proposal.version,
      kind: record.proposal.kind,
      proposalId: record.proposal.id,
      challenge,
      notice: takeNotice(request),
    });
  });

  async function challengeOf(request: FastifyRequest, challengeId: number | null) {
    if (challengeId === null) {
      return undefined;
    }
    const found = await findPublicChallenge(db, tenantId(), challengeId);
    if (!found) {
      return undefined;
    }
    const call = found.calls[0];
    return {
      title: localize({ ja: found.title_ja, en: found.title_en }, request.lang).text,
      closesOn: call?.closes_on ?? '',
    };
  }

  /** The author's own proposal that may still be edited, or "not found". */
  async function ownEditable(request: FastifyRequest, author: Author) {
    const id = idFrom((request.params as { id?: string }).id);
    const record = id > 0 ? await loadProposal(db, tenantId(), id) : undefined;
    const object = record && {
      tenantId: tenantId(),
      organisationId: record.proposal.organisation_id,
      state: record.proposal.state,
      // The proposer's rights do not depend on the departments it was matched to.
      assignedDepartmentIds: [],
      leadDepartmentId: null,
      escalated: false,
    };
    if (!record || !object || !can(request.actor, 'proposal', 'update', object)) {
      if (record) {
        await audit(request, {
          action: 'access.denied',
          targetKind: 'proposal',
          targetId: record.proposal.id,
          details: { action: 'update' },
        });
      }
      throw new NotFound();
    }
    if (record.proposal.organisation_id !== author.organisationId) {
      throw new NotFound();
    }
    return record;
  }

  /**
   * Saves the posted form: reads the multipart stream once, checking the CSRF token before
   * any file is kept; stores each file as it arrives; then saves the text over the version
   * the author opened, and submits when asked.
   */
  async function save(request: FastifyRequest, reply: FastifyReply, existingId: number | null) {
    if (!request.isMultipart()) {
      throw Object.assign(new Error('not a multipart form'), { statusCode: 400 });
    }
    const author = authorOf(request);
    if (!author) {
      return unverifiedPage(request, reply);
    }
    const t = gate.context(request).t;
    let proposalId = existingId;
    let kind: 'theme' | 'free' = 'free';
    let challenge: FormPageInput['challenge'];
    if (existingId !== null) {
      const record = await ownEditable(request, author);
      kind = record.proposal.kind;
      challenge = await challengeOf(request, record.proposal.challenge_id);
    }

    const fields: Record<string, string[]> = {};
    const uploadErrors: Record<string, string> = {};
    const uploaded: { slot: number; id: number }[] = [];
    let checked = false;

    // From the blank form: a second request from it (a double click) finds the same draft.
    let draftKey: string | null = null;
    const verify = async () => {
      if (!checked) {
        await checkCsrfToken(request, fields._csrf?.[0] ?? '');
        checked = true;
      }
    };
    const ensureDraft = async () => {
      const key = fields.draftKey?.[0] ?? '';
      draftKey = /^[0-9a-f-]{36}$/.test(key) ? key : null;
      await verify();
      if (proposalId !== null) {
        return proposalId;
      }
      const challengeId = idFrom(fields.challenge);
      if (challengeId > 0) {
        const found = await openCall(challengeId);
        if (!found?.call) {
          return null;
        }
        kind = 'theme';
        const title = localize(
          { ja: found.challenge.title_ja, en: found.challenge.title_en },
          request.lang,
        ).text;
        challenge = { title, closesOn: found.call.closes_on };
        proposalId = await createDraft(
          env(),
          author,
          { kind: 'theme', challengeId, themeCallId: found.call.id, title },
          undefined,
          draftKey,
        );
      } else {
        proposalId = await createDraft(env(), author, { kind: 'free' }, undefined, draftKey);
      }
      return proposalId;
    };

    try {
      for await (const part of request.parts()) {
        if (part.type === 'field') {
          (fields[part.fieldname] ??= []).push(String(part.value ?? ''));
          continue;
        }
        const file = part as MultipartFile;
        const slot = /^upload-(\d+)-file$/.exec(file.fieldname)?.[1];
        if (slot === undefined || file.filename === '') {
          file.file.resume(); // an empty file input, or a field we do not know
          continue;
        }
        const id = await ensureDraft();
        if (id === null) {
          file.file.resume();
          continue;
        }
        const result = await attachFile({ ...env(), store }, author, id, {
          fileName: file.filename,
          stream: file.file,
          disclosure: 'confidential',
          reason: '',
        });
        if (result.ok) {
          uploaded.push({ slot: Number(slot), id: result.attachment.id });
        } else {
          uploadErrors[`upload-${slot}-file`] = t.proposalForm.uploadErrors[result.reason](
            result.fileName,
          );
        }
      }
    } catch (error) {
      // A body that is not a readable form (cut off, no boundary, too many parts) is the
      // sender's mistake: a 400 page, never a server error. A bad CSRF token stays a 403.
      const status = (error as { statusCode?: number }).statusCode;
      if (status === 403) {
        throw error;
      }
      request.log.info({ err: (error as Error).message }, 'multipart form unreadable');
      throw Object.assign(new Error('unreadable form'), { statusCode: 400 });
    }
    await verify();
    const [taxonomies, grounds] = await Promise.all([
      loadTaxonomies(db, tenantId()),
      db
        .selectFrom('eligibility_ground')
        .select('code')
        .where('tenant_id', '=', tenantId())
        .execute(),
    ]);
    const eligibilityCodes = grounds.map((g) => g.code);
    const thisYear = fiscalYearOf(gate.today());
    const parsed = parseProposalForm(fields, {
      fieldIds: taxonomies.fields.map((f) => f.id),
      conceptIds: taxonomies.concepts.map((c) => c.id),
      methodIds: taxonomies.methods.map((m) => m.id),
      eligibilityCodes,
      fiscalYears: Array.from({ length: 6 }, (_, i) => thisYear + i),
    });
    const errors: Record<string, string> = {
      ...uploadErrors,
      ...proposalFormErrors(t, parsed.errors),
    };
    const hasErrors = Object.keys(errors).length > 0;
    const autosave = fields.action?.[0] === 'autosave';
    const addRow = parsed.action === 'addIndicator' || parsed.action === 'addBurden';
    const rows = {
      extraIndicator: parsed.action === 'addIndicator',
      extraBurden: parsed.action === 'addBurden',
    };
    if (autosave && hasErrors) {
      return reply.code(400).send({ message: t.account.errorSummaryTitle });
    }
    // A new form with mistakes and no file kept yet: no draft is made until it is right.
    if (proposalId === null && (hasErrors || addRow)) {
      const challengeId = idFrom(fields.challenge);
      const found = challengeId > 0 ? await openCall(challengeId) : undefined;
      return formPage(
        request,
        reply,
        {
          action: '/proposals/new',
          values: { ...parsed.values, draftKey: fields.draftKey?.[0] ?? randomUUID() },
          errors,
          version: 0,
          kind: found?.call ? 'theme' : 'free',
          proposalId: null,
          challenge: found?.call
            ? {
                title: localize(
                  { ja: found.challenge.title_ja, en: found.challenge.title_en },
                  request.lang,
                ).text,
                closesOn: found.call.closes_on,
              }
            : undefined,
          ...rows,
        },
        hasErrors ? 400 : 200,
      );
    }
    const id = await ensureDraft();
    if (id === null) {
      return callClosedPage(request, reply);
    }

    // Marks chosen for the files just uploaded, then changes to the earlier ones.
    const uploadMarks = new Map(parsed.uploads.map((u) => [u.slot, u]));
    const changes: { id: number; disclosure: DisclosureMark; reason: string; remove: boolean }[] = [
      ...parsed.attachmentChanges,
      ...uploaded.map((u) => ({
        id: u.id,
        disclosure: uploadMarks.get(u.slot)?.disclosure ?? 'confidential',
        reason: uploadMarks.get(u.slot)?.reason ?? '',
        remove: false,
      })),
    ];
    if (changes.length > 0) {
      await updateAttachments(env(), author, id, changes);
    }

    const action = `/proposals/${id}/edit`;
    const opened = existingId === null ? 1 : parsed.version;
    if (hasErrors) {
      // Nothing of the text is saved until it is right; what was typed is shown again.
      const current = await loadProposal(db, tenantId(), id);
      return formPage(
        request,
        reply,
        {
          action,
          values: parsed.values,
          errors,
          version: existingId === null ? (current?.proposal.version ?? 1) : parsed.version,
          kind,
          proposalId: id,
          challenge,
          ...rows,
        },
        400,
      );
    }
    let saved = await saveDraft(env(), author, id, opened, parsed.content);
    if (!saved.ok) {
      // A second click of the same form: the draft already holds exactly this, or was
      // already submitted by the first click. Either way nothing is lost or doubled.
      const stored = await loadProposal(db, tenantId(), id);
      if (
        stored &&
        stored.proposal.receipt_number &&
        stored.proposal.state !== 'infoRequested' &&
        parsed.action === 'submit'
      ) {
        setNotice(request, t.proposalForm.submitted(stored.proposal.receipt_number));
        return redirectTo(request, reply, `/my/proposals/${id}`);
      }
      if (stored && sameContent(stored.content, parsed.content)) {
        saved = { ok: true, version: stored.proposal.version };
      }
    }
    if (fields.action?.[0] === 'autosave') {
      // The background save of the script: an answer for it, not a page.
      const time = new Intl.DateTimeFormat(request.lang === 'ja' ? 'ja-JP' : 'en-GB', {
        timeStyle: 'short',
        timeZone: gate.tenant().time_zone,
      }).format(gate.clock.now());
      return saved.ok
        ? reply
            .header('cache-control', 'no-store')
            .send({ version: saved.version, action: href(request.lang, action), time })
        : reply.code(409).send({ message: t.proposalForm.conflictShort });
    }
    if (!saved.ok) {
      if (saved.reason === 'notEditable') {
        throw new NotFound();
      }
      return formPage(
        request,
        reply,
        {
          action,
          values: parsed.values,
          errors,
          version: saved.currentVersion,
          kind,
          proposalId: id,
          challenge,
          conflict: true,
        },
        409,
      );
    }
    const rerender = (extra: Partial<FormPageInput>, status = 200) =>
      formPage(
        request,
        reply,
        {
          action,
          values: parsed.values,
          errors,
          version: saved.version,
          kind,
          proposalId: id,
          challenge,
          ...extra,
        },
        status,
      );
    if (addRow) {
      return rerender(rows);
    }
    if (parsed.action !== 'submit') {
      setNotice(request, t.proposalForm.saved(formatDate(gate.today(), request.lang)));
      return redirectTo(request, reply, action);
    }
    const signedIn = request.signedIn!;
    const result = await submitProposal(
      { ...env(), timeZone: gate.tenant().time_zone, publicUrl: gate.config.publicUrl },
      { ...author, lang: signedIn.user.lang },
      id,
      eligibilityCodes,
    );
    if (result.ok) {
      setNotice(request, t.proposalForm.submitted(result.receiptNumber));
      return redirectTo(request, reply, `/my/proposals/${id}`);
    }
    if (result.reason === 'callClosed') {
      const closedOn = formatDate(result.closesOn, request.lang);
      return rerender({ errors: { title: t.challenge.callClosedOn(closedOn) } }, 409);
    }
    if (result.reason === 'notSubmittable') {
      throw new NotFound();
    }
    if (result.reason === 'answerPending') {
      // The changes are kept; the answer to the city's questions is what resubmits it.
      setNotice(request, t.proposalForm.answerPending);
      return redirectTo(request, reply, `/my/proposals/${id}`);
    }
    return rerender({ errors: incompleteErrors(t, result.parts) }, 400);
  }

  localized(app, 'POST', '/proposals/new', async (request, reply) => save(request, reply, null));
  localized(app, 'POST', '/proposals/:id/edit', async (request, reply) => {
    const id = idFrom((request.params as { id?: string }).id);
    if (id === 0) {
      throw new NotFound();
    }
    return save(request, reply, id);
  });
}

import {
  departmentKinds,
  flattenTree,
  parentKindOf,
  type DepartmentKind,
  type DepartmentNode,
} from '../../../app/accounts/departments.ts';
import { formatMoment } from '../../../app/accounts/audit-query.ts';
import type { FormState } from '../../forms.ts';
import { href, type PageContext } from '../context.ts';
import { ActionButton, ErrorSummary, Form, RadioGroup, TextField } from '../forms.tsx';
import { Layout } from '../layout.tsx';
import {
  AdminMenu,
  AdminNotice,
  departmentName,
  departmentPath,
  GroupedSelect,
  Problem,
  type OptionGroup,
} from './parts.tsx';

/**
 * The possible parents, grouped by kind: active bureaus, then active departments. With
 * `kind`, only the kind that department may belong to. The current parent stays listed
 * even when archived, so that the form shows where the department is.
 */
function parentGroups(
  ctx: PageContext,
  tree: DepartmentNode[],
  kind: DepartmentKind | null,
  current: { id: number; parentId: number | null } | null = null,
): OptionGroup[] {
  const m = ctx.t.admin;
  const nodes = flattenTree(tree);
  const wanted: DepartmentKind[] =
    kind === null ? ['bureau', 'department'] : [parentKindOf[kind]].filter((k) => k !== null);
  return wanted.map((parentKind) => ({
    label: m.kindNames[parentKind],
    options: nodes
      .filter(
        (node) =>
          node.department.kind === parentKind &&
          node.department.id !== current?.id &&
          (node.department.archived_at === null || node.department.id === current?.parentId),
      )
      .map((node) => ({
        value: String(node.department.id),
        label: `${departmentPath(ctx, node)}${
          node.department.archived_at !== null ? m.archivedSuffix : ''
        }`,
      })),
  }));
}

function DepartmentFields(props: {
  ctx: PageContext;
  state: FormState;
  kind: DepartmentKind | null;
  groups: OptionGroup[];
}) {
  const { ctx, state } = props;
  const m = ctx.t.admin;
  return (
    <>
      {props.kind !== 'bureau' && (
        <GroupedSelect
          ctx={ctx}
          state={state}
          name="parentId"
          label={m.parent}
          hint={m.parentHint}
          blank={props.kind === null ? m.noParent : m.chooseDepartment}
          groups={props.groups}
          required={props.kind !== null}
        />
      )}
      <TextField
        ctx={ctx}
        state={state}
        name="code"
        label={m.code}
        hint={m.codeHint}
        required
        size="short"
        maxLength={64}
        autocomplete="off"
      />
      <TextField
        ctx={ctx}
        state={state}
        name="nameJa"
        label={m.nameJa}
        required
        autocomplete="off"
      />
      <TextField
        ctx={ctx}
        state={state}
        name="nameEn"
        label={m.nameEn}
        hint={m.nameEnHint}
        autocomplete="off"
      />
    </>
  );
}

function Tree(props: { ctx: PageContext; nodes: DepartmentNode[] }) {
  const { ctx } = props;
  const m = ctx.t.admin;
  return (
    <ul class="department-tree">
      {props.nodes.map(({ department, children }) => {
        const archived = department.archived_at !== null;
        const other = ctx.lang === 'ja' ? department.name_en : department.name_ja;
        return (
          <li class={archived ? 'department department-archived' : 'department'}>
            <div class="department-line">
              <span class="tag">{m.kindNames[department.kind]}</span>{' '}
              <a
                href={href(ctx.lang, `/admin/departments/${department.id}`)}
                aria-label={m.editDepartment(departmentName(ctx, department))}
              >
                {departmentName(ctx, department)}
              </a>
              {other && (
                <span class="department-other-name" lang={ctx.lang === 'ja' ? 'en' : 'ja'}>
                  {' '}
                  / {other}
                </span>
              )}{' '}
              <code>{department.code}</code>
              {archived && (
                <>
                  {' '}
                  <span class="tag tag-archived">{m.archived}</span>
                </>
              )}
            </div>
            {children.length > 0 && <Tree ctx={ctx} nodes={children} />}
          </li>
        );
      })}
    </ul>
  );
}

const addLabels = (ctx: PageContext) => {
  const m = ctx.t.admin;
  return { kind: m.kind, parentId: m.parent, code: m.code, nameJa: m.nameJa, nameEn: m.nameEn };
};

export function DepartmentsPage(props: {
  ctx: PageContext;
  tree: DepartmentNode[];
  state: FormState;
  notice?: string | undefined;
}) {
  const { ctx, tree, state } = props;
  const m = ctx.t.admin;
  return (
    <Layout ctx={ctx} title={m.sections.departments.title} lead={m.departmentsLead}>
      <AdminMenu ctx={ctx} />
      <AdminNotice notice={props.notice} />
      <ErrorSummary ctx={ctx} state={state} labels={addLabels(ctx)} />
      <h2>{m.treeHeading}</h2>
      {tree.length === 0 ? <p>{m.noDepartments}</p> : <Tree ctx={ctx} nodes={tree} />}

      <h2 id="add">{m.addHeading}</h2>
      <Form ctx={ctx} action={href(ctx.lang, '/admin/departments')} csrf={ctx.csrf!}>
        <RadioGroup
          ctx={ctx}
          state={state}
          name="kind"
          legend={m.kind}
          required
          options={departmentKinds.map((kind) => ({ value: kind, label: m.kindNames[kind] }))}
        />
        <DepartmentFields
          ctx={ctx}
          state={state}
          kind={null}
          groups={parentGroups(ctx, tree, null)}
        />
        <div class="button-row">
          <button type="submit" class="button">
            {m.addSubmit}
          </button>
        </div>
      </Form>
    </Layout>
  );
}

export function DepartmentPage(props: {
  ctx: PageContext;
  node: DepartmentNode;
  tree: DepartmentNode[];
  state: FormState;
  roleCount: number;
  notice?: string | undefined;
  problem?: string | undefined;
}) {
  const { ctx, node, tree, state } = props;
  const { department } = node;
  const m = ctx.t.admin;
  const name = departmentName(ctx, department);
  const archived = department.archived_at !== null;
  const activeChildren = node.children.some((child) => child.department.archived_at === null);
  return (
    <Layout ctx={ctx} title={m.editTitle(name)} lead={m.editLead}>
      <AdminMenu ctx={ctx} />
      <AdminNotice notice={props.notice} />
      {props.problem && <Problem ctx={ctx}>{props.problem}</Problem>}
      <ErrorSummary ctx={ctx} state={state} labels={addLabels(ctx)} />
      <dl class="facts">
        <dt>{m.kind}</dt>
        <dd>{m.kindNames[department.kind]}</dd>
        <dt>{m.parent}</dt>
        <dd>
          {node.ancestors.length === 0
            ? m.none
            : node.ancestors.map((d) => departmentName(ctx, d)).join(' > ')}
        </dd>
        <dt>{m.roles}</dt>
        <dd>{m.roleHolders(props.roleCount)}</dd>
        {archived && (
          <>
            <dt>{m.status}</dt>
            <dd>
              <span class="tag tag-archived">{m.archived}</span>{' '}
              {m.archivedOn(formatMoment(department.archived_at!, ctx.tenant.time_zone))}
            </dd>
          </>
        )}
      </dl>

      <Form
        ctx={ctx}
        action={href(ctx.lang, `/admin/departments/${department.id}`)}
        csrf={ctx.csrf!}
      >
        <DepartmentFields
          ctx={ctx}
          state={state}
          kind={department.kind}
          groups={parentGroups(ctx, tree, department.kind, {
            id: department.id,
            parentId: department.parent_id,
          })}
        />
        <div class="button-row">
          <button type="submit" class="button">
            {m.saveSubmit}
          </button>
          <a href={href(ctx.lang, '/admin/departments')}>{ctx.t.account.cancel}</a>
        </div>
      </Form>

      <h2>{m.archiveHeading}</h2>
      {archived ? (
        <>
          <p>{m.restoreLead}</p>
          <ActionButton
            action={href(ctx.lang, `/admin/departments/${department.id}/restore`)}
            csrf={ctx.csrf!}
            label={m.restore}
            tone="secondary"
          />
        </>
      ) : activeChildren ? (
        <p>{m.archiveBlocked}</p>
      ) : (
        <>
          <p>{m.archiveLead(props.roleCount)}</p>
          <ActionButton
            action={href(ctx.lang, `/admin/departments/${department.id}/archive`)}
            csrf={ctx.csrf!}
            label={m.archive}
            tone="danger"
          />
        </>
      )}
      <p>
        <a href={href(ctx.lang, '/admin/departments')}>{m.backToDepartments}</a>
      </p>
    </Layout>
  );
}

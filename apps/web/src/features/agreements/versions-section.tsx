import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeProblem, type Schemas } from '@/api';
import { Dialog, FormError, QueryState, Section, SelectField, TextAreaField, TextField } from '@/components';
import { Attachments } from '@/features/attachments';
import { formatInstant, todayIn } from '@/i18n/format';
import { GroupDate, useLocale } from './agreement-bits';
import type { AgreementContext } from './agreement-context';
import {
  SIGNATURE_METHODS,
  useAcceptVersion,
  useDiff,
  useExport,
  useOpenVersion,
  useProposeVersion,
  useSaveVersion,
  useSign,
  useVersion,
  useVersions,
  type SignatureMethod,
  type Version,
  type VersionSummary,
} from './api';

// The text (one version at a time), what can be done with it at its stage (edit, propose,
// accept, sign, export), the list of versions and a diff between any two.
export function VersionsSection({ ctx }: { ctx: AgreementContext }) {
  const { t } = useTranslation('agreements');
  const { agreement: a, groupId } = ctx;
  const versions = useVersions(groupId, a.id, ctx.full);
  const defaultId = a.openVersion?.id ?? a.currentVersion?.id;
  const [chosen, setChosen] = useState<string>('');
  const selectedId = chosen || defaultId;
  const version = useVersion(groupId, a.id, selectedId, a.sourceLocale);
  const items = versions.data?.items ?? [];
  return (
    <>
      <Section
        title={t('text.title')}
        id="agreement-text"
        actions={
          items.length > 1 ? (
            <SelectField
              label={t('text.showVersion')}
              value={selectedId ?? ''}
              onChange={(e) => setChosen(e.target.value)}
              options={items.map((v) => ({ value: v.id, label: versionLabel(v, t) }))}
            />
          ) : null
        }
      >
        {selectedId ? (
          <QueryState query={version}>{(v: Version) => <VersionText ctx={ctx} version={v} />}</QueryState>
        ) : (
          <p className="muted">{t('text.none')}</p>
        )}
      </Section>
      <Section
        title={t('versions.title')}
        id="agreement-versions"
        actions={
          ctx.canEdit && !a.openVersion && a.currentVersion ? (
            <OpenVersionDialog ctx={ctx} basedOn={a.currentVersion.number} />
          ) : null
        }
      >
        <QueryState query={versions}>
          {(page: Schemas['VersionPageDto']) => (
            <>
              <table className="table">
                <caption className="visually-hidden">{t('versions.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('versions.number')}</th>
                    <th scope="col">{t('versions.status')}</th>
                    <th scope="col">{t('versions.changeSummary')}</th>
                    <th scope="col">{t('versions.acceptances')}</th>
                    <th scope="col">{t('versions.signatures')}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((v) => (
                    <tr key={v.id}>
                      <td>{t('versions.numberValue', { number: v.number })}</td>
                      <td>{t(`versionStatus.${v.status}`)}</td>
                      <td>{v.changeSummary ?? ''}</td>
                      <td>
                        {t('versions.acceptedBy', { count: v.acceptances.length, total: a.parties.length })}
                      </td>
                      <td>{t('versions.signedBy', { count: v.signatures.length })}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {page.items.length > 1 ? <DiffView ctx={ctx} versions={page.items} /> : null}
            </>
          )}
        </QueryState>
      </Section>
    </>
  );
}

function versionLabel(v: VersionSummary, t: (k: string, o?: Record<string, unknown>) => string) {
  return t('versions.option', { number: v.number, status: t(`versionStatus.${v.status}`) });
}

function VersionText({ ctx, version: v }: { ctx: AgreementContext; version: Version }) {
  const { t } = useTranslation('agreements');
  const locale = useLocale();
  const { agreement: a, groupId, zone } = ctx;
  const propose = useProposeVersion(groupId);
  const accept = useAcceptVersion(groupId);
  const exporter = useExport();
  const myParty = a.parties.find((p) => p.organisation.id === ctx.myOrganisationId);
  const iAccepted = v.acceptances.some((x) => x.partyId === myParty?.id && x.revision === v.revision);
  const acting = propose.error ?? accept.error ?? exporter.error;
  const problem = acting ? describeProblem(acting, t, { 409: 'agreements:versions.conflict' }) : null;
  const fileName = `${a.title} v${v.number}`.replace(/[^\p{L}\p{N} _-]+/gu, '').trim() || 'agreement';
  return (
    <div>
      <p className="muted">
        {t('text.versionLine', {
          number: v.number,
          status: t(`versionStatus.${v.status}`),
          revision: v.revision,
        })}
        {v.agreedAt ? ` · ${t('text.agreedAt', { at: formatInstant(v.agreedAt, zone, locale) })}` : null}
        {v.proposedAt && !v.agreedAt
          ? ` · ${t('text.proposedAt', { at: formatInstant(v.proposedAt, zone, locale) })}`
          : null}
      </p>
      <FormError message={problem?.message} />
      <div className="button-row">
        {ctx.canEdit && v.status === 'draft' ? (
          <button
            type="button"
            className="button button--primary"
            disabled={propose.isPending}
            onClick={() => propose.mutate(v.id)}
          >
            {t('versions.propose')}
          </button>
        ) : null}
        {ctx.canEdit && v.status === 'proposed' && myParty && !iAccepted ? (
          <button
            type="button"
            className="button button--primary"
            disabled={accept.isPending}
            onClick={() => accept.mutate(v.id)}
          >
            {t('versions.accept', { party: myParty.organisation.name })}
          </button>
        ) : null}
        {ctx.canEdit && v.status === 'agreed' ? <SignDialog ctx={ctx} version={v} /> : null}
        <button
          type="button"
          className="button"
          disabled={exporter.isPending}
          onClick={() => exporter.mutate({ versionId: v.id, format: 'md', fileName })}
        >
          {t('export.md')}
        </button>
        <button
          type="button"
          className="button"
          disabled={exporter.isPending}
          onClick={() => exporter.mutate({ versionId: v.id, format: 'pdf', fileName })}
        >
          {t('export.pdf')}
        </button>
      </div>
      {v.status !== 'draft' ? (
        <>
          <h3>{t('versions.acceptancesTitle')}</h3>
          <ul className="plain-list">
            {a.parties.map((p) => {
              const acc = v.acceptances.find((x) => x.partyId === p.id);
              const sig = v.signatures.find((x) => x.partyId === p.id);
              return (
                <li key={p.id}>
                  {p.organisation.name}:{' '}
                  {acc
                    ? t('versions.acceptedAt', { at: formatInstant(acc.acceptedAt, zone, locale) })
                    : t('versions.notAccepted')}
                  {sig ? (
                    <>
                      {' · '}
                      {t('versions.signature', {
                        name: sig.signatoryName,
                        title: sig.signatoryTitle,
                        method: t(`method.${sig.method}`),
                      })}{' '}
                      <GroupDate date={sig.signedOn} zone={zone} />
                    </>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
      <h3>{t('text.clauses')}</h3>
      {v.clauses.length === 0 ? <p className="muted">{t('text.noClauses')}</p> : null}
      {v.clauses.map((c) => (
        <article key={c.id} className="clause" aria-labelledby={`clause-${c.id}`}>
          <h4 id={`clause-${c.id}`}>{t('clauseHeading', { key: c.key, heading: c.heading })}</h4>
          <p className="clause-body">{c.body}</p>
          {ctx.canEdit && v.status !== 'agreed' && v.status !== 'superseded' ? (
            <EditClauseDialog groupId={groupId} version={v} clauseKey={c.key} />
          ) : null}
        </article>
      ))}
      {v.annexes.length ? <h3>{t('text.annexes')}</h3> : null}
      {v.annexes.map((x) => (
        <article key={x.id} className="clause" aria-labelledby={`annex-${x.id}`}>
          <h4 id={`annex-${x.id}`}>{x.title}</h4>
          <p className="clause-body">{x.body}</p>
        </article>
      ))}
      {/* Signed copies and other files of this version. */}
      <Attachments
        ownerPath={`agreement-versions/${v.id}`}
        timeZone={zone}
        canUpload={ctx.canEdit}
        headingLevel={3}
      />
    </div>
  );
}

// Saves the whole text with one clause changed; a stale revision (someone saved meanwhile) is a 409.
function EditClauseDialog({
  groupId,
  version: v,
  clauseKey,
}: {
  groupId: string;
  version: Version;
  clauseKey: string;
}) {
  const { t } = useTranslation('agreements');
  const clause = v.clauses.find((c) => c.key === clauseKey)!;
  const [open, setOpen] = useState(false);
  const [heading, setHeading] = useState(clause.heading);
  const [body, setBody] = useState(clause.body);
  const save = useSaveVersion(groupId);
  const problem = save.error ? describeProblem(save.error, t, { 409: 'agreements:text.stale' }) : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(
      {
        versionId: v.id,
        expectedRevision: v.revision,
        clauses: v.clauses.map((c) =>
          c.key === clauseKey
            ? { key: c.key, heading, body }
            : { key: c.key, heading: c.heading, body: c.body },
        ),
        annexes: v.annexes.map((x) => ({ key: x.key, title: x.title, body: x.body })),
      },
      { onSuccess: () => setOpen(false) },
    );
  };
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (o) {
          setHeading(clause.heading);
          setBody(clause.body);
        } else save.reset();
      }}
      title={t('text.editTitle', { key: clauseKey })}
      description={v.status === 'proposed' ? t('text.editProposed') : undefined}
      trigger={
        <button type="button" className="button button--quiet">
          {t('text.edit', { key: clauseKey })}
        </button>
      }
    >
      <form className="form" onSubmit={submit}>
        <FormError message={problem?.message} />
        <TextField
          label={t('text.heading')}
          required
          maxLength={300}
          value={heading}
          onChange={(e) => setHeading(e.target.value)}
        />
        <TextAreaField
          label={t('text.body')}
          required
          rows={8}
          value={body}
          onChange={(e) => setBody(e.target.value)}
        />
        <button type="submit" className="button button--primary" disabled={save.isPending}>
          {t('text.save')}
        </button>
      </form>
    </Dialog>
  );
}

function SignDialog({ ctx, version: v }: { ctx: AgreementContext; version: Version }) {
  const { t } = useTranslation('agreements');
  const { agreement: a, groupId, zone } = ctx;
  const unsigned = a.parties.filter((p) => !v.signatures.some((s) => s.partyId === p.id));
  const [open, setOpen] = useState(false);
  const [partyId, setPartyId] = useState('');
  const [name, setName] = useState('');
  const [title, setTitle] = useState('');
  const [signedOn, setSignedOn] = useState(() => todayIn(zone));
  const [method, setMethod] = useState<SignatureMethod>('wet_ink');
  const sign = useSign(groupId);
  if (unsigned.length === 0) return null;
  const party = partyId || unsigned[0].id;
  const problem = sign.error ? describeProblem(sign.error, t) : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    sign.mutate(
      { versionId: v.id, partyId: party, signatoryName: name, signatoryTitle: title, signedOn, method },
      {
        onSuccess: () => {
          setOpen(false);
          setPartyId('');
          setName('');
          setTitle('');
        },
      },
    );
  };
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      onClose={sign.reset}
      title={t('sign.title')}
      description={t('sign.hint')}
      trigger={
        <button type="button" className="button button--primary">
          {t('sign.open')}
        </button>
      }
    >
      <form className="form" onSubmit={submit}>
        <FormError message={problem?.message} />
        <SelectField
          label={t('sign.party')}
          value={party}
          onChange={(e) => setPartyId(e.target.value)}
          options={unsigned.map((p) => ({ value: p.id, label: p.organisation.name }))}
        />
        <TextField
          label={t('sign.name')}
          required
          maxLength={200}
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={problem?.fields.signatoryName}
        />
        <TextField
          label={t('sign.signatoryTitle')}
          required
          maxLength={200}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          error={problem?.fields.signatoryTitle}
        />
        <TextField
          label={t('sign.signedOn', { zone })}
          type="date"
          required
          value={signedOn}
          onChange={(e) => setSignedOn(e.target.value)}
          error={problem?.fields.signedOn}
        />
        <SelectField
          label={t('sign.method')}
          value={method}
          onChange={(e) => setMethod(e.target.value as SignatureMethod)}
          options={SIGNATURE_METHODS.map((m) => ({ value: m, label: t(`method.${m}`) }))}
        />
        <button type="submit" className="button button--primary" disabled={sign.isPending}>
          {t('sign.submit')}
        </button>
      </form>
    </Dialog>
  );
}

function OpenVersionDialog({ ctx, basedOn }: { ctx: AgreementContext; basedOn: number }) {
  const { t } = useTranslation('agreements');
  const [open, setOpen] = useState(false);
  const [summary, setSummary] = useState('');
  const openVersion = useOpenVersion(ctx.groupId, ctx.agreement.id);
  const problem = openVersion.error
    ? describeProblem(openVersion.error, t, { 409: 'agreements:versions.openConflict' })
    : null;
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      onClose={openVersion.reset}
      title={t('versions.openTitle', { number: basedOn })}
      trigger={
        <button type="button" className="button">
          {t('versions.open')}
        </button>
      }
    >
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          openVersion.mutate(
            { basedOnVersion: basedOn, changeSummary: summary },
            { onSuccess: () => setOpen(false) },
          );
        }}
      >
        <FormError message={problem?.message} />
        <TextField
          label={t('versions.changeSummary')}
          required
          maxLength={1000}
          value={summary}
          onChange={(e) => setSummary(e.target.value)}
          error={problem?.fields.changeSummary}
        />
        <button type="submit" className="button button--primary" disabled={openVersion.isPending}>
          {t('versions.openSubmit')}
        </button>
      </form>
    </Dialog>
  );
}

function DiffView({ ctx, versions }: { ctx: AgreementContext; versions: VersionSummary[] }) {
  const { t } = useTranslation('agreements');
  // Newest first: compare the latest with the one before it, by default.
  const [to, setTo] = useState(versions[0].id);
  const [from, setFrom] = useState(versions[1].id);
  const diff = useDiff(ctx.groupId, ctx.agreement.id, to, from);
  const options = versions.map((v) => ({ value: v.id, label: versionLabel(v, t) }));
  return (
    <div className="diff">
      <h3>{t('diff.title')}</h3>
      <div className="filters">
        <SelectField
          label={t('diff.from')}
          value={from}
          onChange={(e) => setFrom(e.target.value)}
          options={options}
        />
        <SelectField
          label={t('diff.to')}
          value={to}
          onChange={(e) => setTo(e.target.value)}
          options={options}
        />
      </div>
      {to === from ? (
        <p className="muted">{t('diff.same')}</p>
      ) : (
        <QueryState query={diff}>
          {(d: Schemas['VersionDiffDto']) => {
            const changed = [...d.clauses, ...d.annexes].filter((c) => c.change !== 'unchanged');
            return changed.length === 0 ? (
              <p className="muted">{t('diff.noChange')}</p>
            ) : (
              <ul className="plain-list">
                {changed.map((c) => (
                  <li key={c.key} className="clause">
                    <h4>
                      {t('clauseHeading', { key: c.key, heading: sectionHeading(c.after ?? c.before) })}{' '}
                      <span className="badge">{t(`diff.change.${c.change}`)}</span>
                    </h4>
                    {c.change === 'changed' ? (
                      <>
                        {c.headingChanged ? (
                          <p>
                            <del>{sectionHeading(c.before)}</del> <ins>{sectionHeading(c.after)}</ins>
                          </p>
                        ) : null}
                        {c.bodyChanged ? (
                          <p className="clause-body">
                            {c.bodyChanges.map((p, i) =>
                              p.op === 'insert' ? (
                                <ins key={i}>{p.text}</ins>
                              ) : p.op === 'delete' ? (
                                <del key={i}>{p.text}</del>
                              ) : (
                                <span key={i}>{p.text}</span>
                              ),
                            )}
                          </p>
                        ) : null}
                      </>
                    ) : (
                      <p className="clause-body">{sectionBody(c.change === 'added' ? c.after : c.before)}</p>
                    )}
                  </li>
                ))}
              </ul>
            );
          }}
        </QueryState>
      )}
    </div>
  );
}

function sectionHeading(section: object | null): string {
  const s = (section ?? {}) as { heading?: string; title?: string };
  return s.heading ?? s.title ?? '';
}

function sectionBody(section: object | null): string {
  return ((section ?? {}) as { body?: string }).body ?? '';
}

import { useParams } from '@tanstack/react-router';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { describeProblem } from '@/api';
import { Attachments } from '@/features/attachments';
import { Dialog, FormError, QueryState, Section, SelectField, TextAreaField, TextField } from '@/components';
import { formatInstant } from '@/i18n/format';
import { intlLocale } from '@/i18n/languages';
import {
  CATEGORIES,
  METHODS,
  outcomesFor,
  TRANSFERS,
  useCreateEquipmentRequest,
  useEquipmentAction,
  useEquipmentRequests,
  useGroupOrganisations,
  useSites,
  type EquipmentAction,
  type EquipmentRequest,
  type ItemCategory,
  type ManualStatus,
  type MonitoringMethod,
  type Outcome,
  type Transfer,
} from './api';
import { EngagementFrame } from './engagement-frame';
import { useGroupTimezone } from './use-group-timezone';

export function EquipmentPage() {
  const { t } = useTranslation('engagement');
  const { groupId } = useParams({ from: '/app/groups/$groupId/engagement/equipment' });
  const requests = useEquipmentRequests(groupId);
  return (
    <EngagementFrame groupId={groupId}>
      <Section title={t('equipment.title')} id="equipment" actions={<NewRequestDialog groupId={groupId} />}>
        <p className="muted">{t('equipment.intro')}</p>
        <QueryState query={requests}>
          {({ items }) =>
            items.length === 0 ? (
              <p className="muted">{t('equipment.none')}</p>
            ) : (
              <ul className="card-list">
                {items.map((r) => (
                  <RequestCard key={r.id} groupId={groupId} request={r} />
                ))}
              </ul>
            )
          }
        </QueryState>
      </Section>
    </EngagementFrame>
  );
}

function RequestCard({ groupId, request: r }: { groupId: string; request: EquipmentRequest }) {
  const { t, i18n } = useTranslation('engagement');
  const locale = intlLocale(i18n.resolvedLanguage ?? i18n.language);
  const timezone = useGroupTimezone(groupId);
  const when = (at: string) => formatInstant(at, timezone, locale, { dateOnly: true });
  const headingId = `request-${r.id}`;
  return (
    <li className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('equipment.cardTitle', { organisation: r.requestingOrganisation.name })}</h3>
      <p>
        <span className="chip">{t(`status.${r.status}`)}</span>
        {r.hasLethalItem ? <span className="chip">{t('equipment.lethal')}</span> : null}
      </p>
      <p>{r.purpose}</p>
      <dl className="facts">
        <dt>{t('fields.site')}</dt>
        <dd>{r.site?.name ?? t('fields.noSite')}</dd>
        <dt>{t('equipment.deciding')}</dt>
        <dd>{r.decidingOrganisation.name}</dd>
        <dt>{t('equipment.received')}</dt>
        <dd>{when(r.createdAt)}</dd>
      </dl>
      <table className="table">
        <caption>{t('equipment.items')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('item.category')}</th>
            <th scope="col">{t('item.description')}</th>
            <th scope="col">{t('item.quantity')}</th>
            <th scope="col">{t('item.transfer')}</th>
          </tr>
        </thead>
        <tbody>
          {r.items.map((i) => (
            <tr key={i.id}>
              <td>{t(`category.${i.category}`)}</td>
              <td>{i.description}</td>
              <td>{i.quantity}</td>
              <td>{t(`transfer.${i.transfer}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {r.decision ? (
        <dl className="facts">
          <dt>{t('decision.outcome')}</dt>
          <dd>{t(`status.${r.decision.outcome}`)}</dd>
          <dt>{t('decision.rationale')}</dt>
          <dd>{r.decision.rationale}</dd>
          {r.decision.conditions ? (
            <>
              <dt>{t('decision.conditions')}</dt>
              <dd>{r.decision.conditions}</dd>
            </>
          ) : null}
          <dt>{t('decision.decidedAt')}</dt>
          <dd>{when(r.decision.decidedAt)}</dd>
        </dl>
      ) : null}
      {/* The request's own files (the letter, the signed handover receipt): as visible as the request. */}
      <Attachments
        ownerPath={`equipment-requests/${r.id}`}
        timeZone={timezone}
        canUpload={r.may.attach}
        headingLevel={4}
      />
      {r.monitoring.length ? (
        <>
          <h4>{t('monitoring.title')}</h4>
          <ul>
            {r.monitoring.map((m) => (
              <li key={m.id}>
                {t('monitoring.entry', {
                  method: t(`method.${m.method}`),
                  date: when(m.createdAt),
                  finding: m.finding,
                })}
                {/* As visible as the request; the deciding company and the requester may add files. */}
                <Attachments
                  ownerPath={`equipment-monitoring/${m.id}`}
                  timeZone={timezone}
                  canUpload={r.may.monitor}
                  headingLevel={4}
                />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <div className="button-row">
        {r.may.assess && r.status === 'received' ? <AssessDialog groupId={groupId} request={r} /> : null}
        {r.may.decide ? <DecideDialog groupId={groupId} request={r} /> : null}
        {r.may.move && (r.status === 'approved' || r.status === 'approved_with_conditions') ? (
          <StatusDialog groupId={groupId} request={r} to="handed_over" />
        ) : null}
        {r.may.monitor ? <MonitoringDialog groupId={groupId} request={r} /> : null}
        {r.may.move && (r.status === 'handed_over' || r.status === 'monitoring') ? (
          <>
            <StatusDialog groupId={groupId} request={r} to="returned" />
            <StatusDialog groupId={groupId} request={r} to="closed" />
          </>
        ) : null}
        {r.may.withdraw ? <StatusDialog groupId={groupId} request={r} to="withdrawn" /> : null}
      </div>
    </li>
  );
}

// A dialog around one action on a request; closes when the server accepts it.
function ActionDialog({
  groupId,
  request,
  title,
  open: openLabel,
  build,
  children,
}: {
  groupId: string;
  request: EquipmentRequest;
  title: string;
  open: string;
  build: () => EquipmentAction;
  children: (problem: ReturnType<typeof describeProblem> | null) => ReactNode;
}) {
  const { t } = useTranslation('engagement');
  const [open, setOpen] = useState(false);
  const action = useEquipmentAction(groupId, request.id);
  const problem = action.error ? describeProblem(action.error, t) : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    action.mutate(build(), {
      onSuccess: () => {
        setOpen(false);
        action.reset();
      },
    });
  };
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      onClose={action.reset}
      title={title}
      description={t('equipment.cardTitle', { organisation: request.requestingOrganisation.name })}
      trigger={
        <button type="button" className="button">
          {openLabel}
        </button>
      }
    >
      <form className="form" onSubmit={submit}>
        <FormError message={problem?.message} />
        {children(problem)}
        <button type="submit" className="button button--primary" disabled={action.isPending}>
          {t('actions.save')}
        </button>
      </form>
    </Dialog>
  );
}

function AssessDialog({ groupId, request }: { groupId: string; request: EquipmentRequest }) {
  const { t } = useTranslation('engagement');
  const [risks, setRisks] = useState('');
  const [alternatives, setAlternatives] = useState('');
  return (
    <ActionDialog
      groupId={groupId}
      request={request}
      title={t('assess.title')}
      open={t('assess.open')}
      build={() => ({ kind: 'assessment', body: { risks, alternativesConsidered: alternatives } })}
    >
      {(problem) => (
        <>
          <TextAreaField
            label={t('decision.risks')}
            required
            value={risks}
            onChange={(e) => setRisks(e.target.value)}
            error={problem?.fields.risks}
          />
          <TextAreaField
            label={t('decision.alternatives')}
            required
            value={alternatives}
            onChange={(e) => setAlternatives(e.target.value)}
            error={problem?.fields.alternativesConsidered}
          />
        </>
      )}
    </ActionDialog>
  );
}

function DecideDialog({ groupId, request }: { groupId: string; request: EquipmentRequest }) {
  const { t } = useTranslation('engagement');
  const outcomes = outcomesFor(request);
  const [outcome, setOutcome] = useState<Outcome>(outcomes[0]);
  const [risks, setRisks] = useState(request.assessment?.risks ?? '');
  const [alternatives, setAlternatives] = useState(request.assessment?.alternativesConsidered ?? '');
  const [conditions, setConditions] = useState('');
  const [rationale, setRationale] = useState('');
  return (
    <ActionDialog
      groupId={groupId}
      request={request}
      title={t('decision.title')}
      open={t('decision.open')}
      build={() => ({
        kind: 'decision',
        body: {
          outcome,
          risks,
          alternativesConsidered: alternatives,
          rationale,
          ...(conditions.trim() ? { conditions } : {}),
        },
      })}
    >
      {(problem) => (
        <>
          {request.hasLethalItem ? (
            <p className="notice notice--warn">{t('decision.lethalOnlyDecline')}</p>
          ) : null}
          <SelectField
            label={t('decision.outcome')}
            value={outcome}
            onChange={(e) => setOutcome(e.target.value as Outcome)}
            options={outcomes.map((o) => ({ value: o, label: t(`status.${o}`) }))}
            error={problem?.fields.outcome}
          />
          <TextAreaField
            label={t('decision.risks')}
            required
            value={risks}
            onChange={(e) => setRisks(e.target.value)}
            error={problem?.fields.risks}
          />
          <TextAreaField
            label={t('decision.alternatives')}
            required
            value={alternatives}
            onChange={(e) => setAlternatives(e.target.value)}
            error={problem?.fields.alternativesConsidered}
          />
          {outcome === 'approved_with_conditions' ? (
            <TextAreaField
              label={t('decision.conditions')}
              required
              value={conditions}
              onChange={(e) => setConditions(e.target.value)}
              error={problem?.fields.conditions}
            />
          ) : null}
          <TextAreaField
            label={t('decision.rationale')}
            required
            value={rationale}
            onChange={(e) => setRationale(e.target.value)}
            error={problem?.fields.rationale}
          />
        </>
      )}
    </ActionDialog>
  );
}

function StatusDialog({
  groupId,
  request,
  to,
}: {
  groupId: string;
  request: EquipmentRequest;
  to: ManualStatus;
}) {
  const { t } = useTranslation('engagement');
  const [note, setNote] = useState('');
  return (
    <ActionDialog
      groupId={groupId}
      request={request}
      title={t(`move.${to}`)}
      open={t(`move.${to}`)}
      build={() => ({ kind: 'status', body: { to, note } })}
    >
      {(problem) => (
        <TextAreaField
          label={t('move.note')}
          required
          value={note}
          onChange={(e) => setNote(e.target.value)}
          error={problem?.fields.note}
        />
      )}
    </ActionDialog>
  );
}

function MonitoringDialog({ groupId, request }: { groupId: string; request: EquipmentRequest }) {
  const { t } = useTranslation('engagement');
  const [method, setMethod] = useState<MonitoringMethod>('inspection');
  const [finding, setFinding] = useState('');
  return (
    <ActionDialog
      groupId={groupId}
      request={request}
      title={t('monitoring.record')}
      open={t('monitoring.record')}
      build={() => ({ kind: 'monitoring', body: { method, finding } })}
    >
      {(problem) => (
        <>
          <SelectField
            label={t('monitoring.method')}
            value={method}
            onChange={(e) => setMethod(e.target.value as MonitoringMethod)}
            options={METHODS.map((m) => ({ value: m, label: t(`method.${m}`) }))}
          />
          <TextAreaField
            label={t('monitoring.finding')}
            required
            value={finding}
            onChange={(e) => setFinding(e.target.value)}
            error={problem?.fields.finding}
          />
          <p className="muted">{t('monitoring.nonComplianceHint')}</p>
        </>
      )}
    </ActionDialog>
  );
}

interface ItemDraft {
  category: ItemCategory;
  description: string;
  quantity: string;
  transfer: Transfer;
}

const emptyItem = (): ItemDraft => ({
  category: 'fuel',
  description: '',
  quantity: '1',
  transfer: 'donation',
});

function NewRequestDialog({ groupId }: { groupId: string }) {
  const { t } = useTranslation('engagement');
  const [open, setOpen] = useState(false);
  const create = useCreateEquipmentRequest(groupId);
  const organisations = useGroupOrganisations(groupId);
  const sites = useSites(groupId);
  const orgs = organisations.data ?? [];
  const [siteId, setSiteId] = useState('');
  const [requesting, setRequesting] = useState('');
  const [deciding, setDeciding] = useState('');
  const [purpose, setPurpose] = useState('');
  const [items, setItems] = useState<ItemDraft[]>([emptyItem()]);
  const problem = create.error ? describeProblem(create.error, t) : null;
  const requestingId = requesting || orgs.find((o) => o.kind === 'public_security')?.id || orgs[0]?.id || '';
  const companies = orgs.filter((o) => o.kind === 'company');
  const decidingId = deciding || companies[0]?.id || '';
  const setItem = (i: number, patch: Partial<ItemDraft>) =>
    setItems(items.map((item, n) => (n === i ? { ...item, ...patch } : item)));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      {
        requestingOrganisationId: requestingId,
        purpose,
        items: items.map((i) => ({ ...i, quantity: Number(i.quantity) })),
        ...(siteId ? { siteId } : { decidingOrganisationId: decidingId }),
      },
      {
        onSuccess: () => {
          setOpen(false);
          setPurpose('');
          setItems([emptyItem()]);
          create.reset();
        },
      },
    );
  };
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      onClose={create.reset}
      title={t('equipment.newTitle')}
      description={t('equipment.newDescription')}
      trigger={
        <button type="button" className="button button--primary">
          {t('equipment.new')}
        </button>
      }
    >
      <form className="form" onSubmit={submit}>
        <FormError message={problem?.message} />
        <SelectField
          label={t('equipment.requesting')}
          value={requestingId}
          onChange={(e) => setRequesting(e.target.value)}
          options={orgs.map((o) => ({ value: o.id, label: o.name }))}
          error={problem?.fields.requestingOrganisationId}
        />
        <SelectField
          label={t('fields.site')}
          value={siteId}
          onChange={(e) => setSiteId(e.target.value)}
          options={[
            { value: '', label: t('fields.noSite') },
            ...(sites.data?.items ?? []).map((s) => ({ value: s.id, label: s.name })),
          ]}
          hint={t('equipment.siteHint')}
          error={problem?.fields.siteId}
        />
        {siteId ? null : (
          <SelectField
            label={t('equipment.deciding')}
            value={decidingId}
            onChange={(e) => setDeciding(e.target.value)}
            options={companies.map((o) => ({ value: o.id, label: o.name }))}
            error={problem?.fields.decidingOrganisationId}
          />
        )}
        <TextAreaField
          label={t('equipment.purpose')}
          required
          value={purpose}
          onChange={(e) => setPurpose(e.target.value)}
          error={problem?.fields.purpose}
        />
        {items.map((item, i) => (
          <fieldset key={i} className="field">
            <legend>{t('item.legend', { n: i + 1 })}</legend>
            <SelectField
              label={t('item.category')}
              value={item.category}
              onChange={(e) => setItem(i, { category: e.target.value as ItemCategory })}
              options={CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))}
              error={problem?.fields[`items.${i}.category`]}
            />
            <TextField
              label={t('item.description')}
              required
              value={item.description}
              onChange={(e) => setItem(i, { description: e.target.value })}
              error={problem?.fields[`items.${i}.description`]}
            />
            <TextField
              label={t('item.quantity')}
              type="number"
              min={1}
              required
              value={item.quantity}
              onChange={(e) => setItem(i, { quantity: e.target.value })}
              error={problem?.fields[`items.${i}.quantity`]}
            />
            <SelectField
              label={t('item.transfer')}
              value={item.transfer}
              onChange={(e) => setItem(i, { transfer: e.target.value as Transfer })}
              options={TRANSFERS.map((x) => ({ value: x, label: t(`transfer.${x}`) }))}
            />
          </fieldset>
        ))}
        <button type="button" className="button" onClick={() => setItems([...items, emptyItem()])}>
          {t('item.add')}
        </button>
        <button type="submit" className="button button--primary" disabled={create.isPending}>
          {t('equipment.create')}
        </button>
      </form>
    </Dialog>
  );
}

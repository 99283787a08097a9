/** Rows → the views of allocation.schema.ts: what the public, applicants and staff see. */
import { maskText } from '../text/pii.js';
import { regionOf } from '../prereview/validators/divisions.js';
import { ALGORITHM_DESCRIPTION, ALGORITHM_ID, type QualifiedEntry } from './algorithm.js';
import type { ApplicationRow, ObjectionRow, RoundRow } from './allocation.repository.js';
import { ROUND_STATUS_LABELS, type EligibilityRule, type Group, type PublicRound, type RoundStatus, type RoundSummary } from './allocation.schema.js';
import { ruleLabel } from './eligibility.js';

const BEIJING = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** A stored UTC instant as citizens read it: "2026-12-01 09:00（北京时间）". */
export const beijingTime = (iso: string) => `${BEIJING.format(new Date(iso))}（北京时间）`;

export const parseRules = (r: RoundRow) => JSON.parse(r.rules) as EligibilityRule[];
export const parseGroups = (r: RoundRow) => JSON.parse(r.groups) as Group[];
export const parseQualified = (r: RoundRow) => (r.qualified_list ? (JSON.parse(r.qualified_list) as QualifiedEntry[]) : null);

export function presentRoundSummary(r: RoundRow): RoundSummary {
  return {
    id: r.id,
    title: r.title,
    resourceName: r.resource_name,
    resourceKind: r.resource_kind,
    slots: r.slots,
    status: r.status as RoundStatus,
    statusLabel: ROUND_STATUS_LABELS[r.status as RoundStatus],
    registrationOpensAt: r.registration_opens_at,
    registrationClosesAt: r.registration_closes_at,
    applicants: r.applicant_seq,
    createdAt: r.created_at,
  };
}

/** The public page: the secret appears only once the round is drawn. */
export function presentPublicRound(r: RoundRow, results: Array<{ application_no: string; rank: number; group_name: string | null; selected: number }> | null): PublicRound {
  const rules = parseRules(r);
  const drawn = r.status === 'drawn';
  return {
    ...presentRoundSummary(r),
    description: r.description,
    rules,
    ruleLabels: rules.map(ruleLabel),
    groups: parseGroups(r),
    algorithm: { id: ALGORITHM_ID, description: ALGORITHM_DESCRIPTION },
    qualified: parseQualified(r),
    listHash: r.list_hash,
    listPublishedAt: r.list_published_at,
    commitment: r.commitment,
    committedAt: r.committed_at,
    secret: drawn ? r.secret : null,
    publicValue: drawn ? r.public_value : null,
    seed: drawn ? r.seed : null,
    drawnAt: r.drawn_at,
    results: drawn && results ? results.map((x) => ({ applicationNo: x.application_no, rank: x.rank, group: x.group_name, selected: x.selected === 1 })) : null,
  };
}

export function presentApplicationSummary(a: ApplicationRow) {
  return {
    applicationNo: a.application_no,
    name: a.name,
    status: a.status as 'pending' | 'qualified' | 'unqualified',
    suggestion: a.suggestion as 'qualified' | 'unqualified' | 'uncertain',
    claimedGroup: a.claimed_group,
    group: a.group_name,
    createdAt: a.created_at,
  };
}

/**
 * The reviewer's view: the ID number and phone masked (the full number is a separate, audited
 * step). The birth date and the 发证地 are shown for the age and 户籍 checks, so the mask hides
 * the last four as well: with them the whole number could be rebuilt, and they are the
 * applicant's key to the lookup and objections.
 */
export function presentApplicationDetail(a: ApplicationRow) {
  return {
    ...presentApplicationSummary(a),
    roundId: a.round_id,
    idNumberMasked: '*'.repeat(18),
    birthDate: a.birth_date,
    phoneMasked: maskText(a.phone),
    householdDivision: a.household_division,
    householdRegion: regionOf(a.household_division)?.name ?? null,
    householdSince: a.household_since,
    income: a.income,
    holding: a.holding_declared === 1,
    checks: JSON.parse(a.checks),
  };
}

export function presentObjection(o: ObjectionRow) {
  return {
    id: o.id,
    roundId: o.round_id,
    applicationNo: o.application_no,
    kind: o.kind as 'eligibility' | 'result' | 'other',
    text: o.text,
    status: o.status as 'open' | 'upheld' | 'dismissed',
    reply: o.reply,
    decidedBy: o.decided_by,
    decidedAt: o.decided_at,
    createdAt: o.created_at,
  };
}

import { NETWORK_ROLES, type NetworkRole } from "@/lib/enums";

/**
 * The one role -> permission map. Each feature adds its permissions here; anything not listed
 * is refused (can() fails closed on unknown roles and permissions).
 */
export const PERMISSIONS = {
  "dashboard.read": ["network_admin", "centre_coordinator", "pi", "site_staff", "monitor", "biobank_manager", "viewer"],
  "centre.read": ["network_admin", "centre_coordinator", "pi", "site_staff", "monitor", "biobank_manager", "viewer", "molecular_lab"],
  "centre.manage": ["network_admin", "centre_coordinator"],
  "user.read": ["network_admin", "centre_coordinator"],
  "user.manage": ["network_admin", "centre_coordinator"],
  "audit.read": ["network_admin", "centre_coordinator"],
  "audit.verify": ["network_admin", "centre_coordinator"],
  "study.read": ["network_admin", "centre_coordinator", "pi", "site_staff", "monitor", "biobank_manager", "viewer"],
  "study.create": ["network_admin", "pi"],
  /** Role gate only: the handler also requires the study's own PI (or a network admin). */
  "study.manage": ["network_admin", "pi"],
  "biobank.read": ["network_admin", "centre_coordinator", "pi", "site_staff", "biobank_manager", "viewer"],
  "biobank.specimens.read": ["network_admin", "centre_coordinator", "pi", "site_staff", "biobank_manager"],
  "biobank.specimen.register": ["network_admin", "site_staff", "biobank_manager"],
  "biobank.specimen.handle": ["network_admin", "site_staff", "biobank_manager"],
  "biobank.specimen.status": ["network_admin", "biobank_manager"],
  "biobank.storage.manage": ["network_admin", "site_staff", "biobank_manager"],
  "biobank.transfer.manage": ["network_admin", "site_staff", "biobank_manager"],
  "biobank.release.request": ["network_admin", "pi", "biobank_manager"],
  "biobank.release.decide": ["biobank_manager"],
  /** Participant-level rows (screening log, participants): never viewers. */
  "participant.read": ["network_admin", "centre_coordinator", "pi", "site_staff", "monitor"],
  /** Site work: the handlers also require the actor's own centre's site (lib/enrolment). */
  "participant.screen": ["site_staff"],
  "participant.enrol": ["site_staff"],
  "participant.withdraw": ["site_staff"],
  "participant.transfer": ["site_staff"],
  /** Role gate only: the handler requires the study's own PI (or a network admin). */
  "participant.unblind": ["network_admin", "pi"],
  /** Aggregate CONSORT flow (no participant rows). */
  "consort.read": ["network_admin", "centre_coordinator", "pi", "site_staff", "monitor", "viewer"],
  /** Follow-up (visits, AEs, queries, history): participant-level, so never viewers or biobank managers. */
  "followup.read": ["network_admin", "centre_coordinator", "pi", "site_staff", "monitor"],
  /** Visits, AEs, enrolment-data corrections, query answers: handlers require the participant's current site. */
  "followup.record": ["site_staff"],
  /** Role gate only: handlers require a monitor on the study team or the study's PI. */
  "followup.query": ["pi", "monitor"],
  /** Source data verification: handlers require a monitor on the study team. */
  "followup.verify": ["monitor"],
  /** Molecular test orders and results: participant-level (lib/molecular/scope.ts), never viewers. */
  "molecular.read": ["network_admin", "centre_coordinator", "pi", "site_staff", "monitor", "molecular_lab"],
  /** Role gate only: the handler requires the participant's own site or the study's PI. */
  "molecular.order": ["site_staff", "pi"],
  /** Lab work (receive, analyse, import results, report, fail): handlers require the order's lab centre. */
  "molecular.lab": ["molecular_lab"],
  /** Export of a study's results as CSV: handlers scope the rows and require an HGR approval number for germline or abroad. */
  "molecular.export": ["network_admin", "centre_coordinator", "pi", "site_staff"],
  /** Form definitions of a study (no participant data): whoever sees the study. */
  "crf.read": ["network_admin", "centre_coordinator", "pi", "site_staff", "monitor", "viewer"],
  /** Role gate only: handlers require the study's PI or a data manager on its team (lib/crf/scope.ts). */
  "crf.design": ["pi", "centre_coordinator", "site_staff", "monitor"],
  /** Form data entry: handlers require the participant's current site (site staff) or the study's PI (lib/crf/scope.ts). */
  "crf.enter": ["site_staff", "pi"],
  /** Source data verification of a form: handlers require a monitor on the study team or the study's PI. */
  "crf.verify": ["monitor", "pi"],
  /** Analysis exports of a study's form data (participant-level, never viewers): handlers require the study in lib/exchange/scope.ts. */
  "exchange.export": ["network_admin", "centre_coordinator", "pi", "site_staff", "monitor"],
  "notification.read": ["network_admin", "centre_coordinator", "pi", "site_staff", "monitor", "biobank_manager", "viewer", "molecular_lab"],
  "profile.update": ["network_admin", "centre_coordinator", "pi", "site_staff", "monitor", "biobank_manager", "viewer", "molecular_lab"],
} as const satisfies Record<string, readonly NetworkRole[]>;

export type Permission = keyof typeof PERMISSIONS;

export const ROLES: readonly NetworkRole[] = NETWORK_ROLES;

/** Roles whose reach is the whole network; only a network admin may grant them. */
export const NETWORK_WIDE_ROLES: readonly NetworkRole[] = ["network_admin", "viewer"];

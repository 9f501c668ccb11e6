/**
 * Words both views of the care circle share: a person's name (or "Someone" when they gave
 * none), a member's line with what is shared, the list of members, the lead a view may
 * start with, and the words that close a view.
 */
import type { CareLinkMember } from '../../src/care-circle/care-links.js';
import type { TFunction } from '../../src/i18n/i18n.js';

/** Said before a view, in the same message ("Done: …"). */
export interface LeadOptions {
  lead?: string;
}

/** Whose view a member line is written for: the patient's or the caregiver's. */
export type CircleView = 'patient' | 'caregiver';

/** "Done" in both views: the button's value first, then typed words (normalised). */
export const DONE_PHRASES = [
  'care:done',
  'done',
  'back',
  'nothing',
  'listo',
  'volver',
  'nada',
] as const;

// The patient's view lists their caregivers, the caregiver's view their patients.
const MEMBERS_KEYS: Record<CircleView, { member: string; list: string; empty: string }> = {
  patient: {
    member: 'care-circle:patient.member',
    list: 'care-circle:patient.list',
    empty: 'care-circle:patient.empty',
  },
  caregiver: {
    member: 'care-circle:patients.member',
    list: 'care-circle:patients.intro',
    empty: 'care-circle:patients.empty',
  },
};

/** The member's name as they gave it. */
export function nameOf(member: Pick<CareLinkMember, 'display_name'>, t: TFunction): string {
  return member.display_name ?? t('care-circle:someone');
}

/** "• Maria" and one line per permission, worded for `view`. */
export function describeMember(view: CircleView, member: CareLinkMember, t: TFunction): string {
  return t(MEMBERS_KEYS[view].member, {
    name: nameOf(member, t),
    ...describePermissions(member, t),
  });
}

/** The members under a heading, one line each, worded for `view`; or that there are none. */
export function describeMembers(
  view: CircleView,
  members: readonly CareLinkMember[],
  t: TFunction,
): string {
  const keys = MEMBERS_KEYS[view];
  if (members.length === 0) return t(keys.empty);

  const lines = members.map((member) => describeMember(view, member, t));
  return [t(keys.list), ...lines].join('\n');
}

/** "Yes" or "No" for each permission, as the `adherence` and `medications` of a text. */
export function describePermissions(member: CareLinkMember, t: TFunction) {
  return {
    adherence: t(member.shares_adherence ? 'care-circle:yes' : 'care-circle:no'),
    medications: t(member.can_manage_medications ? 'care-circle:yes' : 'care-circle:no'),
  };
}

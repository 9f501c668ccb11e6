/**
 * Words both views of the care circle share: a person's name (or "Someone" when they gave
 * none), a member's line with what is shared, and the lead a view may start with.
 */
import type { CareLinkMember } from '../../src/care-circle/care-links.js';
import type { TFunction } from '../../src/i18n/i18n.js';

/** Said before a view, in the same message ("Done: …"). */
export interface LeadOptions {
  lead?: string;
}

/** Whose view a member line is written for: the patient's or the caregiver's. */
export type CircleView = 'patient' | 'caregiver';

/** The member's name as they gave it. */
export function nameOf(member: Pick<CareLinkMember, 'display_name'>, t: TFunction): string {
  return member.display_name ?? t('care-circle:someone');
}

/** "• Maria" and one line per permission, worded for `view`. */
export function describeMember(view: CircleView, member: CareLinkMember, t: TFunction): string {
  const key = view === 'patient' ? 'care-circle:patient.member' : 'care-circle:patients.member';
  return t(key, {
    name: nameOf(member, t),
    ...describePermissions(member, t),
  });
}

/** "Yes" or "No" for each permission, as the `adherence` and `medications` of a text. */
export function describePermissions(member: CareLinkMember, t: TFunction) {
  return {
    adherence: t(member.shares_adherence ? 'care-circle:yes' : 'care-circle:no'),
    medications: t(member.can_manage_medications ? 'care-circle:yes' : 'care-circle:no'),
  };
}

/**
 * The safety screen, run on every message before any dialog: crisis language gets an
 * immediate, kind reply with crisis resources for the person's region, and an escalation
 * for staff. The message is not passed to the dialog, so whatever the person was in the
 * middle of is left exactly as it was.
 */
import type { TurnContext } from 'botbuilder';
import type { Config } from '../config/config.js';
import { escalateToStaff } from '../escalations/escalation-service.js';
import type { Logger } from '../logging/logger.js';
import { countryForTimeZone, crisisResourceLines } from '../safety/crisis-resources.js';
import { screenForCrisis } from '../safety/crisis-screen.js';
import type { Db } from '../storage/database.js';
import type { TurnScope } from './turn-scope.js';

export interface SafetyDependencies {
  db: Db;
  logger: Logger;
  config: Pick<Config, 'DEFAULT_REGION'>;
}

/** Answers crisis language and escalates; returns true when it did (the turn ends there). */
export async function replyToCrisis(
  context: TurnContext,
  scope: TurnScope,
  deps: SafetyDependencies,
): Promise<boolean> {
  const finding = screenForCrisis(context.activity.text ?? '');
  if (!finding) return false;

  const { t, person, conversation } = scope;
  const medical = finding.kind === 'medical_emergency';
  const country = countryForTimeZone(person.time_zone);
  const lines = [
    t(medical ? 'safety:crisis.medical' : 'safety:crisis.intro'),
    ...crisisResourceLines(t, country, deps.config.DEFAULT_REGION),
    t('safety:crisis.staffNotified'),
  ];
  await context.sendActivity(lines.join('\n\n'));
  const reason = medical ? 'medical_emergency' : 'crisis';
  const escalationId = await escalateToStaff(deps.db, person.id, conversation.id, reason);
  deps.logger.warn({ personId: person.id, escalationId }, 'safety escalation opened');
  if (!scope.isNewPerson) await context.sendActivity(t('safety:crisis.resume'));
  return true;
}

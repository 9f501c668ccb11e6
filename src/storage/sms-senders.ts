/**
 * Which CareLine number texts each phone. A person hears from one number only (so their
 * thread stays in one place and their STOP applies to the number they see): the number they
 * first texted, or, for someone CareLine texts first, the number with the fewest people.
 */
import { sql } from 'kysely';
import type { Db } from './database.js';

/** Remembers that `phone` texted `senderNumber`, unless a number is already theirs. */
export async function rememberSenderNumber(db: Db, phone: string, senderNumber: string) {
  await db
    .insertInto('sms_senders')
    .values({ phone, sender_number: senderNumber })
    .onConflict((oc) => oc.column('phone').doNothing())
    .execute();
}

/**
 * The number that texts `phone`: the one on record if it is still among `numbers`,
 * otherwise the least-used of `numbers`, recorded for next time.
 */
export async function senderNumberFor(
  db: Db,
  phone: string,
  numbers: readonly string[],
): Promise<string> {
  const known = await db
    .selectFrom('sms_senders')
    .select('sender_number')
    .where('phone', '=', phone)
    .executeTakeFirst();
  if (known && numbers.includes(known.sender_number)) return known.sender_number;

  // Assignments take turns (across processes too), so people texted for the first time at
  // the same moment are still spread evenly over the numbers.
  const rows = await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext('sms_senders'))`.execute(trx);
    const { rows: assigned } = await sql<{ sender_number: string }>`
      insert into sms_senders (phone, sender_number)
      select ${phone}, candidate.number
      from unnest(${[...numbers]}::text[]) with ordinality as candidate(number, position)
      left join sms_senders used on used.sender_number = candidate.number
      group by candidate.number, candidate.position
      order by count(used.phone), candidate.position
      limit 1
      on conflict (phone) do update set sender_number = excluded.sender_number
      returning sender_number`.execute(trx);
    return assigned;
  });
  return rows[0]!.sender_number;
}

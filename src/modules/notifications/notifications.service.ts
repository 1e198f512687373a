// The outbox of messages to staff. In-app messages are delivered by being written; other channels (SMS,
// e-mail) wait as 'pending' rows for a sender that a later issue adds.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { notFound } from '../../shared/errors.ts';

type Db = Kysely<DB>;
export type Channel = 'in_app' | 'sms' | 'email';

export interface Message {
  kind: string;
  title: string;
  body: string;
  payload?: Record<string, unknown>;
  /** The same key for the same recipient and channel is written once (a retried timer sends nothing twice). */
  dedupeKey: string;
}

/** Writes one message per recipient and channel inside the caller's transaction; returns how many were new. */
export async function notify(
  trx: Db,
  recipients: readonly string[],
  m: Message,
  now: Date,
  channels: readonly Channel[] = ['in_app'],
): Promise<number> {
  const unique = [...new Set(recipients)];
  if (!unique.length) return 0;
  const rows = unique.flatMap((recipient) =>
    channels.map((channel) => ({
      recipient_id: recipient,
      channel,
      kind: m.kind,
      title: m.title,
      body: m.body,
      payload: JSON.stringify(m.payload ?? {}),
      dedupe_key: m.dedupeKey,
      status: channel === 'in_app' ? ('delivered' as const) : ('pending' as const),
      created_at: now,
      delivered_at: channel === 'in_app' ? now : null,
    })),
  );
  const written = await trx
    .insertInto('notifications')
    .values(rows)
    .onConflict((oc) => oc.columns(['recipient_id', 'channel', 'dedupe_key']).doNothing())
    .returning('id')
    .execute();
  return written.length;
}

/** A unit of a centre that messages are addressed to. */
export interface Unit {
  level: 'office' | 'department' | 'centre';
  officeId?: string | null;
  departmentId?: string | null;
  centreId: string;
}

/** Staff to address in a unit: an office's people, a department's leaders, a centre's supervisors. */
export async function staffOfUnit(db: Db, unit: Unit, role?: string | null): Promise<string[]> {
  let q = db.selectFrom('staff').select('id').where('active', '=', true);
  if (unit.level === 'office' && unit.officeId) {
    q = q.where('office_id', '=', unit.officeId);
    if (role) q = q.where((eb) => eb(eb.val(role), '=', eb.fn.any('roles')));
  } else if (unit.level !== 'centre' && unit.departmentId) {
    q = q
      .where('department_id', '=', unit.departmentId)
      .where((eb) => eb(eb.val(role ?? 'leader'), '=', eb.fn.any('roles')));
  } else {
    q = q
      .where('centre_id', '=', unit.centreId)
      .where((eb) => eb(eb.val('supervisor'), '=', eb.fn.any('roles')));
  }
  return (await q.execute()).map((r) => r.id);
}

/**
 * notify() for many messages at once, in-app, each to the staff staffOfUnit finds for its unit (no role
 * asked): one statement whatever their number, for the batched crossings. A message whose key a recipient
 * already has is skipped, as notify() does. Returns how many were new.
 */
export async function notifyUnits(
  trx: Db,
  messages: readonly { unit: Unit; message: Message }[],
  now: Date,
): Promise<number> {
  if (!messages.length) return 0;
  const rows = messages.map(({ unit, message: m }, ord) => ({
    ord,
    level: unit.level,
    office_id: unit.officeId ?? null,
    department_id: unit.departmentId ?? null,
    centre_id: unit.centreId,
    kind: m.kind,
    title: m.title,
    body: m.body,
    payload: m.payload ?? {},
    dedupe_key: m.dedupeKey,
  }));
  // The three branches of staffOfUnit: an office's staff, else a department's leaders, else the centre's
  // supervisors.
  const { rows: written } = await sql<{ id: string }>`
    WITH m AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        AS m(ord int, level text, office_id uuid, department_id uuid, centre_id uuid, kind text, title text,
             body text, payload jsonb, dedupe_key text)),
    r AS (
      SELECT m.ord, s.id FROM m JOIN staff s ON s.office_id = m.office_id
       WHERE m.level = 'office' AND s.active
      UNION ALL
      SELECT m.ord, s.id FROM m JOIN staff s ON s.department_id = m.department_id
       WHERE m.level <> 'centre' AND NOT (m.level = 'office' AND m.office_id IS NOT NULL)
         AND s.active AND 'leader' = ANY (s.roles)
      UNION ALL
      SELECT m.ord, s.id FROM m JOIN staff s ON s.centre_id = m.centre_id
       WHERE (m.level = 'centre' OR m.department_id IS NULL) AND NOT (m.level = 'office' AND m.office_id IS NOT NULL)
         AND s.active AND 'supervisor' = ANY (s.roles))
    INSERT INTO notifications (recipient_id, channel, kind, title, body, payload, dedupe_key, status, created_at,
                               delivered_at)
    SELECT r.id, 'in_app', m.kind, m.title, m.body, m.payload, m.dedupe_key, 'delivered', ${now}::timestamptz, ${now}::timestamptz
    FROM r JOIN m ON m.ord = r.ord
    ORDER BY m.ord, r.id
    ON CONFLICT (recipient_id, channel, dedupe_key) DO NOTHING
    RETURNING id`.execute(trx);
  return written.length;
}

export interface InboxQuery {
  unread?: boolean;
  limit: number;
  before?: Date;
}

export async function inbox(db: Db, staffId: string, q: InboxQuery) {
  let query = db
    .selectFrom('notifications')
    .select(['id', 'kind', 'title', 'body', 'payload', 'created_at', 'read_at'])
    .where('recipient_id', '=', staffId)
    .where('channel', '=', 'in_app')
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(q.limit);
  if (q.unread) query = query.where('read_at', 'is', null);
  if (q.before) query = query.where('created_at', '<', q.before);
  const [items, unread] = await Promise.all([
    query.execute(),
    db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('recipient_id', '=', staffId)
      .where('channel', '=', 'in_app')
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow(),
  ]);
  return { unread: Number(unread.n), items };
}

export async function markRead(db: Db, staffId: string, id: string | 'all', now: Date): Promise<number> {
  let q = db
    .updateTable('notifications')
    .set({ read_at: now })
    .where('recipient_id', '=', staffId)
    .where('channel', '=', 'in_app')
    .where('read_at', 'is', null);
  if (id !== 'all') q = q.where('id', '=', id);
  const r = await q.executeTakeFirst();
  const n = Number(r.numUpdatedRows);
  if (id !== 'all' && n === 0) {
    const exists = await db
      .selectFrom('notifications')
      .select('id')
      .where('id', '=', id)
      .where('recipient_id', '=', staffId)
      .executeTakeFirst();
    if (!exists) throw notFound('Notification', '通知');
  }
  return n;
}

import type { ColumnType } from 'kysely';

/** timestamptz: read and written as a JS Date. */
export type Timestamp = ColumnType<Date, Date, Date>;
/** jsonb: read as the parsed value, written as JSON text. */
export type Json<T = unknown> = ColumnType<T, string, string>;

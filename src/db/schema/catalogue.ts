// Table types: the item catalogue and stored files (0003). See src/db/schema.ts.
import type { Generated } from 'kysely';
import type { Json, Timestamp } from './common.ts';

export interface FilesTable {
  id: Generated<string>;
  sha256: string;
  size: number;
  media_type: string;
  filename: string;
  created_at: Timestamp;
  created_by: string | null;
}

export interface CatalogueItemsTable {
  id: Generated<string>;
  centre_id: string;
  basic_code: string;
  implementation_code: string;
  current_version_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CatalogueItemVersionsTable {
  id: Generated<string>;
  item_id: string;
  centre_id: string;
  version: number;
  status: 'draft' | 'published' | 'superseded' | 'withdrawn';
  name: string;
  item_type: string;
  department_id: string;
  statutory_limit_value: number;
  statutory_limit_unit: string;
  promised_limit_value: number;
  promised_limit_unit: string;
  handling_type: string;
  audiences: string[];
  themes: string[];
  channels: string[];
  is_joint: boolean;
  lead_department_id: string | null;
  result_sample_file_id: string | null;
  process_definition: Json | null;
  document: Json;
  content_hash: string;
  search_text: string;
  search_pinyin: string;
  search_initials: string;
  created_at: Timestamp;
  created_by: string | null;
  published_at: Timestamp | null;
  published_by: string | null;
  ended_at: Timestamp | null;
}

export interface CatalogueMaterialsTable {
  id: Generated<string>;
  version_id: string;
  position: number;
  name: string;
  situations: string[];
  issuer: string;
  originals: number;
  copies: number;
  required: boolean;
  can_defer: boolean;
  form: string;
  source: string;
  blank_form_file_id: string | null;
  sample_file_id: string | null;
  fill_notes: string;
  acceptance_standard: string;
}

-- The item catalogue (事项目录 / 实施清单, GB/T 39046-2020 table 4): items, their frozen versions, the
-- materials of each version, and stored files (blank forms, samples; reusable by other modules).

CREATE TABLE files (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  sha256      text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size        bigint NOT NULL CHECK (size >= 0),
  media_type  text NOT NULL,
  filename    text NOT NULL,
  created_at  timestamptz NOT NULL,
  created_by  uuid REFERENCES staff(id)
);
CREATE INDEX files_sha256_idx ON files (sha256);
COMMENT ON TABLE files IS 'Uploaded files; the bytes live in the file store (DATA_DIR/files/ab/abcd…) under their SHA-256, shared by identical uploads.';

CREATE TABLE catalogue_items (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  centre_id           uuid NOT NULL REFERENCES centres(id),
  basic_code          text NOT NULL,
  implementation_code text NOT NULL,
  current_version_id  uuid,
  created_at          timestamptz NOT NULL,
  updated_at          timestamptz NOT NULL,
  UNIQUE (centre_id, implementation_code)
);
COMMENT ON TABLE catalogue_items IS '事项: one item of a centre''s catalogue (基本编码, 实施编码); current_version_id is the published version new cases are filed under (null when never published or withdrawn).';

CREATE TABLE catalogue_item_versions (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  item_id               uuid NOT NULL REFERENCES catalogue_items(id),
  centre_id             uuid NOT NULL REFERENCES centres(id),
  version               integer NOT NULL CHECK (version > 0),
  status                text NOT NULL CHECK (status IN ('draft', 'published', 'superseded', 'withdrawn')),
  name                  text NOT NULL,
  item_type             text NOT NULL,
  department_id         uuid NOT NULL REFERENCES departments(id),
  statutory_limit_value double precision NOT NULL CHECK (statutory_limit_value >= 0),
  statutory_limit_unit  text NOT NULL CHECK (statutory_limit_unit IN ('working_days', 'natural_days', 'same_day', 'working_hours')),
  promised_limit_value  double precision NOT NULL CHECK (promised_limit_value >= 0),
  promised_limit_unit   text NOT NULL CHECK (promised_limit_unit IN ('working_days', 'natural_days', 'same_day', 'working_hours')),
  handling_type         text NOT NULL CHECK (handling_type IN ('immediate', 'promised')),
  audiences             text[] NOT NULL,
  themes                text[] NOT NULL,
  channels              text[] NOT NULL,
  is_joint              boolean NOT NULL,
  lead_department_id    uuid REFERENCES departments(id),
  result_sample_file_id uuid REFERENCES files(id),
  process_definition    jsonb,
  document              jsonb NOT NULL,
  content_hash          text NOT NULL,
  search_text           text NOT NULL,
  search_pinyin         text NOT NULL,
  search_initials       text NOT NULL,
  created_at            timestamptz NOT NULL,
  created_by            uuid REFERENCES staff(id),
  published_at          timestamptz,
  published_by          uuid REFERENCES staff(id),
  ended_at              timestamptz,
  UNIQUE (item_id, version),
  CHECK (NOT is_joint OR lead_department_id IS NOT NULL)
);
-- At most one open draft and one published version per item.
CREATE UNIQUE INDEX catalogue_versions_one_draft ON catalogue_item_versions (item_id) WHERE status = 'draft';
CREATE UNIQUE INDEX catalogue_versions_one_published ON catalogue_item_versions (item_id) WHERE status = 'published';
-- The public guide reads published versions only, in pinyin order, filtered by centre or department.
CREATE INDEX catalogue_versions_guide_idx ON catalogue_item_versions (search_pinyin, id) WHERE status = 'published';
CREATE INDEX catalogue_versions_guide_dept_idx ON catalogue_item_versions (department_id, search_pinyin) WHERE status = 'published';
CREATE INDEX catalogue_versions_guide_centre_idx ON catalogue_item_versions (centre_id, search_pinyin) WHERE status = 'published';
ALTER TABLE catalogue_items
  ADD CONSTRAINT catalogue_items_current_version_fk FOREIGN KEY (current_version_id) REFERENCES catalogue_item_versions(id);
COMMENT ON TABLE catalogue_item_versions IS '事项版本: the content of an item at one version. draft is editable; published is frozen and current; superseded/withdrawn are frozen and kept because cases pin them. search_* hold the name, its full pinyin and initials for the guide search.';

CREATE TABLE catalogue_materials (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  version_id          uuid NOT NULL REFERENCES catalogue_item_versions(id) ON DELETE CASCADE,
  position            integer NOT NULL,
  name                text NOT NULL,
  situations          text[] NOT NULL,
  issuer              text NOT NULL,
  originals           integer NOT NULL CHECK (originals >= 0),
  copies              integer NOT NULL CHECK (copies >= 0),
  required            boolean NOT NULL,
  can_defer           boolean NOT NULL,
  form                text NOT NULL CHECK (form IN ('paper', 'electronic', 'both')),
  source              text NOT NULL,
  blank_form_file_id  uuid REFERENCES files(id),
  sample_file_id      uuid REFERENCES files(id),
  fill_notes          text NOT NULL,
  acceptance_standard text NOT NULL,
  UNIQUE (version_id, position)
);
COMMENT ON TABLE catalogue_materials IS '申请材料: the materials of one item version; situations lists the cases it applies to (empty = every case), e.g. 新立 / 延续.';

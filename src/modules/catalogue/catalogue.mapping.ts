// Between the API's ItemContent and the rows of catalogue_item_versions / catalogue_materials.
import type { Insertable, Selectable } from 'kysely';
import { DEFAULT_DEFINITION } from '../../core/process/demo-definitions.ts';
import type { CatalogueItemVersionsTable, CatalogueMaterialsTable } from '../../db/schema.ts';
import type { LimitUnit } from './catalogue.labels.ts';
import { ItemContent, type ItemVersion, type Material } from './catalogue.schemas.ts';
import { contentHash, normaliseContent, searchColumns } from './content.ts';
import { ItemProcess } from './process.ts';

export type VersionRow = Selectable<CatalogueItemVersionsTable>;
export type MaterialRow = Selectable<CatalogueMaterialsTable>;

/** The fields kept in the jsonb document rather than in typed columns (none of them is filtered on). */
const DocumentShape = ItemContent.pick({
  exerciseLevel: true,
  legalBasis: true,
  conditions: true,
  procedureText: true,
  jointAgencies: true,
  intermediaryServices: true,
  quantityLimit: true,
  resultName: true,
  fee: true,
  appointment: true,
  onlinePayment: true,
  expressDelivery: true,
  place: true,
  hours: true,
  consultPhone: true,
  supervisionPhone: true,
  faqs: true,
  visits: true,
}).extend({
  statutoryLimitNote: ItemContent.shape.legalBasis,
  promisedLimitNote: ItemContent.shape.legalBasis,
});
type ItemDocument = ReturnType<typeof DocumentShape.parse>;

function documentOf(c: ItemContent): ItemDocument {
  return {
    exerciseLevel: c.exerciseLevel,
    legalBasis: c.legalBasis,
    statutoryLimitNote: c.statutoryLimit.note,
    promisedLimitNote: c.promisedLimit.note,
    conditions: c.conditions,
    procedureText: c.procedureText,
    jointAgencies: c.jointAgencies,
    intermediaryServices: c.intermediaryServices,
    quantityLimit: c.quantityLimit,
    resultName: c.resultName,
    fee: c.fee,
    appointment: c.appointment,
    onlinePayment: c.onlinePayment,
    expressDelivery: c.expressDelivery,
    place: c.place,
    hours: c.hours,
    consultPhone: c.consultPhone,
    supervisionPhone: c.supervisionPhone,
    faqs: c.faqs,
    visits: c.visits,
  };
}

/** The content columns of a version row (status, numbering and timestamps are added by the caller). */
export function versionColumns(content: ItemContent) {
  const c = normaliseContent(content);
  return {
    name: c.name,
    item_type: c.itemType,
    department_id: c.departmentId,
    statutory_limit_value: c.statutoryLimit.value,
    statutory_limit_unit: c.statutoryLimit.unit,
    promised_limit_value: c.promisedLimit.value,
    promised_limit_unit: c.promisedLimit.unit,
    handling_type: c.handlingType,
    audiences: c.audiences,
    themes: c.themes,
    channels: c.channels,
    is_joint: c.isJoint,
    lead_department_id: c.leadDepartmentId,
    result_sample_file_id: c.resultSampleFileId,
    process_definition: c.processDefinition ? JSON.stringify(c.processDefinition) : null,
    document: JSON.stringify(documentOf(c)),
    content_hash: contentHash(c),
    ...searchColumns(c.name),
  } satisfies Partial<Insertable<CatalogueItemVersionsTable>>;
}

export function materialRows(versionId: string, content: ItemContent): Insertable<CatalogueMaterialsTable>[] {
  return normaliseContent(content).materials.map((m, i) => ({
    version_id: versionId,
    position: i + 1,
    name: m.name,
    situations: m.situations,
    issuer: m.issuer,
    originals: m.originals,
    copies: m.copies,
    required: m.required,
    can_defer: m.deferrable,
    form: m.form,
    source: m.source,
    blank_form_file_id: m.blankFormFileId,
    sample_file_id: m.sampleFileId,
    fill_notes: m.fillNotes,
    acceptance_standard: m.acceptanceStandard,
  }));
}

export const toMaterial = (m: MaterialRow): Material => ({
  id: m.id,
  position: m.position,
  name: m.name,
  situations: m.situations,
  issuer: m.issuer,
  originals: m.originals,
  copies: m.copies,
  required: m.required,
  deferrable: m.can_defer,
  form: m.form as Material['form'],
  source: m.source as Material['source'],
  blankFormFileId: m.blank_form_file_id,
  sampleFileId: m.sample_file_id,
  fillNotes: m.fill_notes,
  acceptanceStandard: m.acceptance_standard,
});

/** Reads a version row and its materials back into the content they were written from. */
export function contentOf(v: VersionRow, materials: MaterialRow[]): ItemContent {
  const doc = DocumentShape.parse(v.document);
  const { statutoryLimitNote, promisedLimitNote, ...rest } = doc;
  return {
    ...rest,
    name: v.name,
    itemType: v.item_type as ItemContent['itemType'],
    departmentId: v.department_id,
    statutoryLimit: {
      value: v.statutory_limit_value,
      unit: v.statutory_limit_unit as LimitUnit,
      note: statutoryLimitNote,
    },
    promisedLimit: {
      value: v.promised_limit_value,
      unit: v.promised_limit_unit as LimitUnit,
      note: promisedLimitNote,
    },
    handlingType: v.handling_type as ItemContent['handlingType'],
    isJoint: v.is_joint,
    leadDepartmentId: v.lead_department_id,
    resultSampleFileId: v.result_sample_file_id,
    audiences: v.audiences as ItemContent['audiences'],
    themes: v.themes,
    channels: v.channels as ItemContent['channels'],
    processDefinition: v.process_definition ? ItemProcess.parse(v.process_definition) : null,
    materials: [...materials]
      .sort((a, b) => a.position - b.position)
      .map((m) => {
        const { id: _id, position: _position, ...rest } = toMaterial(m);
        return rest;
      }),
  };
}

export interface DepartmentRef {
  id: string;
  code: string;
  name: string;
  credit_code: string | null;
}

export interface ItemRef {
  centre_id: string;
  basic_code: string;
  implementation_code: string;
  current_version_id: string | null;
}

/** The full read model of one version. */
export function toItemVersion(
  v: VersionRow,
  item: ItemRef,
  materials: MaterialRow[],
  departments: Map<string, DepartmentRef>,
): ItemVersion {
  const content = contentOf(v, materials);
  const dept = departments.get(v.department_id)!;
  const lead = v.lead_department_id ? departments.get(v.lead_department_id) : undefined;
  const { materials: _m, processDefinition, departmentId: _d, leadDepartmentId: _l, ...fields } = content;
  return {
    ...fields,
    id: v.id,
    itemId: v.item_id,
    centreId: item.centre_id,
    basicCode: item.basic_code,
    implementationCode: item.implementation_code,
    version: v.version,
    status: v.status,
    isCurrent: item.current_version_id === v.id,
    department: { id: dept.id, code: dept.code, name: dept.name, creditCode: dept.credit_code },
    leadDepartment: lead ? { id: lead.id, code: lead.code, name: lead.name } : null,
    processDefinition: processDefinition ?? DEFAULT_DEFINITION,
    materials: [...materials].sort((a, b) => a.position - b.position).map(toMaterial),
    contentHash: v.content_hash,
    createdAt: v.created_at.toISOString(),
    publishedAt: v.published_at?.toISOString() ?? null,
  };
}

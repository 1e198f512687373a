// An item version as the body of PUT /api/v1/catalogue/items/{id}/draft, with another process: the
// editor changes the process only and sends the rest of the version back as it was.
import type { Body } from '../../api/client.ts';
import type { Schema } from '../../api/types.ts';

type Version = Schema<'ItemVersion'>;
export type DraftBody = Body<'/api/v1/catalogue/items/{id}/draft', 'put'>;

export function draftWithProcess(v: Version, processDefinition: unknown): DraftBody {
  return {
    name: v.name,
    itemType: v.itemType,
    exerciseLevel: v.exerciseLevel,
    departmentId: v.department.id,
    legalBasis: v.legalBasis,
    statutoryLimit: v.statutoryLimit,
    promisedLimit: v.promisedLimit,
    handlingType: v.handlingType,
    conditions: v.conditions,
    procedureText: v.procedureText,
    isJoint: v.isJoint,
    leadDepartmentId: v.leadDepartment?.id ?? null,
    jointAgencies: v.jointAgencies,
    intermediaryServices: v.intermediaryServices,
    quantityLimit: v.quantityLimit,
    resultName: v.resultName,
    resultSampleFileId: v.resultSampleFileId,
    fee: v.fee,
    audiences: v.audiences,
    themes: v.themes,
    channels: v.channels,
    appointment: v.appointment,
    onlinePayment: v.onlinePayment,
    expressDelivery: v.expressDelivery,
    place: v.place,
    hours: v.hours,
    consultPhone: v.consultPhone,
    supervisionPhone: v.supervisionPhone,
    faqs: v.faqs,
    visits: v.visits,
    processDefinition: processDefinition as DraftBody['processDefinition'],
    materials: v.materials.map(({ id: _id, position: _position, ...m }) => m),
  };
}

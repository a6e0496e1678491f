import { sql } from "drizzle-orm";
import { z } from "zod";
import { queryRows } from "@/db/client";
import { MOLECULAR_TEST_KINDS, VARIANT_ORIGINS } from "@/db/enums";
import { molecularOrders } from "@/db/schema";
import { defineCommand } from "@/lib/actions/define-command";
import { fieldError } from "@/lib/actions/errors";
import { orderingScope } from "@/lib/molecular/scope";
import { networkToday } from "@/lib/time/network-day";
import { choiceField, idField, optionalRequestKeyField } from "@/lib/validation/fields";

export const orderTestSchema = z.strictObject({
  specimenId: idField,
  labCentreId: idField,
  testKind: choiceField(MOLECULAR_TEST_KINDS),
  origin: choiceField(VARIANT_ORIGINS),
  requestKey: optionalRequestKeyField,
});

/**
 * Orders a molecular test on a specimen, to run at a lab: a centre where molecular lab staff work.
 * The specimen's owner is a participant (only their own site or the study's PI may order; the
 * order carries their study) or a biobank donor (only the donor's own centre's site staff; no study).
 */
export const orderTestCommand = defineCommand({
  name: "molecular.order.create",
  schema: orderTestSchema,
  permission: "molecular.order",
  // The same order sent twice (a double click, a retried request) is one order.
  requestKey: (input) => input.requestKey,
  handler: async ({ actor, input, tx, audit }) => {
    const [s] = await queryRows<{ participantId: number | null; donorId: number | null; studyId: number | null; centreId: number; barcode: string; code: string }>(
      tx,
      sql`select p.id as "participantId", d.id as "donorId", p.study_id as "studyId", coalesce(p.centre_id, d.centre_id) as "centreId", s.barcode,
            coalesce(p.subject_code, d.donor_code) as code
          from specimens s left join participants p on p.id = s.participant_id left join donors d on d.id = s.donor_id
          where s.id = ${input.specimenId} and (p.id is not null or d.id is not null) and ${orderingScope(actor)}`,
    );
    if (!s) throw fieldError("specimenId", "molecular.errors.specimenUnknown");
    const [lab] = await queryRows<{ id: number }>(
      tx,
      sql`select o.id from organisations o where o.id = ${input.labCentreId}
          and exists (select 1 from users u where u.centre_id = o.id and u.role = 'molecular_lab' and not u.disabled)`,
    );
    if (!lab) throw fieldError("labCentreId", "molecular.errors.noLab");
    const [row] = await tx
      .insert(molecularOrders)
      .values({
        specimenId: input.specimenId,
        participantId: s.participantId,
        donorId: s.donorId,
        studyId: s.studyId,
        labCentreId: lab.id,
        testKind: input.testKind,
        origin: input.origin,
        orderedBy: actor.id,
        orderedOn: networkToday(),
      })
      .returning({ id: molecularOrders.id, orderedOn: molecularOrders.orderedOn });
    audit({
      action: "molecular.order.created",
      entityType: "molecular_order",
      entityId: row.id,
      centreId: s.centreId,
      studyId: s.studyId,
      after: { status: "ordered", testKind: input.testKind, origin: input.origin, labCentreId: lab.id, barcode: s.barcode,
        subjectCode: s.participantId !== null ? s.code : null,
        donorCode: s.donorId !== null ? s.code : null,
      },
    });
    return { id: row.id, orderedOn: row.orderedOn };
  },
});

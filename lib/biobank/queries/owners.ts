import { sql } from "drizzle-orm";
import { getDb, queryRows, type Db } from "@/db/client";
import type { FutureConsent } from "@/db/schema";
import { participantConsent, type ConsentSource } from "@/lib/biobank/consent";
import { registrationOwnerScope } from "@/lib/biobank/scope";
import { defineQuery, type ReadActor } from "@/lib/reads/define-query";

/** What the registration form shows of the owner it is about to register a specimen for. */
export type RegistrationOwner = { source: ConsentSource; code: string; futureConsent: FutureConsent; consentDate: string };

/**
 * The participant (by subject code) or donor (by donor code) a specimen would be registered for
 * at the actor's centre, with the consent their record holds; null when there is none there
 * (the command refuses the same code with the same rule).
 */
export const registrationOwner = defineQuery({
  permission: "biobank.specimen.register",
  run: async (actor: ReadActor, kind: "subject" | "donor", code: string, db?: Db): Promise<RegistrationOwner | null> => {
    const d = db ?? (await getDb());
    const wanted = code.trim().toUpperCase();
    if (kind === "subject") {
      const [p] = await queryRows<{ code: string; futureUse: boolean; consentDate: string }>(
        d,
        sql`select p.subject_code as code, p.specimens_future_use as "futureUse", p.consent_date::text as "consentDate"
            from participants p where p.subject_code = ${wanted} and ${registrationOwnerScope(actor, sql`p.centre_id`)}`,
      );
      return p ? { source: "participant", code: p.code, futureConsent: participantConsent(p.futureUse), consentDate: p.consentDate } : null;
    }
    const [dn] = await queryRows<{ code: string; futureConsent: FutureConsent; consentDate: string }>(
      d,
      sql`select dn.donor_code as code, dn.future_consent::text as "futureConsent", dn.consent_date::text as "consentDate"
          from donors dn where dn.donor_code = ${wanted} and ${registrationOwnerScope(actor, sql`dn.centre_id`)}`,
    );
    return dn ? { source: "donor", code: dn.code, futureConsent: dn.futureConsent, consentDate: dn.consentDate } : null;
  },
  otherwise: () => null,
});

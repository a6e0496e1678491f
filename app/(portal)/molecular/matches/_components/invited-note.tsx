import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReadActor } from "@/lib/reads/define-query";
import { getInvitation } from "@/lib/molecular/queries/invitations";

/** The invitation just made (?invited=<id>), named by codes, when the reader may see it; the invited site's staff get the screening form's link. */
export async function InvitedNote({ actor, invited }: { actor: ReadActor; invited: string | undefined }) {
  const id = Number(invited);
  if (!Number.isSafeInteger(id) || id < 1) return null;
  const inv = await getInvitation(actor, id);
  if (!inv) return null;
  const t = await getTranslations("molecular.matching");
  return (
    <p role="status" className="rounded-md bg-primary/5 px-3 py-2 text-sm" data-testid="invited-note">
      {t("invited", { subject: inv.code, study: inv.studyCode, site: inv.siteCentreCode })} · {inv.criterionCodes.join(", ")}
      {actor.role === "site_staff" && actor.centreId === inv.siteCentreId && inv.screeningId === null ? (
        <Link prefetch={false} href={`/studies/${encodeURIComponent(inv.studyCode)}/screening?invitation=${inv.id}`} className="ml-2 text-primary hover:underline">
          {t("openScreening")}
        </Link>
      ) : null}
    </p>
  );
}

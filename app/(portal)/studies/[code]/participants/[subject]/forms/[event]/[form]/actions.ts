"use server";

import { defineAction } from "@/lib/actions/define-action";
import { saveFormCommand } from "@/lib/crf/commands/save-form";
import { unverifyFormCommand } from "@/lib/crf/commands/unverify-form";
import { verifyFormCommand } from "@/lib/crf/commands/verify-form";
import { raiseQueryCommand } from "@/lib/followup/commands/raise-query";

// The form page and the participant's grid are rendered per request; the client refreshes them
// after a save. The follow-up lists show the queries a save (soft limits) or a monitor raised.
const queryLists = () => ["/follow-up/queries", "/notifications"];

export const saveFormAction = defineAction(saveFormCommand, { revalidate: queryLists });
export const verifyFormAction = defineAction(verifyFormCommand, { revalidate: queryLists });
export const unverifyFormAction = defineAction(unverifyFormCommand, { revalidate: queryLists });
/** A query on one CRF item: the follow-up query command on entity "crf_form", field = the item's path; the page stays open. */
export const raiseCrfQueryAction = defineAction(raiseQueryCommand, { revalidate: (d) => [`/follow-up/queries/${d.id}`, "/follow-up/queries", `/follow-up/${d.subjectCode}`] });

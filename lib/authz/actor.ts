import type { NetworkRole } from "@/db/schema";

/** The signed-in person as loaded from the database on this request. */
export type Actor = {
  id: number;
  email: string;
  name: string;
  role: NetworkRole;
  centreId: number;
  /** Materialized path of the home centre, e.g. "/1/2/5/". */
  centrePath: string;
  centreCode: string;
  centreNameZh: string;
  centreNameEn: string;
  locale: string | null;
  sessionId: string | null;
};

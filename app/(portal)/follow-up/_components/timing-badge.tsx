import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import type { VisitTiming } from "@/lib/studies/visit-windows";

const VARIANT: Record<VisitTiming, "default" | "muted" | "success" | "warning" | "destructive"> = {
  upcoming: "muted",
  open: "default",
  overdue: "destructive",
  done_in_window: "success",
  done_out_of_window: "warning",
  missed: "warning",
};

export async function TimingBadge({ timing }: { timing: VisitTiming }) {
  const t = await getTranslations("followup.timing");
  return (
    <Badge variant={VARIANT[timing]} data-testid="visit-timing">
      {t(timing)}
    </Badge>
  );
}

import { Badge } from "@/components/ui/badge";

const VARIANT: Record<string, "default" | "muted" | "success" | "warning" | "destructive"> = {
  draft: "muted",
  ethics_review: "muted",
  recruiting: "success",
  suspended: "warning",
  closed_to_accrual: "default",
  completed: "default",
  pending: "muted",
  active: "success",
  closed: "default",
};

export function StatusBadge({ status, label }: { status: string; label: string }) {
  return (
    <Badge variant={VARIANT[status] ?? "muted"} data-status={status}>
      {label}
    </Badge>
  );
}

export * from "@/db/schema/network";
export * from "@/db/schema/people";
export * from "@/db/schema/audit";
export * from "@/db/schema/meta";
export * from "@/db/schema/biobank";
export * from "@/db/schema/studies";
export * from "@/db/schema/enrolment";
export * from "@/db/schema/followup";

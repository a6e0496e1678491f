export * from "./network";
export * from "./people";
export * from "./audit";
export * from "./meta";
export * from "./biobank";
export * from "./studies";
export * from "./enrolment";
export * from "./followup";

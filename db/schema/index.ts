export * from "./network";
export * from "./people";
export * from "./audit";
export * from "./meta";

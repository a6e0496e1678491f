import { defineConfig } from "drizzle-kit";

// Only used to generate migrations from db/schema; never pointed at a live data folder.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
});

ALTER TABLE "metric_enrol_days" DROP CONSTRAINT "metric_enrol_days_grain_ck";--> statement-breakpoint
ALTER TABLE "metric_facts" DROP CONSTRAINT "metric_facts_grain_ck";--> statement-breakpoint
ALTER TABLE "metric_screen_reasons" DROP CONSTRAINT "metric_screen_reasons_grain_ck";--> statement-breakpoint
ALTER TABLE "metric_specimens" DROP CONSTRAINT "metric_specimens_grain_ck";--> statement-breakpoint
ALTER TABLE "metric_enrol_days" ADD CONSTRAINT "metric_enrol_days_grain_ck" CHECK ("metric_enrol_days"."grain" in (0, 1, 2, 3));--> statement-breakpoint
ALTER TABLE "metric_facts" ADD CONSTRAINT "metric_facts_grain_ck" CHECK ("metric_facts"."grain" in (0, 1, 2, 3));--> statement-breakpoint
ALTER TABLE "metric_screen_reasons" ADD CONSTRAINT "metric_screen_reasons_grain_ck" CHECK ("metric_screen_reasons"."grain" in (0, 1, 2, 3));--> statement-breakpoint
ALTER TABLE "metric_specimens" ADD CONSTRAINT "metric_specimens_grain_ck" CHECK ("metric_specimens"."grain" in (0, 1, 2, 3));
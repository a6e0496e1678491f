ALTER TABLE "adverse_events" DROP CONSTRAINT "adverse_events_reported_ck";--> statement-breakpoint
ALTER TABLE "adverse_events" drop column "report_late";--> statement-breakpoint
ALTER TABLE "adverse_events" ADD COLUMN "report_late" boolean GENERATED ALWAYS AS (coalesce(serious and reported_at > aware_at + interval '24 hours', false)) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "adverse_events" ADD CONSTRAINT "adverse_events_reported_ck" CHECK (not "adverse_events"."serious" or "adverse_events"."reported_at" is not null);
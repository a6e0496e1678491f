CREATE TYPE "public"."mail_status" AS ENUM('pending', 'sent', 'failed', 'skipped');--> statement-breakpoint
CREATE TYPE "public"."notification_entity" AS ENUM('participant', 'visit', 'adverse_event', 'query');--> statement-breakpoint
CREATE TYPE "public"."notification_kind" AS ENUM('sae_reported', 'sae_followup_due', 'query_raised', 'query_answered', 'query_reopened', 'visit_overdue');--> statement-breakpoint
CREATE TABLE "notification_mails" (
	"id" serial PRIMARY KEY NOT NULL,
	"notification_id" integer NOT NULL,
	"status" "mail_status" DEFAULT 'pending' NOT NULL,
	"attempts" smallint DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_mails_notification_uq" UNIQUE("notification_id"),
	CONSTRAINT "notification_mails_sent_ck" CHECK (("notification_mails"."status" = 'sent') = ("notification_mails"."sent_at" is not null))
);
--> statement-breakpoint
ALTER TABLE "notifications" DROP CONSTRAINT "notifications_user_kind_entity_uq";--> statement-breakpoint
ALTER TABLE "notifications" ALTER COLUMN "kind" SET DATA TYPE "public"."notification_kind" USING "kind"::"public"."notification_kind";--> statement-breakpoint
ALTER TABLE "notifications" ALTER COLUMN "entity_type" SET DATA TYPE "public"."notification_entity" USING "entity_type"::text::"public"."notification_entity";--> statement-breakpoint
ALTER TABLE "notifications" ALTER COLUMN "entity_type" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ALTER COLUMN "entity_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "occurrence" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "notification_mails" ADD CONSTRAINT "notification_mails_notification_id_notifications_id_fk" FOREIGN KEY ("notification_id") REFERENCES "public"."notifications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notification_mails_pending_idx" ON "notification_mails" USING btree ("next_attempt_at") WHERE "notification_mails"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "notifications_entity_idx" ON "notifications" USING btree ("entity_type","entity_id","kind");--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_event_uq" UNIQUE("user_id","kind","entity_type","entity_id","occurrence");
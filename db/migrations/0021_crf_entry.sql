ALTER TYPE "public"."clinical_entity" ADD VALUE 'crf_form';--> statement-breakpoint
ALTER TABLE "crf_form_instances" ADD COLUMN "event_date" date;--> statement-breakpoint
ALTER TABLE "crf_form_instances" ADD COLUMN "verified_by" integer;--> statement-breakpoint
ALTER TABLE "crf_form_instances" ADD COLUMN "verified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "crf_form_instances" ADD CONSTRAINT "crf_form_instances_verified_by_users_id_fk" FOREIGN KEY ("verified_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crf_form_instances" ADD CONSTRAINT "crf_form_instances_sdv_ck" CHECK (("crf_form_instances"."verified_by" is null) = ("crf_form_instances"."verified_at" is null));--> statement-breakpoint
ALTER TABLE "crf_form_instances" ADD CONSTRAINT "crf_form_instances_verified_ck" CHECK (("crf_form_instances"."status" = 'verified') = ("crf_form_instances"."verified_at" is not null));
CREATE TYPE "public"."participant_sex" AS ENUM('female', 'male');--> statement-breakpoint
CREATE TYPE "public"."participant_status" AS ENUM('enrolled', 'withdrawn', 'completed');--> statement-breakpoint
CREATE TYPE "public"."screening_outcome" AS ENUM('eligible', 'screen_failed');--> statement-breakpoint
CREATE TYPE "public"."withdrawal_reason" AS ENUM('consent_withdrawn', 'adverse_event', 'lost_to_follow_up', 'protocol_deviation', 'investigator_decision', 'death', 'other');--> statement-breakpoint
CREATE TABLE "allocation_entries" (
	"id" serial PRIMARY KEY NOT NULL,
	"study_id" integer NOT NULL,
	"stratum_key" text NOT NULL,
	"position" integer NOT NULL,
	"block_no" integer NOT NULL,
	"block_size" integer NOT NULL,
	"arm_id" integer NOT NULL,
	"participant_id" integer,
	"assigned_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "allocation_entries_stratum_position_uq" UNIQUE("study_id","stratum_key","position"),
	CONSTRAINT "allocation_entries_participant_uq" UNIQUE("participant_id"),
	CONSTRAINT "allocation_entries_assigned_ck" CHECK (("allocation_entries"."participant_id" is null) = ("allocation_entries"."assigned_at" is null))
);
--> statement-breakpoint
CREATE TABLE "participant_transfers" (
	"id" serial PRIMARY KEY NOT NULL,
	"participant_id" integer NOT NULL,
	"study_id" integer NOT NULL,
	"from_site_id" integer NOT NULL,
	"to_site_id" integer NOT NULL,
	"from_centre_id" integer NOT NULL,
	"to_centre_id" integer NOT NULL,
	"transferred_on" date NOT NULL,
	"reason" text NOT NULL,
	"transferred_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "participant_transfers_sites_ck" CHECK ("participant_transfers"."from_site_id" <> "participant_transfers"."to_site_id")
);
--> statement-breakpoint
CREATE TABLE "participants" (
	"id" serial PRIMARY KEY NOT NULL,
	"study_id" integer NOT NULL,
	"screening_id" integer NOT NULL,
	"enrol_site_id" integer NOT NULL,
	"site_id" integer NOT NULL,
	"centre_id" integer NOT NULL,
	"seq" integer NOT NULL,
	"subject_code" text NOT NULL,
	"national_id_hash" text NOT NULL,
	"in_other_study" boolean DEFAULT false NOT NULL,
	"year_of_birth" smallint NOT NULL,
	"sex" "participant_sex" NOT NULL,
	"consent_version_id" integer NOT NULL,
	"consent_date" date NOT NULL,
	"specimens_future_use" boolean DEFAULT false NOT NULL,
	"enrolled_on" date NOT NULL,
	"enrolled_by" integer,
	"strata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" "participant_status" DEFAULT 'enrolled' NOT NULL,
	"withdrawn_on" date,
	"withdrawal_reason" "withdrawal_reason",
	"request_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "participants_subject_code_uq" UNIQUE("subject_code"),
	CONSTRAINT "participants_study_person_uq" UNIQUE("study_id","national_id_hash"),
	CONSTRAINT "participants_study_site_seq_uq" UNIQUE("study_id","enrol_site_id","seq"),
	CONSTRAINT "participants_screening_uq" UNIQUE("screening_id"),
	CONSTRAINT "participants_request_key_uq" UNIQUE("request_key"),
	CONSTRAINT "participants_seq_ck" CHECK ("participants"."seq" >= 1),
	CONSTRAINT "participants_consent_ck" CHECK ("participants"."consent_date" <= "participants"."enrolled_on"),
	CONSTRAINT "participants_withdrawn_ck" CHECK (("participants"."status" = 'withdrawn') = ("participants"."withdrawn_on" is not null and "participants"."withdrawal_reason" is not null))
);
--> statement-breakpoint
CREATE TABLE "screenings" (
	"id" serial PRIMARY KEY NOT NULL,
	"study_id" integer NOT NULL,
	"site_id" integer NOT NULL,
	"centre_id" integer NOT NULL,
	"protocol_version" integer NOT NULL,
	"screened_on" date NOT NULL,
	"outcome" "screening_outcome" NOT NULL,
	"failed_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"answers" jsonb NOT NULL,
	"screened_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "screenings_outcome_ck" CHECK (("screenings"."outcome" = 'eligible') = (cardinality("screenings"."failed_codes") = 0))
);
--> statement-breakpoint
CREATE TABLE "unblindings" (
	"id" serial PRIMARY KEY NOT NULL,
	"participant_id" integer NOT NULL,
	"study_id" integer NOT NULL,
	"reason" text NOT NULL,
	"unblinded_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "allocation_entries" ADD CONSTRAINT "allocation_entries_study_id_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."studies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocation_entries" ADD CONSTRAINT "allocation_entries_arm_id_study_arms_id_fk" FOREIGN KEY ("arm_id") REFERENCES "public"."study_arms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocation_entries" ADD CONSTRAINT "allocation_entries_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participant_transfers" ADD CONSTRAINT "participant_transfers_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participant_transfers" ADD CONSTRAINT "participant_transfers_study_id_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."studies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participant_transfers" ADD CONSTRAINT "participant_transfers_from_site_id_study_sites_id_fk" FOREIGN KEY ("from_site_id") REFERENCES "public"."study_sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participant_transfers" ADD CONSTRAINT "participant_transfers_to_site_id_study_sites_id_fk" FOREIGN KEY ("to_site_id") REFERENCES "public"."study_sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participant_transfers" ADD CONSTRAINT "participant_transfers_from_centre_id_organisations_id_fk" FOREIGN KEY ("from_centre_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participant_transfers" ADD CONSTRAINT "participant_transfers_to_centre_id_organisations_id_fk" FOREIGN KEY ("to_centre_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participant_transfers" ADD CONSTRAINT "participant_transfers_transferred_by_users_id_fk" FOREIGN KEY ("transferred_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participants" ADD CONSTRAINT "participants_study_id_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."studies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participants" ADD CONSTRAINT "participants_screening_id_screenings_id_fk" FOREIGN KEY ("screening_id") REFERENCES "public"."screenings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participants" ADD CONSTRAINT "participants_enrol_site_id_study_sites_id_fk" FOREIGN KEY ("enrol_site_id") REFERENCES "public"."study_sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participants" ADD CONSTRAINT "participants_site_id_study_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."study_sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participants" ADD CONSTRAINT "participants_centre_id_organisations_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participants" ADD CONSTRAINT "participants_consent_version_id_consent_versions_id_fk" FOREIGN KEY ("consent_version_id") REFERENCES "public"."consent_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participants" ADD CONSTRAINT "participants_enrolled_by_users_id_fk" FOREIGN KEY ("enrolled_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screenings" ADD CONSTRAINT "screenings_study_id_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."studies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screenings" ADD CONSTRAINT "screenings_site_id_study_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."study_sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screenings" ADD CONSTRAINT "screenings_centre_id_organisations_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screenings" ADD CONSTRAINT "screenings_screened_by_users_id_fk" FOREIGN KEY ("screened_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unblindings" ADD CONSTRAINT "unblindings_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unblindings" ADD CONSTRAINT "unblindings_study_id_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."studies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unblindings" ADD CONSTRAINT "unblindings_unblinded_by_users_id_fk" FOREIGN KEY ("unblinded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "participant_transfers_participant_idx" ON "participant_transfers" USING btree ("participant_id");--> statement-breakpoint
CREATE INDEX "participants_site_idx" ON "participants" USING btree ("site_id");--> statement-breakpoint
CREATE INDEX "participants_centre_idx" ON "participants" USING btree ("centre_id");--> statement-breakpoint
CREATE INDEX "participants_person_idx" ON "participants" USING btree ("national_id_hash");--> statement-breakpoint
CREATE INDEX "screenings_study_site_idx" ON "screenings" USING btree ("study_id","site_id","screened_on");--> statement-breakpoint
CREATE INDEX "screenings_centre_idx" ON "screenings" USING btree ("centre_id");--> statement-breakpoint
CREATE INDEX "unblindings_participant_idx" ON "unblindings" USING btree ("participant_id");
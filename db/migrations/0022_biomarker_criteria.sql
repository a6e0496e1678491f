CREATE TYPE "public"."biomarker_criterion_kind" AS ENUM('gene_variant', 'specific_variant', 'fusion', 'tmb', 'msi_high', 'pdl1_tps', 'pdl1_cps', 'her2');--> statement-breakpoint
CREATE TYPE "public"."her2_rule" AS ENUM('ihc_3plus', 'ihc_3plus_or_2plus_ish');--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'biomarker_match';--> statement-breakpoint
CREATE TABLE "biomarker_criteria" (
	"id" serial PRIMARY KEY NOT NULL,
	"protocol_version_id" integer NOT NULL,
	"ordinal" integer NOT NULL,
	"code" text NOT NULL,
	"kind" "biomarker_criterion_kind" NOT NULL,
	"gene" text,
	"partner_gene" text,
	"variant_types" text[],
	"hgvs_p" text,
	"max_tier" "somatic_tier",
	"min_germline_class" "germline_class",
	"min_vaf" numeric(5, 4),
	"min_value" numeric(8, 2),
	"her2_rule" "her2_rule",
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "biomarker_criteria_version_code_uq" UNIQUE("protocol_version_id","code"),
	CONSTRAINT "biomarker_criteria_vaf_ck" CHECK ("biomarker_criteria"."min_vaf" is null or "biomarker_criteria"."min_vaf" between 0 and 1),
	CONSTRAINT "biomarker_criteria_gene_ck" CHECK (("biomarker_criteria"."kind" in ('gene_variant', 'specific_variant', 'fusion')) = ("biomarker_criteria"."gene" is not null)),
	CONSTRAINT "biomarker_criteria_hgvs_ck" CHECK (("biomarker_criteria"."kind" = 'specific_variant') = ("biomarker_criteria"."hgvs_p" is not null)),
	CONSTRAINT "biomarker_criteria_value_ck" CHECK (("biomarker_criteria"."kind" in ('tmb', 'pdl1_tps', 'pdl1_cps')) = ("biomarker_criteria"."min_value" is not null)),
	CONSTRAINT "biomarker_criteria_her2_ck" CHECK (("biomarker_criteria"."kind" = 'her2') = ("biomarker_criteria"."her2_rule" is not null))
);
--> statement-breakpoint
CREATE TABLE "screening_invitations" (
	"id" serial PRIMARY KEY NOT NULL,
	"participant_id" integer NOT NULL,
	"study_id" integer NOT NULL,
	"site_id" integer NOT NULL,
	"centre_id" integer NOT NULL,
	"protocol_version" integer NOT NULL,
	"criterion_codes" text[] NOT NULL,
	"evidence" jsonb NOT NULL,
	"invited_on" date NOT NULL,
	"invited_by" integer NOT NULL,
	"request_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "screening_invitations_participant_study_uq" UNIQUE("participant_id","study_id"),
	CONSTRAINT "screening_invitations_request_key_uq" UNIQUE("request_key")
);
--> statement-breakpoint
ALTER TABLE "biomarker_criteria" ADD CONSTRAINT "biomarker_criteria_protocol_version_id_protocol_versions_id_fk" FOREIGN KEY ("protocol_version_id") REFERENCES "public"."protocol_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_invitations" ADD CONSTRAINT "screening_invitations_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_invitations" ADD CONSTRAINT "screening_invitations_study_id_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."studies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_invitations" ADD CONSTRAINT "screening_invitations_site_id_study_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."study_sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_invitations" ADD CONSTRAINT "screening_invitations_centre_id_organisations_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_invitations" ADD CONSTRAINT "screening_invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "screening_invitations_study_idx" ON "screening_invitations" USING btree ("study_id","centre_id");
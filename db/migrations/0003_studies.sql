CREATE TYPE "public"."criterion_kind" AS ENUM('inclusion', 'exclusion');--> statement-breakpoint
CREATE TYPE "public"."randomization_method" AS ENUM('permuted_blocks', 'minimization');--> statement-breakpoint
CREATE TYPE "public"."research_area" AS ENUM('clinical_oncology', 'cancer_epidemiology', 'cancer_biology', 'cancer_pharmacy', 'cancer_immunology', 'new_cancer_technology');--> statement-breakpoint
CREATE TYPE "public"."study_blinding" AS ENUM('open', 'blinded');--> statement-breakpoint
CREATE TYPE "public"."study_design" AS ENUM('observational', 'single_arm', 'randomized');--> statement-breakpoint
CREATE TYPE "public"."study_phase" AS ENUM('I', 'I_II', 'II', 'III', 'IV', 'not_applicable');--> statement-breakpoint
CREATE TYPE "public"."study_site_status" AS ENUM('pending', 'active', 'suspended', 'closed');--> statement-breakpoint
CREATE TYPE "public"."study_status" AS ENUM('draft', 'ethics_review', 'recruiting', 'suspended', 'closed_to_accrual', 'completed');--> statement-breakpoint
CREATE TYPE "public"."study_team_role" AS ENUM('pi', 'co_investigator', 'site_pi', 'monitor', 'data_manager');--> statement-breakpoint
CREATE TABLE "consent_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"protocol_version_id" integer NOT NULL,
	"label" text NOT NULL,
	"effective_date" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consent_versions_version_label_uq" UNIQUE("protocol_version_id","label")
);
--> statement-breakpoint
CREATE TABLE "eligibility_criteria" (
	"id" serial PRIMARY KEY NOT NULL,
	"protocol_version_id" integer NOT NULL,
	"kind" "criterion_kind" NOT NULL,
	"ordinal" integer NOT NULL,
	"code" text NOT NULL,
	"text_zh" text NOT NULL,
	"text_en" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "eligibility_criteria_version_code_uq" UNIQUE("protocol_version_id","code")
);
--> statement-breakpoint
CREATE TABLE "protocol_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"study_id" integer NOT NULL,
	"version" integer NOT NULL,
	"effective_date" date NOT NULL,
	"reason" text NOT NULL,
	"target_enrolment" integer NOT NULL,
	"changes" jsonb,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "protocol_versions_study_version_uq" UNIQUE("study_id","version"),
	CONSTRAINT "protocol_versions_version_ck" CHECK ("protocol_versions"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "strat_factors" (
	"id" serial PRIMARY KEY NOT NULL,
	"protocol_version_id" integer NOT NULL,
	"ordinal" integer NOT NULL,
	"code" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "strat_factors_version_code_uq" UNIQUE("protocol_version_id","code")
);
--> statement-breakpoint
CREATE TABLE "strat_levels" (
	"id" serial PRIMARY KEY NOT NULL,
	"factor_id" integer NOT NULL,
	"ordinal" integer NOT NULL,
	"code" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "strat_levels_factor_code_uq" UNIQUE("factor_id","code")
);
--> statement-breakpoint
CREATE TABLE "studies" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"title_zh" text NOT NULL,
	"title_en" text NOT NULL,
	"registry_no" text,
	"phase" "study_phase" NOT NULL,
	"design" "study_design" NOT NULL,
	"area" "research_area" NOT NULL,
	"lead_centre_id" integer NOT NULL,
	"pi_user_id" integer NOT NULL,
	"target_enrolment" integer NOT NULL,
	"planned_start" date,
	"planned_end" date,
	"status" "study_status" DEFAULT 'draft' NOT NULL,
	"blinding" "study_blinding",
	"randomization_method" "randomization_method",
	"site_is_stratum" boolean DEFAULT false NOT NULL,
	"current_protocol_version" integer DEFAULT 1 NOT NULL,
	"ethics_approval_date" date,
	"ethics_ref" text,
	"recruiting_started_at" timestamp with time zone,
	"enrolled_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "studies_code_unique" UNIQUE("code"),
	CONSTRAINT "studies_code_ck" CHECK ("studies"."code" ~ '^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$'),
	CONSTRAINT "studies_target_ck" CHECK ("studies"."target_enrolment" > 0),
	CONSTRAINT "studies_enrolled_ck" CHECK ("studies"."enrolled_count" >= 0),
	CONSTRAINT "studies_dates_ck" CHECK ("studies"."planned_end" is null or "studies"."planned_start" is null or "studies"."planned_end" >= "studies"."planned_start")
);
--> statement-breakpoint
CREATE TABLE "study_arms" (
	"id" serial PRIMARY KEY NOT NULL,
	"protocol_version_id" integer NOT NULL,
	"ordinal" integer NOT NULL,
	"code" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"ratio" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "study_arms_version_code_uq" UNIQUE("protocol_version_id","code"),
	CONSTRAINT "study_arms_ratio_ck" CHECK ("study_arms"."ratio" between 1 and 20)
);
--> statement-breakpoint
CREATE TABLE "study_sites" (
	"id" serial PRIMARY KEY NOT NULL,
	"study_id" integer NOT NULL,
	"centre_id" integer NOT NULL,
	"target" integer NOT NULL,
	"site_pi_user_id" integer,
	"ethics_approval_date" date,
	"status" "study_site_status" DEFAULT 'pending' NOT NULL,
	"allow_over_enrolment" boolean DEFAULT false NOT NULL,
	"enrolled_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "study_sites_study_centre_uq" UNIQUE("study_id","centre_id"),
	CONSTRAINT "study_sites_target_ck" CHECK ("study_sites"."target" >= 0),
	CONSTRAINT "study_sites_enrolled_ck" CHECK ("study_sites"."enrolled_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "study_team" (
	"id" serial PRIMARY KEY NOT NULL,
	"study_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"study_role" "study_team_role" NOT NULL,
	"centre_id" integer,
	"removed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "study_team_study_user_role_uq" UNIQUE("study_id","user_id","study_role")
);
--> statement-breakpoint
ALTER TABLE "consent_versions" ADD CONSTRAINT "consent_versions_protocol_version_id_protocol_versions_id_fk" FOREIGN KEY ("protocol_version_id") REFERENCES "public"."protocol_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eligibility_criteria" ADD CONSTRAINT "eligibility_criteria_protocol_version_id_protocol_versions_id_fk" FOREIGN KEY ("protocol_version_id") REFERENCES "public"."protocol_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "protocol_versions" ADD CONSTRAINT "protocol_versions_study_id_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."studies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "protocol_versions" ADD CONSTRAINT "protocol_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strat_factors" ADD CONSTRAINT "strat_factors_protocol_version_id_protocol_versions_id_fk" FOREIGN KEY ("protocol_version_id") REFERENCES "public"."protocol_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strat_levels" ADD CONSTRAINT "strat_levels_factor_id_strat_factors_id_fk" FOREIGN KEY ("factor_id") REFERENCES "public"."strat_factors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "studies" ADD CONSTRAINT "studies_lead_centre_id_organisations_id_fk" FOREIGN KEY ("lead_centre_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "studies" ADD CONSTRAINT "studies_pi_user_id_users_id_fk" FOREIGN KEY ("pi_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "study_arms" ADD CONSTRAINT "study_arms_protocol_version_id_protocol_versions_id_fk" FOREIGN KEY ("protocol_version_id") REFERENCES "public"."protocol_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "study_sites" ADD CONSTRAINT "study_sites_study_id_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."studies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "study_sites" ADD CONSTRAINT "study_sites_centre_id_organisations_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "study_sites" ADD CONSTRAINT "study_sites_site_pi_user_id_users_id_fk" FOREIGN KEY ("site_pi_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "study_team" ADD CONSTRAINT "study_team_study_id_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."studies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "study_team" ADD CONSTRAINT "study_team_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "study_team" ADD CONSTRAINT "study_team_centre_id_organisations_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "studies_pi_idx" ON "studies" USING btree ("pi_user_id");--> statement-breakpoint
CREATE INDEX "studies_lead_centre_idx" ON "studies" USING btree ("lead_centre_id");--> statement-breakpoint
CREATE INDEX "studies_status_idx" ON "studies" USING btree ("status");--> statement-breakpoint
CREATE INDEX "study_sites_centre_idx" ON "study_sites" USING btree ("centre_id");--> statement-breakpoint
CREATE INDEX "study_team_user_idx" ON "study_team" USING btree ("user_id");
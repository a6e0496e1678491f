CREATE TYPE "public"."crf_event_kind" AS ENUM('scheduled', 'unscheduled', 'log');--> statement-breakpoint
CREATE TYPE "public"."crf_form_instance_status" AS ENUM('in_progress', 'complete', 'verified');--> statement-breakpoint
CREATE TYPE "public"."crf_item_type" AS ENUM('text', 'longtext', 'integer', 'decimal', 'date', 'datetime', 'time', 'yesno', 'truefalse', 'radio', 'dropdown', 'checkbox', 'calc', 'descriptive', 'slider');--> statement-breakpoint
CREATE TYPE "public"."crf_validation_type" AS ENUM('integer', 'number', 'number_1dp', 'number_2dp', 'number_3dp', 'number_4dp', 'date_ymd', 'date_mdy', 'date_dmy', 'datetime_ymd', 'datetime_mdy', 'datetime_dmy', 'datetime_seconds_ymd', 'datetime_seconds_mdy', 'datetime_seconds_dmy', 'time', 'time_mm_ss', 'email', 'phone', 'mobile_cn', 'zipcode', 'alpha_only');--> statement-breakpoint
CREATE TABLE "crf_event_forms" (
	"id" serial PRIMARY KEY NOT NULL,
	"event_id" integer NOT NULL,
	"form_id" integer NOT NULL,
	"ordinal" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "crf_event_forms_uq" UNIQUE("event_id","form_id")
);
--> statement-breakpoint
CREATE TABLE "crf_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"study_id" integer NOT NULL,
	"name" text NOT NULL,
	"kind" "crf_event_kind" NOT NULL,
	"visit_code" text,
	"ordinal" integer NOT NULL,
	"label_zh" text NOT NULL,
	"label_en" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "crf_events_study_name_uq" UNIQUE("study_id","name"),
	CONSTRAINT "crf_events_study_visit_uq" UNIQUE("study_id","visit_code"),
	CONSTRAINT "crf_events_name_ck" CHECK (name ~ '^[a-z][a-z0-9_]*$'),
	CONSTRAINT "crf_events_visit_ck" CHECK (("crf_events"."kind" = 'scheduled') = ("crf_events"."visit_code" is not null))
);
--> statement-breakpoint
CREATE TABLE "crf_form_instances" (
	"id" serial PRIMARY KEY NOT NULL,
	"participant_id" integer NOT NULL,
	"study_id" integer NOT NULL,
	"event_id" integer NOT NULL,
	"form_id" integer NOT NULL,
	"repeat" integer DEFAULT 1 NOT NULL,
	"form_version_id" integer NOT NULL,
	"status" "crf_form_instance_status" DEFAULT 'in_progress' NOT NULL,
	"values" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"missing" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"entered_by" integer NOT NULL,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "crf_form_instances_uq" UNIQUE("participant_id","event_id","form_id","repeat"),
	CONSTRAINT "crf_form_instances_repeat_ck" CHECK ("crf_form_instances"."repeat" >= 1),
	CONSTRAINT "crf_form_instances_values_ck" CHECK (jsonb_typeof("crf_form_instances"."values") = 'object' and jsonb_typeof("crf_form_instances"."missing") = 'object')
);
--> statement-breakpoint
CREATE TABLE "crf_form_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"form_id" integer NOT NULL,
	"version" integer NOT NULL,
	"protocol_version_id" integer NOT NULL,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "crf_form_versions_form_version_uq" UNIQUE("form_id","version"),
	CONSTRAINT "crf_form_versions_form_protocol_uq" UNIQUE("form_id","protocol_version_id"),
	CONSTRAINT "crf_form_versions_version_ck" CHECK ("crf_form_versions"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "crf_forms" (
	"id" serial PRIMARY KEY NOT NULL,
	"study_id" integer NOT NULL,
	"name" text NOT NULL,
	"ordinal" integer NOT NULL,
	"label_zh" text NOT NULL,
	"label_en" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "crf_forms_study_name_uq" UNIQUE("study_id","name"),
	CONSTRAINT "crf_forms_name_ck" CHECK (name ~ '^[a-z][a-z0-9_]*$')
);
--> statement-breakpoint
CREATE TABLE "crf_item_choices" (
	"id" serial PRIMARY KEY NOT NULL,
	"item_id" integer NOT NULL,
	"ordinal" integer NOT NULL,
	"code" text NOT NULL,
	"label_zh" text NOT NULL,
	"label_en" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "crf_item_choices_item_code_uq" UNIQUE("item_id","code"),
	CONSTRAINT "crf_item_choices_item_ordinal_uq" UNIQUE("item_id","ordinal"),
	CONSTRAINT "crf_item_choices_code_ck" CHECK ("crf_item_choices"."code" ~ '^[A-Za-z0-9_.-]{1,40}$')
);
--> statement-breakpoint
CREATE TABLE "crf_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"form_version_id" integer NOT NULL,
	"section_id" integer,
	"repeating_group_id" integer,
	"ordinal" integer NOT NULL,
	"name" text NOT NULL,
	"type" "crf_item_type" NOT NULL,
	"validation" "crf_validation_type",
	"label_zh" text NOT NULL,
	"label_en" text NOT NULL,
	"note_zh" text,
	"note_en" text,
	"unit" text,
	"decimal_places" smallint,
	"required" boolean DEFAULT false NOT NULL,
	"identifier" boolean DEFAULT false NOT NULL,
	"hard_min" text,
	"hard_max" text,
	"soft_min" text,
	"soft_max" text,
	"branching_logic" text,
	"calculation" text,
	"slider_labels" jsonb,
	"slider_show_number" boolean DEFAULT false NOT NULL,
	"missing_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"matrix_group" text,
	"matrix_ranking" boolean DEFAULT false NOT NULL,
	"alignment" text,
	"question_number" text,
	"annotation" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "crf_items_version_name_uq" UNIQUE("form_version_id","name"),
	CONSTRAINT "crf_items_version_ordinal_uq" UNIQUE("form_version_id","ordinal"),
	CONSTRAINT "crf_items_name_ck" CHECK (name ~ '^[a-z][a-z0-9_]*$'),
	CONSTRAINT "crf_items_decimals_ck" CHECK ("crf_items"."decimal_places" is null or "crf_items"."decimal_places" between 0 and 6),
	CONSTRAINT "crf_items_calc_ck" CHECK (("crf_items"."type" = 'calc') = ("crf_items"."calculation" is not null)),
	CONSTRAINT "crf_items_missing_ck" CHECK ("crf_items"."missing_codes" <@ array['ND','UNK','NA']::text[]),
	CONSTRAINT "crf_items_alignment_ck" CHECK ("crf_items"."alignment" is null or "crf_items"."alignment" in ('LV','LH','RV','RH'))
);
--> statement-breakpoint
CREATE TABLE "crf_repeating_groups" (
	"id" serial PRIMARY KEY NOT NULL,
	"form_version_id" integer NOT NULL,
	"name" text NOT NULL,
	"label_zh" text NOT NULL,
	"label_en" text NOT NULL,
	"max_rows" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "crf_repeating_groups_version_name_uq" UNIQUE("form_version_id","name"),
	CONSTRAINT "crf_repeating_groups_name_ck" CHECK (name ~ '^[a-z][a-z0-9_]*$'),
	CONSTRAINT "crf_repeating_groups_rows_ck" CHECK ("crf_repeating_groups"."max_rows" between 1 and 200)
);
--> statement-breakpoint
CREATE TABLE "crf_sections" (
	"id" serial PRIMARY KEY NOT NULL,
	"form_version_id" integer NOT NULL,
	"ordinal" integer NOT NULL,
	"label_zh" text NOT NULL,
	"label_en" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "crf_sections_version_ordinal_uq" UNIQUE("form_version_id","ordinal")
);
--> statement-breakpoint
ALTER TABLE "crf_event_forms" ADD CONSTRAINT "crf_event_forms_event_id_crf_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."crf_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crf_event_forms" ADD CONSTRAINT "crf_event_forms_form_id_crf_forms_id_fk" FOREIGN KEY ("form_id") REFERENCES "public"."crf_forms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crf_events" ADD CONSTRAINT "crf_events_study_id_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."studies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crf_form_instances" ADD CONSTRAINT "crf_form_instances_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crf_form_instances" ADD CONSTRAINT "crf_form_instances_study_id_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."studies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crf_form_instances" ADD CONSTRAINT "crf_form_instances_event_id_crf_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."crf_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crf_form_instances" ADD CONSTRAINT "crf_form_instances_form_id_crf_forms_id_fk" FOREIGN KEY ("form_id") REFERENCES "public"."crf_forms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crf_form_instances" ADD CONSTRAINT "crf_form_instances_form_version_id_crf_form_versions_id_fk" FOREIGN KEY ("form_version_id") REFERENCES "public"."crf_form_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crf_form_instances" ADD CONSTRAINT "crf_form_instances_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crf_form_versions" ADD CONSTRAINT "crf_form_versions_form_id_crf_forms_id_fk" FOREIGN KEY ("form_id") REFERENCES "public"."crf_forms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crf_form_versions" ADD CONSTRAINT "crf_form_versions_protocol_version_id_protocol_versions_id_fk" FOREIGN KEY ("protocol_version_id") REFERENCES "public"."protocol_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crf_form_versions" ADD CONSTRAINT "crf_form_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crf_forms" ADD CONSTRAINT "crf_forms_study_id_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."studies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crf_item_choices" ADD CONSTRAINT "crf_item_choices_item_id_crf_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."crf_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crf_items" ADD CONSTRAINT "crf_items_form_version_id_crf_form_versions_id_fk" FOREIGN KEY ("form_version_id") REFERENCES "public"."crf_form_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crf_items" ADD CONSTRAINT "crf_items_section_id_crf_sections_id_fk" FOREIGN KEY ("section_id") REFERENCES "public"."crf_sections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crf_items" ADD CONSTRAINT "crf_items_repeating_group_id_crf_repeating_groups_id_fk" FOREIGN KEY ("repeating_group_id") REFERENCES "public"."crf_repeating_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crf_repeating_groups" ADD CONSTRAINT "crf_repeating_groups_form_version_id_crf_form_versions_id_fk" FOREIGN KEY ("form_version_id") REFERENCES "public"."crf_form_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crf_sections" ADD CONSTRAINT "crf_sections_form_version_id_crf_form_versions_id_fk" FOREIGN KEY ("form_version_id") REFERENCES "public"."crf_form_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "crf_form_instances_study_idx" ON "crf_form_instances" USING btree ("study_id","form_id","status");--> statement-breakpoint
CREATE INDEX "crf_items_section_idx" ON "crf_items" USING btree ("section_id");
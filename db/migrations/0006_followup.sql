CREATE TYPE "public"."ae_action" AS ENUM('none', 'dose_reduced', 'interrupted', 'withdrawn', 'not_applicable');--> statement-breakpoint
CREATE TYPE "public"."ae_category" AS ENUM('blood_lymphatic', 'cardiac', 'gastrointestinal', 'general', 'hepatobiliary', 'infection', 'investigations', 'metabolism_nutrition', 'musculoskeletal', 'nervous_system', 'renal_urinary', 'respiratory', 'skin', 'vascular', 'other');--> statement-breakpoint
CREATE TYPE "public"."ae_outcome" AS ENUM('recovered', 'recovering', 'not_recovered', 'recovered_with_sequelae', 'fatal', 'unknown');--> statement-breakpoint
CREATE TYPE "public"."ae_relatedness" AS ENUM('not_related', 'unlikely', 'possible', 'probable', 'definite');--> statement-breakpoint
CREATE TYPE "public"."clinical_entity" AS ENUM('participant', 'visit', 'adverse_event');--> statement-breakpoint
CREATE TYPE "public"."query_event_kind" AS ENUM('raised', 'answered', 'closed', 'reopened');--> statement-breakpoint
CREATE TYPE "public"."query_status" AS ENUM('open', 'answered', 'closed');--> statement-breakpoint
CREATE TYPE "public"."tumour_response" AS ENUM('CR', 'PR', 'SD', 'PD', 'NE');--> statement-breakpoint
CREATE TYPE "public"."visit_status" AS ENUM('expected', 'done', 'missed');--> statement-breakpoint
CREATE TABLE "adverse_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"participant_id" integer NOT NULL,
	"study_id" integer NOT NULL,
	"term" text NOT NULL,
	"category" "ae_category" NOT NULL,
	"grade" smallint NOT NULL,
	"onset_on" date NOT NULL,
	"ended_on" date,
	"serious" boolean DEFAULT false NOT NULL,
	"serious_criteria" text[] DEFAULT '{}'::text[] NOT NULL,
	"relatedness" "ae_relatedness" NOT NULL,
	"action_taken" "ae_action" NOT NULL,
	"outcome" "ae_outcome" NOT NULL,
	"aware_at" timestamp with time zone NOT NULL,
	"reported_at" timestamp with time zone,
	"report_late" boolean GENERATED ALWAYS AS (coalesce(serious and (reported_at - aware_at) > interval '24 hours', false)) STORED NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"recorded_by" integer,
	"sdv_by" integer,
	"sdv_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "adverse_events_grade_ck" CHECK ("adverse_events"."grade" between 1 and 5),
	CONSTRAINT "adverse_events_dates_ck" CHECK ("adverse_events"."ended_on" is null or "adverse_events"."ended_on" >= "adverse_events"."onset_on"),
	CONSTRAINT "adverse_events_serious_ck" CHECK ("adverse_events"."serious" = (cardinality("adverse_events"."serious_criteria") > 0)),
	CONSTRAINT "adverse_events_reported_ck" CHECK (not "adverse_events"."serious" or "adverse_events"."reported_at" is not null),
	CONSTRAINT "adverse_events_sdv_ck" CHECK (("adverse_events"."sdv_by" is null) = ("adverse_events"."sdv_at" is null))
);
--> statement-breakpoint
CREATE TABLE "queries" (
	"id" serial PRIMARY KEY NOT NULL,
	"study_id" integer NOT NULL,
	"participant_id" integer NOT NULL,
	"entity_type" "clinical_entity" NOT NULL,
	"entity_id" integer NOT NULL,
	"field" text NOT NULL,
	"status" "query_status" DEFAULT 'open' NOT NULL,
	"raised_by" integer NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"answered_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "queries_closed_ck" CHECK (("queries"."status" = 'closed') = ("queries"."closed_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"kind" text NOT NULL,
	"study_id" integer,
	"participant_id" integer,
	"entity_type" "clinical_entity",
	"entity_id" integer,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notifications_user_kind_entity_uq" UNIQUE("user_id","kind","entity_type","entity_id")
);
--> statement-breakpoint
CREATE TABLE "participant_visits" (
	"id" serial PRIMARY KEY NOT NULL,
	"participant_id" integer NOT NULL,
	"study_id" integer NOT NULL,
	"visit_definition_id" integer NOT NULL,
	"due_on" date NOT NULL,
	"window_start" date NOT NULL,
	"window_end" date NOT NULL,
	"status" "visit_status" DEFAULT 'expected' NOT NULL,
	"visit_date" date,
	"out_of_window" boolean DEFAULT false NOT NULL,
	"ecog" smallint,
	"weight_kg" numeric(5, 1),
	"tumour_response" "tumour_response",
	"missed_reason" text,
	"version" integer DEFAULT 0 NOT NULL,
	"recorded_by" integer,
	"recorded_at" timestamp with time zone,
	"sdv_by" integer,
	"sdv_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "participant_visits_participant_def_uq" UNIQUE("participant_id","visit_definition_id"),
	CONSTRAINT "participant_visits_window_ck" CHECK ("participant_visits"."window_start" <= "participant_visits"."due_on" and "participant_visits"."due_on" <= "participant_visits"."window_end"),
	CONSTRAINT "participant_visits_ecog_ck" CHECK ("participant_visits"."ecog" is null or "participant_visits"."ecog" between 0 and 5),
	CONSTRAINT "participant_visits_weight_ck" CHECK ("participant_visits"."weight_kg" is null or "participant_visits"."weight_kg" between 1 and 400),
	CONSTRAINT "participant_visits_done_ck" CHECK (("participant_visits"."status" = 'done') = ("participant_visits"."visit_date" is not null)),
	CONSTRAINT "participant_visits_sdv_ck" CHECK (("participant_visits"."sdv_by" is null) = ("participant_visits"."sdv_at" is null))
);
--> statement-breakpoint
CREATE TABLE "query_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"query_id" integer NOT NULL,
	"kind" "query_event_kind" NOT NULL,
	"body" text NOT NULL,
	"author_id" integer NOT NULL,
	"record_version_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "record_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"entity_type" "clinical_entity" NOT NULL,
	"entity_id" integer NOT NULL,
	"study_id" integer NOT NULL,
	"participant_id" integer NOT NULL,
	"version" integer NOT NULL,
	"values" jsonb NOT NULL,
	"changed_fields" text[] DEFAULT '{}'::text[] NOT NULL,
	"changed_by" integer,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "record_versions_entity_version_uq" UNIQUE("entity_type","entity_id","version"),
	CONSTRAINT "record_versions_version_ck" CHECK ("record_versions"."version" >= 1),
	CONSTRAINT "record_versions_reason_ck" CHECK ("record_versions"."version" = 1 or coalesce(length(trim("record_versions"."reason")), 0) > 0)
);
--> statement-breakpoint
CREATE TABLE "visit_definitions" (
	"id" serial PRIMARY KEY NOT NULL,
	"protocol_version_id" integer NOT NULL,
	"ordinal" integer NOT NULL,
	"code" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"target_day" integer NOT NULL,
	"window_days" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "visit_definitions_version_code_uq" UNIQUE("protocol_version_id","code"),
	CONSTRAINT "visit_definitions_day_ck" CHECK ("visit_definitions"."target_day" >= 0),
	CONSTRAINT "visit_definitions_window_ck" CHECK ("visit_definitions"."window_days" between 0 and 365)
);
--> statement-breakpoint
ALTER TABLE "adverse_events" ADD CONSTRAINT "adverse_events_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adverse_events" ADD CONSTRAINT "adverse_events_study_id_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."studies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adverse_events" ADD CONSTRAINT "adverse_events_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adverse_events" ADD CONSTRAINT "adverse_events_sdv_by_users_id_fk" FOREIGN KEY ("sdv_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queries" ADD CONSTRAINT "queries_study_id_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."studies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queries" ADD CONSTRAINT "queries_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queries" ADD CONSTRAINT "queries_raised_by_users_id_fk" FOREIGN KEY ("raised_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_study_id_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."studies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participant_visits" ADD CONSTRAINT "participant_visits_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participant_visits" ADD CONSTRAINT "participant_visits_study_id_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."studies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participant_visits" ADD CONSTRAINT "participant_visits_visit_definition_id_visit_definitions_id_fk" FOREIGN KEY ("visit_definition_id") REFERENCES "public"."visit_definitions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participant_visits" ADD CONSTRAINT "participant_visits_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participant_visits" ADD CONSTRAINT "participant_visits_sdv_by_users_id_fk" FOREIGN KEY ("sdv_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "query_events" ADD CONSTRAINT "query_events_query_id_queries_id_fk" FOREIGN KEY ("query_id") REFERENCES "public"."queries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "query_events" ADD CONSTRAINT "query_events_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "query_events" ADD CONSTRAINT "query_events_record_version_id_record_versions_id_fk" FOREIGN KEY ("record_version_id") REFERENCES "public"."record_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_versions" ADD CONSTRAINT "record_versions_study_id_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."studies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_versions" ADD CONSTRAINT "record_versions_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_versions" ADD CONSTRAINT "record_versions_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_definitions" ADD CONSTRAINT "visit_definitions_protocol_version_id_protocol_versions_id_fk" FOREIGN KEY ("protocol_version_id") REFERENCES "public"."protocol_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "adverse_events_participant_idx" ON "adverse_events" USING btree ("participant_id");--> statement-breakpoint
CREATE INDEX "adverse_events_study_idx" ON "adverse_events" USING btree ("study_id","serious");--> statement-breakpoint
CREATE INDEX "queries_study_status_idx" ON "queries" USING btree ("study_id","status");--> statement-breakpoint
CREATE INDEX "queries_participant_idx" ON "queries" USING btree ("participant_id");--> statement-breakpoint
CREATE INDEX "notifications_user_unread_idx" ON "notifications" USING btree ("user_id","read_at");--> statement-breakpoint
CREATE INDEX "participant_visits_study_due_idx" ON "participant_visits" USING btree ("study_id","status","window_end");--> statement-breakpoint
CREATE INDEX "query_events_query_idx" ON "query_events" USING btree ("query_id");--> statement-breakpoint
CREATE INDEX "record_versions_participant_idx" ON "record_versions" USING btree ("participant_id");
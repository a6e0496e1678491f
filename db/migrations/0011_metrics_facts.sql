CREATE TABLE "metric_enrol_days" (
	"grain" smallint NOT NULL,
	"bucket" date NOT NULL,
	"centre_id" integer NOT NULL,
	"study_id" integer NOT NULL,
	"days" integer NOT NULL,
	"n" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "metric_enrol_days_pk" PRIMARY KEY("grain","bucket","centre_id","study_id","days"),
	CONSTRAINT "metric_enrol_days_grain_ck" CHECK ("metric_enrol_days"."grain" in (1, 2, 3))
);
--> statement-breakpoint
CREATE TABLE "metric_facts" (
	"grain" smallint NOT NULL,
	"bucket" date NOT NULL,
	"centre_id" integer NOT NULL,
	"study_id" integer NOT NULL,
	"screened" integer DEFAULT 0 NOT NULL,
	"screen_failed" integer DEFAULT 0 NOT NULL,
	"enrolled" integer DEFAULT 0 NOT NULL,
	"enrolled_withdrawn" integer DEFAULT 0 NOT NULL,
	"aes" integer DEFAULT 0 NOT NULL,
	"saes" integer DEFAULT 0 NOT NULL,
	"late_saes" integer DEFAULT 0 NOT NULL,
	"queries_opened" integer DEFAULT 0 NOT NULL,
	"queries_closed" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "metric_facts_pk" PRIMARY KEY("grain","bucket","centre_id","study_id"),
	CONSTRAINT "metric_facts_grain_ck" CHECK ("metric_facts"."grain" in (1, 2, 3))
);
--> statement-breakpoint
CREATE TABLE "metric_screen_reasons" (
	"grain" smallint NOT NULL,
	"bucket" date NOT NULL,
	"centre_id" integer NOT NULL,
	"study_id" integer NOT NULL,
	"protocol_version" integer NOT NULL,
	"code" text NOT NULL,
	"n" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "metric_screen_reasons_pk" PRIMARY KEY("grain","bucket","centre_id","study_id","protocol_version","code"),
	CONSTRAINT "metric_screen_reasons_grain_ck" CHECK ("metric_screen_reasons"."grain" in (1, 2, 3))
);
--> statement-breakpoint
CREATE TABLE "metric_settings" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"zone" text NOT NULL,
	CONSTRAINT "metric_settings_one_ck" CHECK ("metric_settings"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "metric_site_state" (
	"centre_id" integer NOT NULL,
	"study_id" integer NOT NULL,
	"last_enrolled_on" date,
	"open_queries" integer DEFAULT 0 NOT NULL,
	"answered_queries" integer DEFAULT 0 NOT NULL,
	"oldest_unclosed_at" timestamp with time zone,
	CONSTRAINT "metric_site_state_pk" PRIMARY KEY("centre_id","study_id")
);
--> statement-breakpoint
CREATE TABLE "metric_specimens" (
	"grain" smallint NOT NULL,
	"bucket" date NOT NULL,
	"centre_id" integer NOT NULL,
	"study_id" integer NOT NULL,
	"type" "specimen_type" NOT NULL,
	"collected" integer DEFAULT 0 NOT NULL,
	"of_participants" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "metric_specimens_pk" PRIMARY KEY("grain","bucket","centre_id","study_id","type"),
	CONSTRAINT "metric_specimens_grain_ck" CHECK ("metric_specimens"."grain" in (1, 2, 3))
);
--> statement-breakpoint
CREATE INDEX "metric_facts_site_idx" ON "metric_facts" USING btree ("centre_id","study_id","grain","bucket");
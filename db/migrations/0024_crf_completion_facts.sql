CREATE TABLE "crf_completion_facts" (
	"study_id" integer NOT NULL,
	"centre_id" integer NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "crf_completion_facts_pk" PRIMARY KEY("study_id","centre_id","kind","key"),
	CONSTRAINT "crf_completion_facts_kind_ck" CHECK ("crf_completion_facts"."kind" in ('status', 'days', 'due'))
);
--> statement-breakpoint
CREATE TABLE "crf_completion_ledger" (
	"participant_id" integer NOT NULL,
	"study_id" integer NOT NULL,
	"centre_id" integer NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "crf_completion_ledger_pk" PRIMARY KEY("participant_id","kind","key")
);

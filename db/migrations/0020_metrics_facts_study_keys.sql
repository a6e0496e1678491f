ALTER TABLE "metric_enrol_days" DROP CONSTRAINT "metric_enrol_days_pk";
--> statement-breakpoint
ALTER TABLE "metric_enrol_days" ADD CONSTRAINT "metric_enrol_days_pk" PRIMARY KEY("grain","study_id","bucket","centre_id","days");--> statement-breakpoint
ALTER TABLE "metric_facts" DROP CONSTRAINT "metric_facts_pk";
--> statement-breakpoint
ALTER TABLE "metric_facts" ADD CONSTRAINT "metric_facts_pk" PRIMARY KEY("grain","study_id","bucket","centre_id");--> statement-breakpoint
ALTER TABLE "metric_screen_reasons" DROP CONSTRAINT "metric_screen_reasons_pk";
--> statement-breakpoint
ALTER TABLE "metric_screen_reasons" ADD CONSTRAINT "metric_screen_reasons_pk" PRIMARY KEY("grain","study_id","bucket","centre_id","protocol_version","code");--> statement-breakpoint
ALTER TABLE "metric_specimens" DROP CONSTRAINT "metric_specimens_pk";
--> statement-breakpoint
ALTER TABLE "metric_specimens" ADD CONSTRAINT "metric_specimens_pk" PRIMARY KEY("grain","study_id","bucket","centre_id","type");
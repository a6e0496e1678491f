CREATE TYPE "public"."biomarker_kind" AS ENUM('tmb', 'msi', 'pdl1_tps', 'pdl1_cps', 'her2_ihc');--> statement-breakpoint
CREATE TYPE "public"."germline_class" AS ENUM('pathogenic', 'likely_pathogenic', 'uncertain_significance', 'likely_benign', 'benign');--> statement-breakpoint
CREATE TYPE "public"."molecular_order_status" AS ENUM('ordered', 'received', 'in_analysis', 'reported', 'failed');--> statement-breakpoint
CREATE TYPE "public"."molecular_test_kind" AS ENUM('ngs_panel', 'biochip', 'ihc', 'fish', 'msi', 'tmb');--> statement-breakpoint
CREATE TYPE "public"."somatic_tier" AS ENUM('tier_i', 'tier_ii', 'tier_iii', 'tier_iv');--> statement-breakpoint
CREATE TYPE "public"."variant_origin" AS ENUM('somatic', 'germline');--> statement-breakpoint
CREATE TYPE "public"."variant_type" AS ENUM('snv', 'mnv', 'insertion', 'deletion', 'delins', 'duplication', 'fusion', 'amplification', 'loss');--> statement-breakpoint
ALTER TYPE "public"."network_role" ADD VALUE 'molecular_lab';--> statement-breakpoint
CREATE TABLE "molecular_biomarkers" (
	"id" serial PRIMARY KEY NOT NULL,
	"order_id" integer NOT NULL,
	"kind" "biomarker_kind" NOT NULL,
	"value" numeric(8, 2),
	"category" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "molecular_biomarkers_order_kind_uq" UNIQUE("order_id","kind"),
	CONSTRAINT "molecular_biomarkers_value_ck" CHECK ("molecular_biomarkers"."value" is not null or "molecular_biomarkers"."category" is not null)
);
--> statement-breakpoint
CREATE TABLE "molecular_orders" (
	"id" serial PRIMARY KEY NOT NULL,
	"specimen_id" integer NOT NULL,
	"participant_id" integer NOT NULL,
	"study_id" integer NOT NULL,
	"lab_centre_id" integer NOT NULL,
	"test_kind" "molecular_test_kind" NOT NULL,
	"origin" "variant_origin" NOT NULL,
	"status" "molecular_order_status" DEFAULT 'ordered' NOT NULL,
	"ordered_by" integer NOT NULL,
	"ordered_on" date NOT NULL,
	"received_on" date,
	"analysis_on" date,
	"reported_on" date,
	"failed_on" date,
	"failure_reason" text,
	"tumour_content_pct" numeric(5, 2),
	"mean_depth" integer,
	"coverage_pct" numeric(5, 2),
	"turnaround_days" integer,
	"results_at" timestamp with time zone,
	"hereditary_risk" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "molecular_orders_failed_ck" CHECK (("molecular_orders"."status" = 'failed') = ("molecular_orders"."failure_reason" is not null)),
	CONSTRAINT "molecular_orders_reported_ck" CHECK ("molecular_orders"."status" <> 'reported' or ("molecular_orders"."reported_on" is not null and "molecular_orders"."turnaround_days" is not null)),
	CONSTRAINT "molecular_orders_pct_ck" CHECK (("molecular_orders"."tumour_content_pct" is null or "molecular_orders"."tumour_content_pct" between 0 and 100) and ("molecular_orders"."coverage_pct" is null or "molecular_orders"."coverage_pct" between 0 and 100))
);
--> statement-breakpoint
CREATE TABLE "molecular_variants" (
	"id" serial PRIMARY KEY NOT NULL,
	"order_id" integer NOT NULL,
	"line" integer NOT NULL,
	"gene" text NOT NULL,
	"partner_gene" text,
	"transcript" text,
	"hgvs_c" text,
	"hgvs_p" text,
	"variant_type" "variant_type" NOT NULL,
	"chrom" text,
	"pos" integer,
	"ref" text,
	"alt" text,
	"vaf" numeric(5, 4),
	"depth" integer,
	"origin" "variant_origin" NOT NULL,
	"somatic_tier" "somatic_tier",
	"germline_class" "germline_class",
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "molecular_variants_class_ck" CHECK (("molecular_variants"."origin" = 'somatic' and "molecular_variants"."somatic_tier" is not null and "molecular_variants"."germline_class" is null) or ("molecular_variants"."origin" = 'germline' and "molecular_variants"."germline_class" is not null and "molecular_variants"."somatic_tier" is null)),
	CONSTRAINT "molecular_variants_vaf_ck" CHECK ("molecular_variants"."vaf" is null or "molecular_variants"."vaf" between 0 and 1)
);
--> statement-breakpoint
ALTER TABLE "molecular_biomarkers" ADD CONSTRAINT "molecular_biomarkers_order_id_molecular_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."molecular_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "molecular_orders" ADD CONSTRAINT "molecular_orders_specimen_id_specimens_id_fk" FOREIGN KEY ("specimen_id") REFERENCES "public"."specimens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "molecular_orders" ADD CONSTRAINT "molecular_orders_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "molecular_orders" ADD CONSTRAINT "molecular_orders_study_id_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."studies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "molecular_orders" ADD CONSTRAINT "molecular_orders_lab_centre_id_organisations_id_fk" FOREIGN KEY ("lab_centre_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "molecular_orders" ADD CONSTRAINT "molecular_orders_ordered_by_users_id_fk" FOREIGN KEY ("ordered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "molecular_variants" ADD CONSTRAINT "molecular_variants_order_id_molecular_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."molecular_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "molecular_orders_participant_idx" ON "molecular_orders" USING btree ("participant_id");--> statement-breakpoint
CREATE INDEX "molecular_orders_lab_status_idx" ON "molecular_orders" USING btree ("lab_centre_id","status");--> statement-breakpoint
CREATE INDEX "molecular_orders_specimen_idx" ON "molecular_orders" USING btree ("specimen_id");--> statement-breakpoint
CREATE INDEX "molecular_variants_order_idx" ON "molecular_variants" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "molecular_variants_gene_idx" ON "molecular_variants" USING btree ("gene");
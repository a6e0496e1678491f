CREATE TYPE "public"."custody_event" AS ENUM('collected', 'stored', 'removed', 'shipped', 'received', 'missing', 'damaged', 'aliquoted', 'reserved', 'released', 'status_changed');--> statement-breakpoint
CREATE TYPE "public"."future_consent" AS ENUM('yes', 'no', 'limited');--> statement-breakpoint
CREATE TYPE "public"."release_status" AS ENUM('pending', 'approved', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."specimen_category" AS ENUM('tissue', 'blood', 'body_fluid');--> statement-breakpoint
CREATE TYPE "public"."specimen_status" AS ENUM('available', 'reserved', 'in_transit', 'missing', 'depleted', 'distributed', 'destroyed');--> statement-breakpoint
CREATE TYPE "public"."specimen_type" AS ENUM('ffpe_block', 'fresh_frozen', 'whole_blood', 'plasma', 'serum', 'buffy_coat', 'urine', 'ascites', 'pleural_effusion', 'csf');--> statement-breakpoint
CREATE TYPE "public"."specimen_unit" AS ENUM('ml', 'mg', 'block');--> statement-breakpoint
CREATE TYPE "public"."transfer_outcome" AS ENUM('pending', 'received', 'missing', 'damaged');--> statement-breakpoint
CREATE TYPE "public"."transfer_status" AS ENUM('created', 'in_transit', 'received');--> statement-breakpoint
CREATE TABLE "custody_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"specimen_id" integer NOT NULL,
	"event" "custody_event" NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"centre_id" integer NOT NULL,
	"user_id" integer,
	"detail" text,
	"transfer_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "donors" (
	"id" serial PRIMARY KEY NOT NULL,
	"donor_code" text NOT NULL,
	"future_consent" "future_consent" NOT NULL,
	"consent_date" date NOT NULL,
	"centre_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "donors_donor_code_unique" UNIQUE("donor_code")
);
--> statement-breakpoint
CREATE TABLE "release_request_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"request_id" integer NOT NULL,
	"specimen_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "release_request_items_uq" UNIQUE("request_id","specimen_id")
);
--> statement-breakpoint
CREATE TABLE "release_requests" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"centre_id" integer NOT NULL,
	"study_id" integer,
	"study_code" text NOT NULL,
	"purpose" text NOT NULL,
	"criteria" text,
	"genetic_use" boolean NOT NULL,
	"hgr_approval_no" text,
	"status" "release_status" DEFAULT 'pending' NOT NULL,
	"requested_by" integer,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"decision_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "release_requests_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "specimen_transfer_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"transfer_id" integer NOT NULL,
	"specimen_id" integer NOT NULL,
	"outcome" "transfer_outcome" DEFAULT 'pending' NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "specimen_transfer_items_uq" UNIQUE("transfer_id","specimen_id")
);
--> statement-breakpoint
CREATE TABLE "specimen_transfers" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"from_centre_id" integer NOT NULL,
	"to_centre_id" integer NOT NULL,
	"status" "transfer_status" DEFAULT 'created' NOT NULL,
	"note" text,
	"created_by" integer,
	"shipped_at" timestamp with time zone,
	"received_at" timestamp with time zone,
	"received_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "specimen_transfers_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "specimens" (
	"id" serial PRIMARY KEY NOT NULL,
	"barcode" text NOT NULL,
	"category" "specimen_category" NOT NULL,
	"type" "specimen_type" NOT NULL,
	"centre_id" integer NOT NULL,
	"holder_centre_id" integer NOT NULL,
	"participant_id" integer,
	"subject_code" text,
	"donor_id" integer,
	"collected_at" timestamp with time zone NOT NULL,
	"quantity" numeric(12, 3) NOT NULL,
	"unit" "specimen_unit" NOT NULL,
	"future_consent" "future_consent" NOT NULL,
	"status" "specimen_status" DEFAULT 'available' NOT NULL,
	"parent_id" integer,
	"box_id" integer,
	"pos_row" smallint,
	"pos_col" smallint,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "specimens_barcode_unique" UNIQUE("barcode"),
	CONSTRAINT "specimens_position_uq" UNIQUE("box_id","pos_row","pos_col"),
	CONSTRAINT "specimens_position_ck" CHECK (("specimens"."box_id" is null) = ("specimens"."pos_row" is null) and ("specimens"."box_id" is null) = ("specimens"."pos_col" is null)),
	CONSTRAINT "specimens_owner_ck" CHECK ("specimens"."subject_code" is not null or "specimens"."donor_id" is not null or "specimens"."parent_id" is not null),
	CONSTRAINT "specimens_quantity_ck" CHECK ("specimens"."quantity" >= 0)
);
--> statement-breakpoint
CREATE TABLE "storage_boxes" (
	"id" serial PRIMARY KEY NOT NULL,
	"rack_id" integer NOT NULL,
	"centre_id" integer NOT NULL,
	"code" text NOT NULL,
	"rows" smallint NOT NULL,
	"cols" smallint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "storage_boxes_rack_code_uq" UNIQUE("rack_id","code"),
	CONSTRAINT "storage_boxes_size_ck" CHECK ("storage_boxes"."rows" between 1 and 26 and "storage_boxes"."cols" between 1 and 26)
);
--> statement-breakpoint
CREATE TABLE "storage_freezers" (
	"id" serial PRIMARY KEY NOT NULL,
	"centre_id" integer NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"temperature_c" smallint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "storage_freezers_centre_code_uq" UNIQUE("centre_id","code")
);
--> statement-breakpoint
CREATE TABLE "storage_racks" (
	"id" serial PRIMARY KEY NOT NULL,
	"freezer_id" integer NOT NULL,
	"code" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "storage_racks_freezer_code_uq" UNIQUE("freezer_id","code")
);
--> statement-breakpoint
ALTER TABLE "custody_events" ADD CONSTRAINT "custody_events_specimen_id_specimens_id_fk" FOREIGN KEY ("specimen_id") REFERENCES "public"."specimens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custody_events" ADD CONSTRAINT "custody_events_centre_id_organisations_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custody_events" ADD CONSTRAINT "custody_events_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custody_events" ADD CONSTRAINT "custody_events_transfer_id_specimen_transfers_id_fk" FOREIGN KEY ("transfer_id") REFERENCES "public"."specimen_transfers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "donors" ADD CONSTRAINT "donors_centre_id_organisations_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "release_request_items" ADD CONSTRAINT "release_request_items_request_id_release_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."release_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "release_request_items" ADD CONSTRAINT "release_request_items_specimen_id_specimens_id_fk" FOREIGN KEY ("specimen_id") REFERENCES "public"."specimens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "release_requests" ADD CONSTRAINT "release_requests_centre_id_organisations_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "release_requests" ADD CONSTRAINT "release_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "release_requests" ADD CONSTRAINT "release_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "specimen_transfer_items" ADD CONSTRAINT "specimen_transfer_items_transfer_id_specimen_transfers_id_fk" FOREIGN KEY ("transfer_id") REFERENCES "public"."specimen_transfers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "specimen_transfer_items" ADD CONSTRAINT "specimen_transfer_items_specimen_id_specimens_id_fk" FOREIGN KEY ("specimen_id") REFERENCES "public"."specimens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "specimen_transfers" ADD CONSTRAINT "specimen_transfers_from_centre_id_organisations_id_fk" FOREIGN KEY ("from_centre_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "specimen_transfers" ADD CONSTRAINT "specimen_transfers_to_centre_id_organisations_id_fk" FOREIGN KEY ("to_centre_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "specimen_transfers" ADD CONSTRAINT "specimen_transfers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "specimen_transfers" ADD CONSTRAINT "specimen_transfers_received_by_users_id_fk" FOREIGN KEY ("received_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "specimens" ADD CONSTRAINT "specimens_centre_id_organisations_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "specimens" ADD CONSTRAINT "specimens_holder_centre_id_organisations_id_fk" FOREIGN KEY ("holder_centre_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "specimens" ADD CONSTRAINT "specimens_donor_id_donors_id_fk" FOREIGN KEY ("donor_id") REFERENCES "public"."donors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "specimens" ADD CONSTRAINT "specimens_parent_id_specimens_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."specimens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "specimens" ADD CONSTRAINT "specimens_box_id_storage_boxes_id_fk" FOREIGN KEY ("box_id") REFERENCES "public"."storage_boxes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "specimens" ADD CONSTRAINT "specimens_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "storage_boxes" ADD CONSTRAINT "storage_boxes_rack_id_storage_racks_id_fk" FOREIGN KEY ("rack_id") REFERENCES "public"."storage_racks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "storage_boxes" ADD CONSTRAINT "storage_boxes_centre_id_organisations_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "storage_freezers" ADD CONSTRAINT "storage_freezers_centre_id_organisations_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "storage_racks" ADD CONSTRAINT "storage_racks_freezer_id_storage_freezers_id_fk" FOREIGN KEY ("freezer_id") REFERENCES "public"."storage_freezers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "custody_events_specimen_idx" ON "custody_events" USING btree ("specimen_id","at");--> statement-breakpoint
CREATE INDEX "donors_centre_idx" ON "donors" USING btree ("centre_id");--> statement-breakpoint
CREATE INDEX "release_request_items_specimen_idx" ON "release_request_items" USING btree ("specimen_id");--> statement-breakpoint
CREATE INDEX "release_requests_centre_idx" ON "release_requests" USING btree ("centre_id","status");--> statement-breakpoint
CREATE INDEX "release_requests_study_idx" ON "release_requests" USING btree ("study_id");--> statement-breakpoint
CREATE INDEX "specimen_transfer_items_specimen_idx" ON "specimen_transfer_items" USING btree ("specimen_id");--> statement-breakpoint
CREATE INDEX "specimen_transfers_from_idx" ON "specimen_transfers" USING btree ("from_centre_id");--> statement-breakpoint
CREATE INDEX "specimen_transfers_to_idx" ON "specimen_transfers" USING btree ("to_centre_id");--> statement-breakpoint
CREATE INDEX "specimens_centre_type_status_idx" ON "specimens" USING btree ("centre_id","type","status");--> statement-breakpoint
CREATE INDEX "specimens_holder_idx" ON "specimens" USING btree ("holder_centre_id","status");--> statement-breakpoint
CREATE INDEX "specimens_collected_idx" ON "specimens" USING btree ("collected_at","id");--> statement-breakpoint
CREATE INDEX "specimens_subject_idx" ON "specimens" USING btree ("subject_code");--> statement-breakpoint
CREATE INDEX "specimens_donor_idx" ON "specimens" USING btree ("donor_id");--> statement-breakpoint
CREATE INDEX "specimens_parent_idx" ON "specimens" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "specimens_participant_idx" ON "specimens" USING btree ("participant_id");--> statement-breakpoint
CREATE INDEX "storage_boxes_centre_idx" ON "storage_boxes" USING btree ("centre_id");
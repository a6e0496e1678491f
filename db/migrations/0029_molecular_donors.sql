ALTER TYPE "public"."notification_entity" ADD VALUE 'study';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'biomarker_matches';--> statement-breakpoint
CREATE TABLE "biomarker_match_notices" (
	"id" serial PRIMARY KEY NOT NULL,
	"study_id" integer NOT NULL,
	"participant_id" integer,
	"donor_id" integer,
	"centre_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "biomarker_match_notices_participant_uq" UNIQUE("study_id","participant_id"),
	CONSTRAINT "biomarker_match_notices_donor_uq" UNIQUE("study_id","donor_id"),
	CONSTRAINT "biomarker_match_notices_owner_ck" CHECK (("biomarker_match_notices"."participant_id" is null) <> ("biomarker_match_notices"."donor_id" is null))
);
--> statement-breakpoint
CREATE TABLE "biomarker_match_sweeps" (
	"study_id" integer NOT NULL,
	"protocol_version" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "biomarker_match_sweeps_study_id_protocol_version_pk" PRIMARY KEY("study_id","protocol_version")
);
--> statement-breakpoint
ALTER TABLE "molecular_orders" ALTER COLUMN "participant_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "molecular_orders" ALTER COLUMN "study_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "screening_invitations" ALTER COLUMN "participant_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "screenings" ADD COLUMN "invitation_id" integer;--> statement-breakpoint
ALTER TABLE "molecular_orders" ADD COLUMN "donor_id" integer;--> statement-breakpoint
ALTER TABLE "screening_invitations" ADD COLUMN "donor_id" integer;--> statement-breakpoint
ALTER TABLE "biomarker_match_notices" ADD CONSTRAINT "biomarker_match_notices_study_id_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."studies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "biomarker_match_notices" ADD CONSTRAINT "biomarker_match_notices_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "biomarker_match_notices" ADD CONSTRAINT "biomarker_match_notices_donor_id_donors_id_fk" FOREIGN KEY ("donor_id") REFERENCES "public"."donors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "biomarker_match_notices" ADD CONSTRAINT "biomarker_match_notices_centre_id_organisations_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "biomarker_match_sweeps" ADD CONSTRAINT "biomarker_match_sweeps_study_id_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."studies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screenings" ADD CONSTRAINT "screenings_invitation_id_screening_invitations_id_fk" FOREIGN KEY ("invitation_id") REFERENCES "public"."screening_invitations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "molecular_orders" ADD CONSTRAINT "molecular_orders_donor_id_donors_id_fk" FOREIGN KEY ("donor_id") REFERENCES "public"."donors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_invitations" ADD CONSTRAINT "screening_invitations_donor_id_donors_id_fk" FOREIGN KEY ("donor_id") REFERENCES "public"."donors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "molecular_orders_donor_idx" ON "molecular_orders" USING btree ("donor_id");--> statement-breakpoint
ALTER TABLE "screenings" ADD CONSTRAINT "screenings_invitation_uq" UNIQUE("invitation_id");--> statement-breakpoint
ALTER TABLE "screening_invitations" ADD CONSTRAINT "screening_invitations_donor_study_uq" UNIQUE("donor_id","study_id");--> statement-breakpoint
ALTER TABLE "molecular_orders" ADD CONSTRAINT "molecular_orders_owner_ck" CHECK (("molecular_orders"."participant_id" is null) <> ("molecular_orders"."donor_id" is null));--> statement-breakpoint
ALTER TABLE "molecular_orders" ADD CONSTRAINT "molecular_orders_study_ck" CHECK (("molecular_orders"."participant_id" is null) = ("molecular_orders"."study_id" is null));--> statement-breakpoint
ALTER TABLE "screening_invitations" ADD CONSTRAINT "screening_invitations_owner_ck" CHECK (("screening_invitations"."participant_id" is null) <> ("screening_invitations"."donor_id" is null));
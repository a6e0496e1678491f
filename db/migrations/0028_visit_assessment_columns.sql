ALTER TABLE "participant_visits" DROP CONSTRAINT "participant_visits_ecog_ck";--> statement-breakpoint
ALTER TABLE "participant_visits" DROP CONSTRAINT "participant_visits_weight_ck";--> statement-breakpoint
ALTER TABLE "participant_visits" DROP COLUMN "ecog";--> statement-breakpoint
ALTER TABLE "participant_visits" DROP COLUMN "weight_kg";--> statement-breakpoint
ALTER TABLE "participant_visits" DROP COLUMN "tumour_response";--> statement-breakpoint
DROP TYPE "public"."tumour_response";
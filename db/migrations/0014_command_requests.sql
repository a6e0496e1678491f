CREATE TABLE "command_requests" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"command" text NOT NULL,
	"request_key" text NOT NULL,
	"input_hash" text NOT NULL,
	"result" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "command_requests_user_command_key_uq" UNIQUE("user_id","command","request_key")
);
--> statement-breakpoint
ALTER TABLE "command_requests" ADD CONSTRAINT "command_requests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
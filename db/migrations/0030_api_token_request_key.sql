ALTER TABLE "api_tokens" ADD COLUMN "request_key" text;--> statement-breakpoint
CREATE UNIQUE INDEX "api_tokens_user_request_key_uq" ON "api_tokens" USING btree ("user_id","request_key");
CREATE TABLE "job_runs" (
	"job" text NOT NULL,
	"fire" text NOT NULL,
	"fired_at" timestamp with time zone NOT NULL,
	"ran_at" timestamp with time zone NOT NULL,
	"trigger" text NOT NULL,
	"result" jsonb NOT NULL,
	CONSTRAINT "job_runs_job_fire_pk" PRIMARY KEY("job","fire")
);

/// The province database's schema as numbered migrations. `ProvinceDatabase.migrate()` applies those not yet
/// in `schema_migrations`, each in its own transaction with its row, so a crash leaves a clean state and a second
/// province process waiting on the table lock applies nothing twice. Never edit a released migration: add one.
enum ProvinceMigrations {
    struct Migration: Sendable {
        var version: Int
        var name: String
        var statements: [String]
    }

    static let all: [Migration] = [
        Migration(
            version: 1, name: "feed, sites, dossiers, queue days, checkpoints",
            statements: [
                // Centers (communes) of the province, from the configuration.
                """
                CREATE TABLE sites (
                    site text PRIMARY KEY, commune text NOT NULL, district text NOT NULL DEFAULT '',
                    position int NOT NULL DEFAULT 0)
                """,
                // Every feed record once, keyed by its origin and sequence (docs/sync.md); `center` is the center it
                // was pulled from (a point's records come through its center).
                """
                CREATE TABLE feed (
                    origin text NOT NULL, seq bigint NOT NULL, kind text NOT NULL, at double precision NOT NULL,
                    center text NOT NULL, body jsonb NOT NULL, ingested_at timestamptz NOT NULL DEFAULT now(),
                    PRIMARY KEY (origin, seq))
                """,
                // Current state of each dossier after the forward-only merge rule (no citizen data is kept here).
                """
                CREATE TABLE dossiers (
                    id text PRIMARY KEY, center text NOT NULL, received_site text NOT NULL, service text,
                    procedure text NOT NULL, received_day date NOT NULL, appointment_day date NOT NULL,
                    status text NOT NULL, rank int NOT NULL, status_changed_at double precision NOT NULL,
                    returned_day date, revision int NOT NULL, origin text NOT NULL, seq bigint NOT NULL)
                """,
                "CREATE INDEX dossiers_received_day ON dossiers (received_day)",
                "CREATE INDEX dossiers_returned_day ON dossiers (returned_day) WHERE returned_day IS NOT NULL",
                "CREATE INDEX dossiers_open_appointment ON dossiers (appointment_day) WHERE status IN \(DossierMergeOrder.openStatusSQL)",
                // One business day of one site: the day's totals; waits as count/sum/max and the day's P90.
                """
                CREATE TABLE queue_days (
                    site text NOT NULL, day date NOT NULL, center text NOT NULL, origin text NOT NULL, seq bigint NOT NULL,
                    issued int NOT NULL, served int NOT NULL, no_show int NOT NULL, transferred int NOT NULL,
                    expired int NOT NULL, priority int NOT NULL, khmer int NOT NULL, rated int NOT NULL, rating_sum int NOT NULL,
                    wait_count int NOT NULL, wait_sum double precision NOT NULL, wait_p90 double precision,
                    wait_max double precision, service_count int NOT NULL, service_sum double precision NOT NULL,
                    service_p90 double precision, service_max double precision, arrivals int[] NOT NULL,
                    PRIMARY KEY (site, day))
                """,
                "CREATE INDEX queue_days_day ON queue_days (day)",
                // The same figures per service of that day (replaced with the day's row).
                """
                CREATE TABLE queue_day_services (
                    site text NOT NULL, day date NOT NULL, service text NOT NULL, name text NOT NULL,
                    issued int NOT NULL, served int NOT NULL, no_show int NOT NULL, transferred int NOT NULL,
                    expired int NOT NULL, priority int NOT NULL, khmer int NOT NULL, rated int NOT NULL, rating_sum int NOT NULL,
                    wait_count int NOT NULL, wait_sum double precision NOT NULL, wait_p90 double precision,
                    wait_max double precision, service_count int NOT NULL, service_sum double precision NOT NULL,
                    service_p90 double precision, service_max double precision,
                    PRIMARY KEY (site, day, service))
                """,
                "CREATE INDEX queue_day_services_day ON queue_day_services (day)",
                // The last feed position applied per center, written in the ingest's transaction.
                "CREATE TABLE checkpoints (center text PRIMARY KEY, position bigint NOT NULL, updated_at timestamptz NOT NULL)",
            ])
    ]
}

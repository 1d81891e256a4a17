import Foundation
import Pipeline
import PostgresNIO

/// The catalog's tables in PostgreSQL: the migrations of the SQLite catalog
/// and snapshot index (same names, same tables and columns), recorded in
/// `schema_migrations` and applied by one process at a time under an
/// advisory lock, so workers starting together on many nodes create the
/// schema once.
enum PostgresSchema {
    /// The migrations in order, each a list of statements.
    static let migrations: [(name: String, statements: [String])] = [
        ("snapshot-index-v1", [
            """
            CREATE TABLE "snapshot" ("id" text PRIMARY KEY, "file" text NOT NULL, "source" text NOT NULL,
              "documentHash" text NOT NULL, "modelFingerprint" text NOT NULL, "patternFingerprint" text NOT NULL,
              "sparsity" double precision NOT NULL, "sink" bigint NOT NULL, "recent" bigint NOT NULL,
              "chunk" bigint NOT NULL, "framingVersion" bigint NOT NULL, "codec" text NOT NULL,
              "tokens" bigint NOT NULL, "bytes" bigint NOT NULL, "created" timestamptz NOT NULL,
              "lastUsed" timestamptz NOT NULL)
            """,
            #"CREATE INDEX "snapshot_on_documentHash" ON "snapshot" ("documentHash")"#,
        ]),
        ("catalog-v1", [
            """
            CREATE TABLE "document" ("path" text PRIMARY KEY, "contentHash" text NOT NULL, "format" text NOT NULL,
              "tokens" bigint NOT NULL, "lastSeen" timestamptz NOT NULL)
            """,
            """
            CREATE TABLE "run" ("id" bigserial PRIMARY KEY, "pipeline" text NOT NULL, "configHash" text NOT NULL,
              "started" timestamptz NOT NULL, "ended" timestamptz, "status" text NOT NULL,
              "processID" integer NOT NULL, "documents" bigint NOT NULL DEFAULT 0,
              "summarized" bigint NOT NULL DEFAULT 0, "skipped" bigint NOT NULL DEFAULT 0,
              "failed" bigint NOT NULL DEFAULT 0)
            """,
            #"CREATE INDEX "run_on_pipeline" ON "run" ("pipeline")"#,
            """
            CREATE TABLE "result" ("path" text NOT NULL, "settingsKey" text NOT NULL,
              "runID" bigint NOT NULL REFERENCES "run", "contentHash" text NOT NULL, "status" text NOT NULL,
              "error" text, "markdownPath" text, "jsonPath" text, "finished" timestamptz NOT NULL,
              PRIMARY KEY ("path", "settingsKey"))
            """,
            """
            CREATE TABLE "segment" ("path" text NOT NULL, "settingsKey" text NOT NULL, "position" bigint NOT NULL,
              "label" text NOT NULL, "citation" text NOT NULL, "text" text NOT NULL, "tokens" bigint NOT NULL,
              PRIMARY KEY ("path", "settingsKey", "position"))
            """,
        ]),
        ("catalog-v2", [
            #"ALTER TABLE "run" ADD COLUMN "host" text"#,
            """
            CREATE TABLE "work" ("runID" bigint NOT NULL REFERENCES "run", "position" bigint NOT NULL,
              "path" text NOT NULL, "root" text NOT NULL, "relativePath" text NOT NULL, "named" boolean NOT NULL,
              "linkNotFollowed" boolean NOT NULL, "collision" text, "bytes" bigint NOT NULL, "state" text NOT NULL,
              "worker" text, "token" text, "leaseUntil" double precision, "attempts" bigint NOT NULL,
              "entry" text, PRIMARY KEY ("runID", "position"))
            """,
        ]),
    ]

    /// The advisory lock key that serializes migrations (any constant the
    /// catalog alone uses).
    static let lockKey: Int64 = 0x7072_6563_6973  // "precis"

    /// Applies the migrations `link`'s database lacks, under the advisory lock.
    static func migrate(_ link: PostgresLink) throws {
        try link.query("SELECT pg_advisory_lock(\(lockKey))")
        defer { _ = try? link.query("SELECT pg_advisory_unlock(\(lockKey))") }
        try link.query("""
            CREATE TABLE IF NOT EXISTS "schema_migrations" ("name" text PRIMARY KEY,
              "applied" timestamptz NOT NULL DEFAULT now())
            """)
        let applied = Set(try link.query(#"SELECT "name" FROM "schema_migrations""#).map { try $0.decode(String.self) })
        for migration in migrations where !applied.contains(migration.name) {
            try link.transaction { tx in
                for statement in migration.statements { try tx.query(PostgresQuery(unsafeSQL: statement)) }
                try tx.query(#"INSERT INTO "schema_migrations" ("name") VALUES (\#(migration.name))"#)
            }
        }
        try link.loadColumns()
    }
}

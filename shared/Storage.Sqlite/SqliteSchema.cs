namespace Konomi.Storage.Sqlite;

/// <summary>Every table and index; each statement is safe to run on every start.</summary>
public static class SqliteSchema
{
    public const string Statements = """
        CREATE TABLE IF NOT EXISTS works (
            id TEXT PRIMARY KEY,
            release_date TEXT,
            search TEXT NOT NULL,
            json TEXT NOT NULL,
            crawl_run_id TEXT NOT NULL,
            added_at INTEGER NOT NULL,
            announced INTEGER NOT NULL DEFAULT 0);
        CREATE INDEX IF NOT EXISTS works_unannounced ON works (added_at) WHERE announced = 0;
        CREATE INDEX IF NOT EXISTS works_newest ON works (release_date DESC, id DESC);
        CREATE INDEX IF NOT EXISTS works_added ON works (added_at);

        CREATE TABLE IF NOT EXISTS snapshots (
            crawl_run_id TEXT NOT NULL,
            floor TEXT NOT NULL,
            crawled_at INTEGER NOT NULL,
            work_ids TEXT NOT NULL,
            PRIMARY KEY (crawl_run_id, floor));
        CREATE INDEX IF NOT EXISTS snapshots_newest ON snapshots (crawled_at DESC);

        CREATE TABLE IF NOT EXISTS clicks (
            click_id TEXT PRIMARY KEY,
            user_id TEXT NOT NULL,
            work_id TEXT NOT NULL,
            interested INTEGER NOT NULL,
            at INTEGER NOT NULL,
            source TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS clicks_pair ON clicks (user_id, work_id, at);

        CREATE TABLE IF NOT EXISTS labels (
            user_id TEXT NOT NULL,
            work_id TEXT NOT NULL,
            interested INTEGER NOT NULL,
            labeled_at INTEGER NOT NULL,
            source TEXT NOT NULL,
            PRIMARY KEY (user_id, work_id));
        CREATE INDEX IF NOT EXISTS labels_oldest ON labels (labeled_at, user_id, work_id);

        CREATE TABLE IF NOT EXISTS follow_ups (
            click_id TEXT PRIMARY KEY REFERENCES clicks (click_id),
            at INTEGER NOT NULL,
            follow_up TEXT NOT NULL,
            lease_owner TEXT,
            lease_until INTEGER);

        CREATE TABLE IF NOT EXISTS scores (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            work_id TEXT NOT NULL,
            user_id TEXT NOT NULL,
            model_id TEXT NOT NULL,
            model_version INTEGER NOT NULL,
            crawl_run_id TEXT NOT NULL,
            score REAL NOT NULL,
            threshold REAL NOT NULL,
            liked INTEGER,
            reasons TEXT NOT NULL,
            UNIQUE (work_id, user_id, model_id, model_version));
        CREATE INDEX IF NOT EXISTS scores_user ON scores (user_id, seq DESC);

        CREATE TABLE IF NOT EXISTS notifications (
            work_id TEXT NOT NULL,
            target TEXT NOT NULL,
            user_id TEXT NOT NULL,
            crawl_run_id TEXT NOT NULL,
            status TEXT NOT NULL,
            attempts INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            hold_until INTEGER,
            channel TEXT,
            message_ts TEXT,
            error TEXT,
            lease_owner TEXT,
            lease_until INTEGER,
            exploration_probability REAL,
            heading TEXT,
            PRIMARY KEY (work_id, target));
        CREATE INDEX IF NOT EXISTS notifications_message ON notifications (channel, message_ts);
        CREATE INDEX IF NOT EXISTS notifications_newest ON notifications (status, created_at DESC);
        CREATE INDEX IF NOT EXISTS notifications_user_run ON notifications (user_id, crawl_run_id);
        DROP INDEX IF EXISTS notifications_oldest;
        CREATE INDEX IF NOT EXISTS notifications_due
            ON notifications (status, coalesce(hold_until, created_at), created_at, work_id, target);

        CREATE TABLE IF NOT EXISTS taste_models (
            user_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            family TEXT NOT NULL,
            status TEXT NOT NULL,
            metrics TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            status_reason TEXT,
            bytes BLOB NOT NULL,
            PRIMARY KEY (user_id, version));

        CREATE TABLE IF NOT EXISTS users (
            user_id TEXT PRIMARY KEY,
            profile TEXT NOT NULL);

        CREATE TABLE IF NOT EXISTS crawl_failures (
            work_id TEXT PRIMARY KEY,
            attempts INTEGER NOT NULL,
            last_error TEXT NOT NULL,
            first_failed_at INTEGER NOT NULL,
            last_failed_at INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS crawl_failures_newest ON crawl_failures (last_failed_at DESC);

        CREATE TABLE IF NOT EXISTS floor_reads (
            floor TEXT PRIMARY KEY,
            read_at INTEGER NOT NULL,
            error TEXT,
            unread_since INTEGER);

        CREATE TABLE IF NOT EXISTS key_ring (
            name TEXT NOT NULL,
            xml TEXT NOT NULL);
        """;

    /// <summary>Columns added after a table's first release: (table, column, type), added to older files on start.</summary>
    public static readonly IReadOnlyList<(string Table, string Column, string Type)> AddedColumns =
    [
        ("notifications", "exploration_probability", "REAL"),
        ("notifications", "heading", "TEXT"),
        ("follow_ups", "lease_owner", "TEXT"),
        ("follow_ups", "lease_until", "INTEGER"),
    ];
}

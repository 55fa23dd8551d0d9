/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-workspace"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tenure-schema.h"
#include "tenure-settings.h"
#include "tenure-workspace.h"

/* A workspace is an untrusted document: it may come from a stranger's mail.
 * It is recognised by its header before SQLite reads anything else, opened
 * with triggers, views and extensions disabled, and its schema compared with
 * the one this build writes before any figure is read from it. */

struct _TenureWorkspace
{
  GObject   parent_instance;

  sqlite3  *db;
  char     *path;
  char     *read_only_reason;
  int       schema_version;
  gint64    data_version;
  guint     read_only : 1;
  guint     in_write : 1;
};

enum {
  PROP_0,
  PROP_PATH,
  PROP_READ_ONLY,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (TenureWorkspace, tenure_workspace, G_TYPE_OBJECT)
G_DEFINE_QUARK (tenure-workspace-error-quark, tenure_workspace_error)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The largest text or blob read from or written to a workspace. */
#define TENURE_WORKSPACE_MAX_VALUE (16 * 1024 * 1024)

#define SQLITE_MAGIC "SQLite format 3"
#define HEADER_SIZE 100

typedef gboolean (*MigrateFunc) (sqlite3 *db, GError **error);

static gboolean
migrate_0_to_1 (sqlite3  *db,
                GError  **error)
{
  /* Version 0 was the preview format: it had no remembered import mappings. */
  return tenure_sql_exec (db, tenure_sql_import_mapping, error);
}

static sqlite3 *expected_database (GError **error);

/* SQLite's message from @db, for a step of a migration; always FALSE. */
static gboolean
set_sql_error (sqlite3  *db,
               GError  **error)
{
  g_set_error (error, TENURE_WORKSPACE_ERROR, TENURE_WORKSPACE_ERROR_IO, "%s",
               sqlite3_errmsg (db));
  return FALSE;
}

/* Tables whose unique constraints became indexes of their own in version 2. */
static const char *const rebuilt_in_2[] = {
  "deal", "subscription", "event", "touchpoint", "survey_response", "score_entry",
};

/* Rebuilds @table with the definition and indexes this build writes, which
 * have the same columns: the rows are copied through a temporary table.
 * Foreign keys are off for the whole migration (touchpoint refers to deal);
 * migrate() checks them all before it commits. */
static gboolean
rebuild_table (sqlite3     *db,
               sqlite3     *expected,
               const char  *table,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) info = NULL;
  g_autoptr(sqlite3_stmt) objects = NULL;
  g_autoptr(GString) columns = g_string_new (NULL);
  g_autoptr(GString) sql = g_string_new (NULL);
  int have = 0, want = 0;

  if (sqlite3_prepare_v2 (expected, "SELECT name FROM pragma_table_info(?)", -1, &info, NULL)
      != SQLITE_OK)
    return set_sql_error (expected, error);
  sqlite3_bind_text (info, 1, table, -1, SQLITE_STATIC);
  while (sqlite3_step (info) == SQLITE_ROW)
    {
      g_string_append_printf (columns, "%s\"%s\"", want++ ? ", " : "",
                              (const char *) sqlite3_column_text (info, 0));
    }
  g_clear_pointer (&info, sqlite3_finalize);

  /* A column Tenure did not create would be lost: refuse instead. */
  if (sqlite3_prepare_v2 (db, "SELECT count(*) FROM pragma_table_info(?)", -1, &info, NULL)
      != SQLITE_OK)
    return set_sql_error (db, error);
  sqlite3_bind_text (info, 1, table, -1, SQLITE_STATIC);
  if (sqlite3_step (info) == SQLITE_ROW)
    have = sqlite3_column_int (info, 0);
  g_clear_pointer (&info, sqlite3_finalize);
  if (have != want)
    {
      g_set_error (error, TENURE_WORKSPACE_ERROR, TENURE_WORKSPACE_ERROR_SCHEMA,
                   _("the table “%s” has %d columns where Tenure made %d"), table, have, want);
      return FALSE;
    }

  g_string_printf (sql,
                   "CREATE TEMP TABLE tenure_migrating AS SELECT %s FROM main.\"%s\";"
                   "DROP TABLE main.\"%s\";",
                   columns->str, table, table);
  if (!tenure_sql_exec (db, sql->str, error))
    return FALSE;

  /* The table first, then its indexes, each with this build's text. */
  if (sqlite3_prepare_v2 (expected, "SELECT sql FROM sqlite_schema WHERE tbl_name = ? "
                          "AND sql IS NOT NULL ORDER BY type <> 'table', name", -1, &objects,
                          NULL) != SQLITE_OK)
    return set_sql_error (expected, error);
  sqlite3_bind_text (objects, 1, table, -1, SQLITE_STATIC);
  for (gboolean first = TRUE; sqlite3_step (objects) == SQLITE_ROW; first = FALSE)
    {
      if (!tenure_sql_exec (db, (const char *) sqlite3_column_text (objects, 0), error))
        return FALSE;
      if (first)
        {
          g_string_printf (sql, "INSERT INTO main.\"%s\" (%s) SELECT %s FROM tenure_migrating;"
                           "DROP TABLE tenure_migrating;", table, columns->str, columns->str);
          if (!tenure_sql_exec (db, sql->str, error))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
migrate_1_to_2 (sqlite3  *db,
                GError  **error)
{
  sqlite3 *expected = expected_database (error);
  gboolean ok = expected != NULL;

  for (guint i = 0; ok && i < G_N_ELEMENTS (rebuilt_in_2); i++)
    ok = rebuild_table (db, expected, rebuilt_in_2[i], error);
  sqlite3_close (expected);
  return ok;
}

/* migrations[v] upgrades a file from version v to v + 1. Forward only. */
static const MigrateFunc migrations[TENURE_SCHEMA_VERSION] = {
  migrate_0_to_1,
  migrate_1_to_2,
};

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static char *
display_name (const char *path)
{
  return g_filename_display_basename (path);
}

void
tenure_workspace_set_sqlite_error (sqlite3     *db,
                                   const char  *path,
                                   GError     **error)
{
  g_autofree char *name = display_name (path ? path : "workspace");
  int code = db ? sqlite3_errcode (db) & 0xff : SQLITE_ERROR;
  const char *message = db ? sqlite3_errmsg (db) : "out of memory";

  switch (code)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, TENURE_WORKSPACE_ERROR, TENURE_WORKSPACE_ERROR_BUSY,
                   _("%s is being written by another program; try again when it has finished"), name);
      break;
    case SQLITE_READONLY:
      if (db != NULL && (sqlite3_extended_errcode (db) == SQLITE_READONLY_ROLLBACK ||
                         sqlite3_extended_errcode (db) == SQLITE_READONLY_RECOVERY))
        {
          g_set_error (error, TENURE_WORKSPACE_ERROR, TENURE_WORKSPACE_ERROR_READ_ONLY,
                       _("%s holds a change that a program stopped in the middle of writing; "
                       "open it once where it can be written, so the unfinished change is undone"),
                       name);
          break;
        }
      g_set_error (error, TENURE_WORKSPACE_ERROR, TENURE_WORKSPACE_ERROR_READ_ONLY,
                   _("%s is read-only: nothing can be changed in it"), name);
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, TENURE_WORKSPACE_ERROR, TENURE_WORKSPACE_ERROR_DAMAGED,
                   _("%s is damaged (%s); restore it from a backup copy"), name, message);
      break;
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
      g_set_error (error, TENURE_WORKSPACE_ERROR, TENURE_WORKSPACE_ERROR_IO,
                   _("%s could not be read or written: %s"), name, message);
      break;
    case SQLITE_TOOBIG:
      g_set_error (error, TENURE_WORKSPACE_ERROR, TENURE_WORKSPACE_ERROR_DAMAGED,
                   _("%s holds a value larger than Tenure reads (more than %d MB): it is not a "
                   "workspace Tenure wrote"), name, TENURE_WORKSPACE_MAX_VALUE / (1024 * 1024));
      break;
    case SQLITE_CONSTRAINT:
      g_set_error (error, TENURE_WORKSPACE_ERROR, TENURE_WORKSPACE_ERROR_INVALID,
                   _("%s: the change breaks a rule of the workspace (%s)"), name, message);
      break;
    default:
      g_set_error (error, TENURE_WORKSPACE_ERROR, TENURE_WORKSPACE_ERROR_IO,
                   "%s: %s", name, message);
    }
}

/* Whether a rollback journal lies beside the file: another connection is
 * writing, or one was killed before it finished. */
static gboolean
has_journal (const char *path)
{
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  GStatBuf st;

  return g_stat (journal, &st) == 0 && st.st_size > 0;
}

/* Recognises the file from its first 100 bytes without handing it to SQLite:
 * a text file, a picture or another application's database never reaches
 * the SQL layer, and nothing is written to it. */
static gboolean
check_header (const char  *path,
              int         *user_version,
              GError     **error)
{
  g_autofree char *name = display_name (path);
  guint8 header[HEADER_SIZE];
  GStatBuf st;
  gssize n;
  guint32 page_size, page_count;
  int fd;

  if (g_stat (path, &st) != 0)
    {
      int saved = errno;

      if (saved == ENOENT)
        g_set_error (error, TENURE_WORKSPACE_ERROR, TENURE_WORKSPACE_ERROR_NOT_FOUND,
                     _("%s does not exist"), name);
      else
        g_set_error (error, TENURE_WORKSPACE_ERROR, TENURE_WORKSPACE_ERROR_IO,
                     _("%s could not be read: %s"), name, g_strerror (saved));
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, TENURE_WORKSPACE_ERROR, TENURE_WORKSPACE_ERROR_NOT_SQLITE,
                   _("%s is not a file"), name);
      return FALSE;
    }
  if (st.st_size == 0)
    {
      g_set_error (error, TENURE_WORKSPACE_ERROR, TENURE_WORKSPACE_ERROR_EMPTY,
                   _("%s is empty: it is not a Tenure workspace (create one with New)"), name);
      return FALSE;
    }

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, TENURE_WORKSPACE_ERROR, TENURE_WORKSPACE_ERROR_IO,
                   _("%s could not be read: %s"), name, g_strerror (saved));
      return FALSE;
    }
  n = read (fd, header, sizeof header);
  close (fd);

  if (n < (gssize) sizeof header || memcmp (header, SQLITE_MAGIC, sizeof SQLITE_MAGIC) != 0)
    {
      g_set_error (error, TENURE_WORKSPACE_ERROR, TENURE_WORKSPACE_ERROR_NOT_SQLITE,
                   _("%s is not a Tenure workspace: it is not a database file. "
                   "To bring in data from a CSV file, use Import"), name);
      return FALSE;
    }
  if (read_be32 (header + 68) != TENURE_APPLICATION_ID)
    {
      g_set_error (error, TENURE_WORKSPACE_ERROR, TENURE_WORKSPACE_ERROR_FOREIGN,
                   _("%s is a database of another application, not a Tenure workspace"), name);
      return FALSE;
    }
  *user_version = (int) read_be32 (header + 60);
  if (*user_version > TENURE_SCHEMA_VERSION)
    {
      g_set_error (error, TENURE_WORKSPACE_ERROR, TENURE_WORKSPACE_ERROR_TOO_NEW,
                   _("%s was written by a newer version of Tenure (format %d; this version reads "
                   "up to %d): update Tenure to open it"), name, *user_version, TENURE_SCHEMA_VERSION);
      return FALSE;
    }

  /* The in-header page count is valid when the change counter (24) matches
   * the version-valid-for number (92): a shorter file lost pages. */
  page_size = ((guint32) header[16] << 8) | header[17];
  if (page_size == 1)
    page_size = 65536;
  page_count = read_be32 (header + 28);
  /* With a journal beside it, a writer is at work or was killed in the
   * middle of a commit: the header may already count pages not yet written,
   * and the journal puts it right. */
  if (page_size < 512 || (page_size & (page_size - 1)) != 0 ||
      (!has_journal (path) && read_be32 (header + 24) == read_be32 (header + 92) &&
       (guint64) st.st_size < (guint64) page_size * page_count))
    {
      g_set_error (error, TENURE_WORKSPACE_ERROR, TENURE_WORKSPACE_ERROR_DAMAGED,
                   _("%s is damaged: the file is shorter than its contents (it may have been "
                   "cut off while copying); restore it from a backup copy"), name);
      return FALSE;
    }
  return TRUE;
}

/* The ledger's invariants, each a query listing the rows that break it.
 * The schema's CHECK constraints say the same, but SQLite ignores CHECK
 * constraints on a read-only connection (also in quick_check), and a file
 * written with them turned off holds whatever it holds. */
/* Each invariant gives the first row that breaks it, described. Those that
 * read a large table (large = TRUE) run only when the quick scan below
 * found a suspect row in one of them. */
static const struct { const char *what; gboolean large; const char *sql; } invariants[] = {
  { "negative or non-integer money", TRUE,
    "SELECT 'subscription ' || id || ' has MRR ' || quote (mrr) FROM subscription "
    "WHERE typeof (mrr) <> 'integer' OR mrr < 0 "
    "UNION ALL SELECT 'deal ' || id || ' has amount ' || quote (amount) FROM deal "
    "WHERE typeof (amount) <> 'integer' OR amount < 0" },
  { "negative or non-integer money", FALSE,
    "SELECT 'funnel ' || id || ' has spend ' || quote (marketing_spend) || ' + ' || "
    "quote (sales_spend) FROM funnel "
    "WHERE typeof (marketing_spend) <> 'integer' OR marketing_spend < 0 "
    "OR typeof (sales_spend) <> 'integer' OR sales_spend < 0 "
    "UNION ALL SELECT 'stage ' || id || ' has minimum MRR ' || quote (min_mrr) FROM journey_stage "
    "WHERE min_mrr IS NOT NULL AND (typeof (min_mrr) <> 'integer' OR min_mrr < 0)" },
  { "subscription ending before it starts", TRUE,
    "SELECT 'subscription ' || id || ' ends on ' || ends_on || ', before it starts on ' || starts_on "
    "FROM subscription WHERE ends_on IS NOT NULL AND ends_on < starts_on" },
  { "won deal without a date", TRUE,
    "SELECT 'deal ' || id || ' is won but has no closed_on' FROM deal "
    "WHERE status = 'won' AND closed_on IS NULL" },
  { "malformed date", TRUE,
    "SELECT 'subscription ' || id || ' has a malformed date' FROM subscription "
    "WHERE date(starts_on) IS NOT starts_on OR (ends_on IS NOT NULL AND date(ends_on) IS NOT ends_on) "
    "UNION ALL SELECT 'deal ' || id || ' has a malformed date' FROM deal "
    "WHERE (closed_on IS NOT NULL AND date(closed_on) IS NOT closed_on) "
    "OR (created_on IS NOT NULL AND date(created_on) IS NOT created_on) "
    "UNION ALL SELECT 'event ' || id || ' has a malformed date' FROM event "
    "WHERE date(occurred_on) IS NOT occurred_on" },
};

/* Every invariant of the large tables in one scan of each, with dates
 * checked in C rather than by date(): whether any row may break one. */
static const char *const quick_invariants[] = {
  "SELECT 1 FROM subscription WHERE typeof (mrr) <> 'integer' OR mrr < 0 "
  "OR (ends_on IS NOT NULL AND ends_on < starts_on) "
  "OR NOT tenure_iso_day (starts_on) OR NOT tenure_iso_day (ends_on) LIMIT 1",
  "SELECT 1 FROM deal WHERE typeof (amount) <> 'integer' OR amount < 0 "
  "OR (status = 'won' AND closed_on IS NULL) "
  "OR NOT tenure_iso_day (closed_on) OR NOT tenure_iso_day (created_on) LIMIT 1",
  "SELECT 1 FROM event WHERE NOT tenure_iso_day (occurred_on) LIMIT 1",
};

/* tenure_iso_day(X): 1 when X is NULL or a valid YYYY-MM-DD day, else 0.
 * Stricter than comparing with date(X), so nothing date() rejects passes. */
static void
iso_day_function (sqlite3_context  *context,
                  int               argc,
                  sqlite3_value   **argv)
{
  int type = sqlite3_value_type (argv[0]);

  if (type == SQLITE_NULL)
    sqlite3_result_int (context, 1);
  else if (type != SQLITE_TEXT)
    sqlite3_result_int (context, 0);
  else
    sqlite3_result_int (context, tenure_day_parse_iso ((const char *) sqlite3_value_text (argv[0]), NULL));
}

/* Whether a row of a large table may break an invariant; FALSE with @error
 * set when the file cannot be read. */
static gboolean
large_tables_suspect (sqlite3      *db,
                      const char   *path,
                      gboolean     *suspect,
                      GError      **error)
{
  *suspect = FALSE;
  if (sqlite3_create_function_v2 (db, "tenure_iso_day", 1,
                                  SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                  NULL, iso_day_function, NULL, NULL, NULL) != SQLITE_OK)
    {
      tenure_workspace_set_sqlite_error (db, path, error);
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (quick_invariants) && !*suspect; i++)
    {
      sqlite3_stmt *stmt = NULL;
      int rc;

      if (sqlite3_prepare_v2 (db, quick_invariants[i], -1, &stmt, NULL) != SQLITE_OK)
        {
          tenure_workspace_set_sqlite_error (db, path, error);
          return FALSE;
        }
      rc = sqlite3_step (stmt);
      sqlite3_finalize (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          tenure_workspace_set_sqlite_error (db, path, error);
          return FALSE;
        }
      *suspect = rc == SQLITE_ROW;
    }
  return TRUE;
}

/* The first table holding a record larger than Tenure reads, from the
 * page statistics (SQLite's dbstat table reads each page once, without
 * loading values): NULL when there is none, or when this SQLite has no
 * dbstat. */
static char *
find_oversized_table (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  char *table = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT name FROM dbstat WHERE aggregate = TRUE AND mx_payload > ? "
                          "LIMIT 1", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_int (stmt, 1, TENURE_WORKSPACE_MAX_VALUE);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    table = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return table;
}

/* On opening: the first row breaking an invariant, or one referring to a
 * row that does not exist, makes the workspace read-only with the reason
 * (`tenure-cli check` lists them all). Each query stops at its first row. */
static gboolean
check_invariants (sqlite3     *db,
                  const char  *path,
                  gboolean     whole_file,
                  gboolean     large_tables,
                  char       **read_only_reason,
                  GError     **error)
{
  g_autofree char *name = display_name (path);
  g_autoptr(GString) broken = g_string_new (NULL);
  gboolean suspect = FALSE;

  if (large_tables && !large_tables_suspect (db, path, &suspect, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (invariants); i++)
    {
      g_autofree char *sql = NULL;
      sqlite3_stmt *stmt = NULL;
      int rc;

      if (invariants[i].large && !suspect)
        continue;
      sql = g_strdup_printf ("SELECT * FROM (%s) LIMIT 1", invariants[i].sql);
      if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
        {
          tenure_workspace_set_sqlite_error (db, path, error);
          return FALSE;
        }
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        g_string_append_printf (broken, "%s%s (%s)", broken->len ? "; " : "", invariants[i].what,
                                sqlite3_column_text (stmt, 0));
      sqlite3_finalize (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          tenure_workspace_set_sqlite_error (db, path, error);
          return FALSE;
        }
    }
  /* These read every page: only for files that get a quick_check too. */
  if (whole_file)
    {
      g_autofree char *oversized = find_oversized_table (db);
      sqlite3_stmt *stmt = NULL;
      int rc;

      if (oversized != NULL)
        g_string_append_printf (broken, "%sthe table “%s” holds a value larger than Tenure reads "
                                "(more than %d MB)", broken->len ? "; " : "", oversized,
                                TENURE_WORKSPACE_MAX_VALUE / (1024 * 1024));

      if (sqlite3_prepare_v2 (db, "SELECT \"table\", rowid, parent FROM pragma_foreign_key_check LIMIT 1",
                              -1, &stmt, NULL) != SQLITE_OK)
        {
          tenure_workspace_set_sqlite_error (db, path, error);
          return FALSE;
        }
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        g_string_append_printf (broken, "%sa row refers to a missing one (%s row %lld refers to "
                                "a missing %s row)", broken->len ? "; " : "",
                                sqlite3_column_text (stmt, 0), (long long) sqlite3_column_int64 (stmt, 1),
                                sqlite3_column_text (stmt, 2));
      sqlite3_finalize (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          tenure_workspace_set_sqlite_error (db, path, error);
          return FALSE;
        }
    }
  if (broken->len > 0)
    {
      g_autofree char *reason = g_strdup_printf (_("%s holds data that breaks the rules of a Tenure "
                                                 "workspace: %s. It is open read-only; "
                                                 "“tenure-cli check” lists every problem"),
                                                 name, broken->str);

      if (*read_only_reason == NULL)
        *read_only_reason = g_steal_pointer (&reason);
      else
        {
          char *both = g_strconcat (*read_only_reason, ". ", reason, NULL);

          g_free (*read_only_reason);
          *read_only_reason = both;
        }
    }
  return TRUE;
}

static gboolean
configure_connection (sqlite3     *db,
                      gboolean     writable,
                      GError     **error)
{
  int off = 0;

  /* A workspace file is untrusted input: nothing it carries may run. */
  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, &off);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, &off);
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, &off);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, &off);
  sqlite3_busy_timeout (db, 5000);
  /* No value of a workspace comes near this; a hostile file's 1 GB name or
   * randomblob(1e9) column fails to read instead of exhausting memory. */
  sqlite3_limit (db, SQLITE_LIMIT_LENGTH, TENURE_WORKSPACE_MAX_VALUE);

  if (!tenure_sql_exec (db, "PRAGMA foreign_keys = ON; PRAGMA trusted_schema = OFF;", error))
    return FALSE;
  if (writable &&
      !tenure_sql_exec (db, "PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL;", error))
    return FALSE;
  return TRUE;
}

typedef struct
{
  char *type;
  char *name;
  char *sql;
} SchemaObject;

static void
schema_object_free (gpointer data)
{
  SchemaObject *object = data;

  g_free (object->type);
  g_free (object->name);
  g_free (object->sql);
  g_free (object);
}

static GHashTable *
read_schema (sqlite3  *db,
             GError  **error)
{
  g_autoptr(GHashTable) objects = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                         schema_object_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT type, name, sql FROM sqlite_schema "
                          "WHERE name NOT LIKE 'sqlite_%'", -1, &stmt, NULL) != SQLITE_OK)
    {
      tenure_workspace_set_sqlite_error (db, sqlite3_db_filename (db, "main"), error);
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SchemaObject *object = g_new0 (SchemaObject, 1);

      object->type = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      object->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      object->sql = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      g_hash_table_replace (objects, object->name, object);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      tenure_workspace_set_sqlite_error (db, sqlite3_db_filename (db, "main"), error);
      return NULL;
    }
  return g_steal_pointer (&objects);
}

/* The schema this build writes, created in a private in-memory database:
 * its objects and their columns are what a workspace is compared with. */
static sqlite3 *
expected_database (GError **error)
{
  sqlite3 *mem = NULL;

  if (sqlite3_open_v2 (":memory:", &mem, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
      !tenure_sql_exec (mem, tenure_schema_sql, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, TENURE_WORKSPACE_ERROR, TENURE_WORKSPACE_ERROR_IO, "%s", sqlite3_errmsg (mem));
      sqlite3_close (mem);
      return NULL;
    }
  return mem;
}

static gboolean
table_has_column (sqlite3    *db,
                  const char *table,
                  const char *column)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM pragma_table_info(?) WHERE name = ?", -1, &stmt,
                          NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, column, -1, SQLITE_STATIC);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  return found;
}

/* Compares the file's schema with the one this build writes. Missing tables
 * or columns make the file unreadable (an error); anything added or altered
 * (a trigger, a view, a changed table) opens it read-only with the reason,
 * so Tenure never writes through objects it did not create. */
static gboolean
verify_schema (sqlite3     *db,
               const char  *path,
               char       **read_only_reason,
               GError     **error)
{
  g_autofree char *name = display_name (path);
  g_autoptr(GHashTable) expected = NULL;
  g_autoptr(GHashTable) actual = NULL;
  g_autoptr(GString) differences = g_string_new (NULL);
  GHashTableIter iter;
  SchemaObject *want;
  SchemaObject *have;

  sqlite3 *mem = expected_database (error);
  gboolean ok = FALSE;

  if (mem == NULL)
    return FALSE;
  expected = read_schema (mem, error);
  if (expected == NULL)
    goto out;
  actual = read_schema (db, error);
  if (actual == NULL)
    goto out;

  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &want))
    {
      have = g_hash_table_lookup (actual, want->name);
      if (g_str_equal (want->type, "table"))
        {
          sqlite3_stmt *stmt = NULL;

          if (have == NULL || !g_str_equal (have->type, "table"))
            {
              g_set_error (error, TENURE_WORKSPACE_ERROR, TENURE_WORKSPACE_ERROR_SCHEMA,
                           _("%s is not a complete Tenure workspace: the table “%s” is missing"),
                           name, want->name);
              goto out;
            }
          /* Every column of the expected table must be there to be read. */
          sqlite3_prepare_v2 (mem, "SELECT name FROM pragma_table_info(?)", -1, &stmt, NULL);
          sqlite3_bind_text (stmt, 1, want->name, -1, SQLITE_STATIC);
          while (sqlite3_step (stmt) == SQLITE_ROW)
            {
              const char *column = (const char *) sqlite3_column_text (stmt, 0);

              if (!table_has_column (db, want->name, column))
                {
                  g_set_error (error, TENURE_WORKSPACE_ERROR, TENURE_WORKSPACE_ERROR_SCHEMA,
                               _("%s is not a complete Tenure workspace: the column “%s.%s” "
                               "is missing"), name, want->name, column);
                  sqlite3_finalize (stmt);
                  goto out;
                }
            }
          sqlite3_finalize (stmt);
        }
      if (have == NULL)
        g_string_append_printf (differences, "%s%s “%s” is missing", differences->len ? "; " : "",
                                want->type, want->name);
      else if (g_strcmp0 (have->sql, want->sql) != 0)
        g_string_append_printf (differences, "%s%s “%s” has been altered",
                                differences->len ? "; " : "", want->type, want->name);
    }

  g_hash_table_iter_init (&iter, actual);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &have))
    if (!g_hash_table_contains (expected, have->name))
      g_string_append_printf (differences, "%sit contains a %s “%s” that Tenure did not create%s",
                              differences->len ? "; " : "", have->type, have->name,
                              g_str_equal (have->type, "trigger") || g_str_equal (have->type, "view")
                                ? " (it is not run)" : "");

  if (differences->len > 0)
    *read_only_reason = g_strdup_printf (_("%s differs from a Tenure workspace: %s. It is open "
                                         "read-only so that nothing is written through it"),
                                         name, differences->str);
  ok = TRUE;

out:
  sqlite3_close (mem);
  return ok;
}

/* Every file the workspace code writes under another name and renames into
 * place (a Save As, the backup copy before a migration) is first a
 * temporary file named SAVE_TEMP_PREFIX + six random characters in the
 * destination's folder. Its writer holds an exclusive flock() on it until
 * the rename is done; the kernel drops that lock when the writer dies, so a
 * temporary file nobody holds a lock on was left by a writer that was killed
 * (a crash, SIGKILL, a logout) and remove_leftovers() may delete it. */
#define SAVE_TEMP_PREFIX ".tenure-save-"
#define SAVE_TEMP_RANDOM 6

static gboolean
same_file (const GStatBuf *a,
           const GStatBuf *b)
{
  return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/* Creates a temporary file in @dir and locks it. Returns the descriptor,
 * which holds the lock until it is closed, or -1 with errno set. */
static int
create_temp_file (const char  *dir,
                  char       **out_path)
{
  for (guint attempt = 0; attempt < 10; attempt++)
    {
      g_autofree char *tmp = g_build_filename (dir, SAVE_TEMP_PREFIX "XXXXXX", NULL);
      GStatBuf held, named;
      int fd = g_mkstemp (tmp);

      if (fd < 0)
        return -1;
      /* Between g_mkstemp and flock the file is unlocked: another process
       * cleaning the folder may have taken it for a leftover and removed
       * it. Then try again with a new name. */
      if (flock (fd, LOCK_EX) == 0 && fstat (fd, &held) == 0 &&
          g_lstat (tmp, &named) == 0 && same_file (&held, &named))
        {
          *out_path = g_steal_pointer (&tmp);
          return fd;
        }
      close (fd);
    }
  errno = EEXIST;
  return -1;
}

static gboolean
is_temp_name (const char *name)
{
  gsize prefix = strlen (SAVE_TEMP_PREFIX);

  return g_str_has_prefix (name, SAVE_TEMP_PREFIX) && strlen (name) == prefix + SAVE_TEMP_RANDOM &&
         strspn (name + prefix, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") ==
           SAVE_TEMP_RANDOM;
}

/* Removes from @dir the temporary files (and their SQLite journals) of
 * writers that were killed before they renamed them: those nobody holds a
 * lock on. A file being written by a live process, in this one or another,
 * is left alone. Best effort: a folder that cannot be read or written is
 * left as it is. */
static void
remove_leftovers (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  if (listing == NULL)
    return;
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *journal = NULL;
      GStatBuf held, named;
      int fd;

      if (g_str_has_suffix (name, "-journal"))
        {
          g_autofree char *main_name = g_strndup (name, strlen (name) - strlen ("-journal"));

          /* A journal whose temporary file is gone (removed by a cleaner
           * that was itself killed) is of no use to anyone. */
          if (is_temp_name (main_name))
            {
              g_autofree char *main_path = g_build_filename (dir, main_name, NULL);

              path = g_build_filename (dir, name, NULL);
              if (!g_file_test (main_path, G_FILE_TEST_EXISTS) && g_unlink (path) == 0)
                g_debug ("Removed %s, left by a copy that did not finish", path);
            }
          continue;
        }
      if (!is_temp_name (name))
        continue;

      path = g_build_filename (dir, name, NULL);
      fd = g_open (path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0);
      if (fd < 0)
        continue;
      /* Locked (by a live writer) or no longer the file listed: keep it. */
      if (fstat (fd, &held) == 0 && S_ISREG (held.st_mode) && flock (fd, LOCK_EX | LOCK_NB) == 0 &&
          g_lstat (path, &named) == 0 && same_file (&held, &named) && g_unlink (path) == 0)
        {
          g_debug ("Removed %s, left by a copy that did not finish", path);
          journal = g_strconcat (path, "-journal", NULL);
          g_unlink (journal);
        }
      close (fd);
    }
}

/* Makes the entries of @dir durable: after a rename, the new name survives
 * a power cut only once the folder itself is synced. Some file systems
 * cannot sync a folder (EINVAL); the rename is then as durable as they
 * make it. */
static void
sync_directory (const char *dir)
{
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd < 0 || (fsync (fd) != 0 && errno != EINVAL && errno != ENOTSUP))
    g_debug ("Could not sync the folder %s: %s", dir, g_strerror (errno));
  if (fd >= 0)
    close (fd);
}

/* Copies @from to @to through a locked temporary file beside @to, synced,
 * renamed into place, and the folder synced: after a crash or a power cut
 * @to is either the whole copy or as it was. */
static gboolean
copy_file (const char  *from,
           const char  *to,
           GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (to);
  g_autofree char *tmp = NULL;
  g_autofree char *buffer = g_malloc (64 * 1024);
  int in, out, saved = 0;
  gssize n = 0;

  in = g_open (from, O_RDONLY | O_CLOEXEC, 0);
  if (in < 0)
    {
      saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s", g_strerror (saved));
      return FALSE;
    }
  remove_leftovers (dir);
  out = create_temp_file (dir, &tmp);
  if (out < 0)
    {
      saved = errno;
      close (in);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s", g_strerror (saved));
      return FALSE;
    }
  while ((n = read (in, buffer, 64 * 1024)) != 0)
    {
      gssize done = 0;

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        break;
      while (done < n)
        {
          gssize w = write (out, buffer + done, n - done);

          if (w < 0 && errno == EINTR)
            continue;
          if (w < 0)
            break;
          done += w;
        }
      if (done < n)
        {
          n = -1;
          break;
        }
    }
  if (n < 0 || fsync (out) != 0 || g_rename (tmp, to) != 0)
    saved = errno;
  close (in);
  close (out);
  if (saved != 0)
    {
      g_unlink (tmp);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s", g_strerror (saved));
      return FALSE;
    }
  sync_directory (dir);
  return TRUE;
}

static gboolean
foreign_keys_hold (sqlite3  *db,
                   GError  **error)
{
  g_autoptr(sqlite3_stmt) check = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "PRAGMA foreign_key_check", -1, &check, NULL) != SQLITE_OK)
    rc = SQLITE_ERROR;
  else
    rc = sqlite3_step (check);
  if (rc == SQLITE_ROW)
    {
      g_set_error (error, TENURE_WORKSPACE_ERROR, TENURE_WORKSPACE_ERROR_SCHEMA,
                   _("a row of “%s” refers to a missing row of “%s”"),
                   (const char *) sqlite3_column_text (check, 0),
                   (const char *) sqlite3_column_text (check, 2));
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    return set_sql_error (db, error);
  return TRUE;
}

/* Migrations run forward only, all steps in one transaction, after a copy
 * of the file has been put beside it: a failure leaves the original as it
 * was and the copy in place. */
static gboolean
migrate (sqlite3     *db,
         const char  *path,
         int          from,
         GError     **error)
{
  g_autofree char *name = display_name (path);
  g_autofree char *backup = g_strdup_printf ("%s.v%d.bak", path, from);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *version = NULL;

  if (!copy_file (path, backup, &local_error))
    {
      g_set_error (error, TENURE_WORKSPACE_ERROR, TENURE_WORKSPACE_ERROR_MIGRATION,
                   _("%s uses an older format, and no backup copy could be made before upgrading "
                   "it: %s"), name, local_error->message);
      return FALSE;
    }
  /* Tables are rebuilt with foreign keys off (a pragma that only takes
   * effect outside a transaction); every key is checked before COMMIT. */
  if (!tenure_sql_exec (db, "PRAGMA foreign_keys = OFF; BEGIN EXCLUSIVE", &local_error))
    goto failed;
  for (int v = from; v < TENURE_SCHEMA_VERSION; v++)
    if (!migrations[v] (db, &local_error))
      goto failed;
  if (!foreign_keys_hold (db, &local_error))
    goto failed;
  version = g_strdup_printf ("PRAGMA user_version = %d", TENURE_SCHEMA_VERSION);
  if (!tenure_sql_exec (db, version, &local_error) ||
      !tenure_sql_exec (db, "COMMIT; PRAGMA foreign_keys = ON", &local_error))
    goto failed;
  g_debug ("Migrated %s from version %d; backup at %s", path, from, backup);
  return TRUE;

failed:
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_exec (db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
  g_set_error (error, TENURE_WORKSPACE_ERROR, TENURE_WORKSPACE_ERROR_MIGRATION,
               _("%s uses an older format that could not be upgraded (%s); it is unchanged"),
               name, local_error->message);
  return FALSE;
}

static sqlite3 *
open_connection (const char  *path,
                 gboolean     writable,
                 GError     **error)
{
  sqlite3 *db = NULL;
  int flags = (writable ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY) | SQLITE_OPEN_NOFOLLOW;

  if (sqlite3_open_v2 (path, &db, flags, NULL) != SQLITE_OK)
    {
      tenure_workspace_set_sqlite_error (db, path, error);
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_extended_result_codes (db, 0);
  if (!configure_connection (db, writable, NULL))
    {
      tenure_workspace_set_sqlite_error (db, path, error);
      sqlite3_close (db);
      return NULL;
    }
  return db;
}

static gboolean
quick_check (sqlite3     *db,
             const char  *path,
             GError     **error)
{
  g_autofree char *name = display_name (path);
  sqlite3_stmt *stmt = NULL;
  g_autofree char *result = NULL;

  if (sqlite3_prepare_v2 (db, "PRAGMA quick_check(1)", -1, &stmt, NULL) != SQLITE_OK)
    {
      tenure_workspace_set_sqlite_error (db, path, error);
      return FALSE;
    }
  if (sqlite3_step (stmt) == SQLITE_ROW)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else
    {
      tenure_workspace_set_sqlite_error (db, path, error);
      sqlite3_finalize (stmt);
      return FALSE;
    }
  sqlite3_finalize (stmt);
  if (g_strcmp0 (result, "ok") != 0)
    {
      g_set_error (error, TENURE_WORKSPACE_ERROR, TENURE_WORKSPACE_ERROR_DAMAGED,
                   _("%s is damaged (%s); restore it from a backup copy"), name, result);
      return FALSE;
    }
  return TRUE;
}

static gint64
read_data_version (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  gint64 version = -1;

  if (sqlite3_prepare_v2 (db, "PRAGMA data_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

/* Files up to this size get a quick_check on opening; larger ones are
 * checked page by page as they are read (and fully by `tenure-cli check`). */
#define QUICK_CHECK_LIMIT (64 * 1024 * 1024)

/**
 * tenure_workspace_open:
 * @path: the workspace file
 * @flags: #TenureWorkspaceOpenFlags
 * @error: return location for a #TENURE_WORKSPACE_ERROR
 *
 * Opens a workspace. A file that is not a workspace, is damaged, or comes
 * from a newer version is refused with a message a user can act on and is
 * never written; a file that is not writable, or whose schema carries
 * objects Tenure did not create, opens read-only.
 *
 * Returns: (transfer full) (nullable): the workspace
 */
TenureWorkspace *
tenure_workspace_open (const char                *path,
                       TenureWorkspaceOpenFlags   flags,
                       GError                   **error)
{
  g_autoptr(TenureWorkspace) self = NULL;
  g_autofree char *reason = NULL;
  gboolean writable;
  gboolean small = FALSE;
  int version = 0;
  int opened_version = TENURE_SCHEMA_VERSION;   /* a read-only open does not upgrade */
  GStatBuf st;

  g_return_val_if_fail (path != NULL, NULL);

  if (!check_header (path, &version, error))
    return NULL;

  /* A file without write permission bits is read-only even for root, who
   * may write anything: the user marked it so. */
  writable = !(flags & TENURE_WORKSPACE_OPEN_READ_ONLY) && g_access (path, W_OK) == 0 &&
             g_stat (path, &st) == 0 && (st.st_mode & 0222) != 0;
  if (writable)
    {
      /* SQLite needs to create the rollback journal beside the file. */
      g_autofree char *dir = g_path_get_dirname (path);

      writable = g_access (dir, W_OK) == 0;
      /* A Save As or a migration killed in this folder left its temporary
       * file: removed at the latest when a workspace beside it is next
       * opened for writing. */
      if (writable)
        remove_leftovers (dir);
    }

  /* A writer killed in the middle of a commit (a crash, a power cut) left
   * a hot journal: the first connection that can write rolls the
   * unfinished change back. The read-only probe below cannot, so a
   * writable connection does it first, and the header is read again. */
  if (writable && has_journal (path))
    {
      sqlite3 *db = open_connection (path, TRUE, error);

      if (db == NULL)
        return NULL;
      sqlite3_close (db);
      if (!check_header (path, &version, error))
        return NULL;
    }

  self = g_object_new (TENURE_TYPE_WORKSPACE, NULL);
  self->path = g_canonicalize_filename (path, NULL);

  /* Validate through a read-only connection first, so that a file that
   * turns out not to be ours is not touched at all. */
  {
    sqlite3 *probe = open_connection (path, FALSE, error);

    if (probe == NULL)
      return NULL;
    small = g_stat (path, &st) == 0 && st.st_size <= QUICK_CHECK_LIMIT;
    if (small && !quick_check (probe, path, error))
      {
        sqlite3_close (probe);
        return NULL;
      }
    if (version == TENURE_SCHEMA_VERSION &&
        (!verify_schema (probe, path, &reason, error) ||
         !check_invariants (probe, path, small,
                            (flags & TENURE_WORKSPACE_OPEN_FOR_FIGURES) != TENURE_WORKSPACE_OPEN_FOR_FIGURES,
                            &reason, error)))
      {
        sqlite3_close (probe);
        return NULL;
      }
    sqlite3_close (probe);
  }

  if (version < TENURE_SCHEMA_VERSION)
    {
      g_autofree char *name = display_name (path);

      if (!writable && version < TENURE_SCHEMA_READABLE_FROM)
        {
          g_set_error (error, TENURE_WORKSPACE_ERROR, TENURE_WORKSPACE_ERROR_MIGRATION,
                       _("%s uses an older format and is read-only, so it cannot be upgraded: "
                       "copy it to a folder you can write to and open the copy"), name);
          return NULL;
        }
      if (!writable)
        {
          /* Its tables and columns are today's: read it as it is, and
           * leave the upgrade to the first open that may write. */
          self->db = open_connection (path, FALSE, error);
          if (self->db == NULL ||
              !check_invariants (self->db, path, small,
                                 (flags & TENURE_WORKSPACE_OPEN_FOR_FIGURES) != TENURE_WORKSPACE_OPEN_FOR_FIGURES,
                                 &reason, error))
            return NULL;
          opened_version = version;
          if (reason == NULL)
            reason = g_strdup_printf (_("%s uses an older format; it is upgraded when it is "
                                        "next opened for writing"), name);
        }
      else
        {
          self->db = open_connection (path, TRUE, error);
          if (self->db == NULL || !migrate (self->db, path, version, error) ||
              !verify_schema (self->db, path, &reason, error) ||
              !check_invariants (self->db, path, small, TRUE, &reason, error))
            return NULL;
          if (reason != NULL)
            {
              /* Migrated, but not to be written through: reconnect read-only. */
              g_clear_pointer (&self->db, sqlite3_close);
              self->db = open_connection (path, FALSE, error);
              if (self->db == NULL)
                return NULL;
            }
        }
    }
  else
    {
      writable = writable && reason == NULL;
      self->db = open_connection (path, writable, error);
      if (self->db == NULL)
        return NULL;
    }

  self->schema_version = opened_version;
  if (reason != NULL)
    {
      self->read_only = TRUE;
      self->read_only_reason = g_steal_pointer (&reason);
    }
  else if (!writable)
    {
      g_autofree char *name = display_name (path);

      self->read_only = TRUE;
      self->read_only_reason = g_strdup_printf (_("%s is read-only: you can look at it, "
                                                "but nothing can be changed in it"), name);
    }
  self->data_version = read_data_version (self->db);
  return g_steal_pointer (&self);
}

/**
 * tenure_workspace_create:
 * @path: where to create the workspace; must not exist
 * @currency: (nullable): ISO 4217 code, or %NULL for the default
 * @error: return location for an error
 *
 * Creates a new, empty workspace with the default settings, journey stages
 * and scorecard areas.
 *
 * Returns: (transfer full) (nullable): the workspace
 */
TenureWorkspace *
tenure_workspace_create (const char  *path,
                         const char  *currency,
                         GError     **error)
{
  g_autofree char *name = NULL;
  g_autofree char *code = NULL;
  sqlite3 *db = NULL;
  gboolean ok;

  g_return_val_if_fail (path != NULL, NULL);

  name = display_name (path);
  if (currency != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      code = tenure_settings_validate ("currency", currency, &local_error);
      if (code == NULL)
        {
          g_set_error (error, TENURE_WORKSPACE_ERROR, TENURE_WORKSPACE_ERROR_INVALID,
                       "%s", local_error->message);
          return NULL;
        }
    }
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, TENURE_WORKSPACE_ERROR, TENURE_WORKSPACE_ERROR_EXISTS,
                   _("%s already exists; choose another name or remove it first"), name);
      return NULL;
    }

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_EXCLUSIVE,
                       NULL) != SQLITE_OK)
    {
      tenure_workspace_set_sqlite_error (db, path, error);
      sqlite3_close (db);
      return NULL;
    }
  ok = configure_connection (db, TRUE, error) && tenure_schema_install (db, code, error);
  sqlite3_close (db);
  if (!ok)
    {
      g_unlink (path);
      return NULL;
    }
  return tenure_workspace_open (path, TENURE_WORKSPACE_OPEN_DEFAULT, error);
}

void
tenure_workspace_close (TenureWorkspace *self)
{
  g_return_if_fail (TENURE_IS_WORKSPACE (self));

  g_clear_pointer (&self->db, sqlite3_close);
}

/**
 * tenure_workspace_save_as:
 * @self: a #TenureWorkspace
 * @path: the new file
 * @error: return location for an error
 *
 * Copies the workspace with the SQLite backup API into a temporary file
 * beside @path and renames it into place, so @path is either complete or
 * untouched. The workspace then continues in the new file.
 *
 * Returns: %TRUE on success
 */
gboolean
tenure_workspace_save_as (TenureWorkspace  *self,
                          const char       *path,
                          GError          **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *target = NULL;
  g_autoptr(TenureWorkspace) reopened = NULL;
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int fd, rc;

  g_return_val_if_fail (TENURE_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (self->db != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  target = g_canonicalize_filename (path, NULL);
  if (g_strcmp0 (target, self->path) == 0)
    return TRUE;

  dir = g_path_get_dirname (target);
  remove_leftovers (dir);
  /* The descriptor holds the temporary file's lock until the rename. */
  fd = create_temp_file (dir, &tmp);
  if (fd < 0)
    {
      int saved = errno;
      g_autofree char *name = display_name (dir);

      g_set_error (error, TENURE_WORKSPACE_ERROR, TENURE_WORKSPACE_ERROR_IO,
                   _("Could not write in %s: %s"), name, g_strerror (saved));
      return FALSE;
    }

  if (sqlite3_open_v2 (tmp, &dest, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    goto failed;
  sqlite3_exec (dest, "PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL;", NULL, NULL, NULL);
  backup = sqlite3_backup_init (dest, "main", self->db, "main");
  if (backup == NULL)
    goto failed;
  rc = sqlite3_backup_step (backup, -1);
  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    goto failed;
  if (sqlite3_close (dest) != SQLITE_OK)
    {
      dest = NULL;
      goto failed;
    }
  dest = NULL;

  /* The copy was synced when its transaction committed (synchronous =
   * FULL); the folder is synced after the rename so that the new name
   * survives a power cut too. */
  if (g_rename (tmp, target) != 0)
    {
      int saved = errno;
      g_autofree char *name = display_name (target);

      g_unlink (tmp);
      close (fd);
      g_set_error (error, TENURE_WORKSPACE_ERROR, TENURE_WORKSPACE_ERROR_IO,
                   _("Could not save %s: %s"), name, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  sync_directory (dir);

  reopened = tenure_workspace_open (target, TENURE_WORKSPACE_OPEN_DEFAULT, error);
  if (reopened == NULL)
    return FALSE;
  /* Continue in the new file: take over its connection. */
  g_clear_pointer (&self->db, sqlite3_close);
  self->db = g_steal_pointer (&reopened->db);
  g_free (self->path);
  self->path = g_steal_pointer (&reopened->path);
  self->read_only = reopened->read_only;
  g_free (self->read_only_reason);
  self->read_only_reason = g_steal_pointer (&reopened->read_only_reason);
  self->data_version = read_data_version (self->db);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
  return TRUE;

failed:
  tenure_workspace_set_sqlite_error (dest ? dest : self->db, target, error);
  if (dest != NULL)
    sqlite3_close (dest);
  g_unlink (tmp);
  close (fd);
  return FALSE;
}

static void
tenure_workspace_finalize (GObject *object)
{
  TenureWorkspace *self = (TenureWorkspace *) object;

  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->read_only_reason, g_free);

  G_OBJECT_CLASS (tenure_workspace_parent_class)->finalize (object);
}

static void
tenure_workspace_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TenureWorkspace *self = TENURE_WORKSPACE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tenure_workspace_class_init (TenureWorkspaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tenure_workspace_finalize;
  object_class->get_property = tenure_workspace_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TenureWorkspace::changed:
   *
   * Emitted after each committed write, by this process or (when polled)
   * by another one.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
tenure_workspace_init (TenureWorkspace *self)
{
}

const char *
tenure_workspace_get_path (TenureWorkspace *self)
{
  g_return_val_if_fail (TENURE_IS_WORKSPACE (self), NULL);
  return self->path;
}

/**
 * tenure_workspace_dup_title:
 * @self: a #TenureWorkspace
 *
 * Returns: (transfer full): the file name without its extension, for titles
 */
char *
tenure_workspace_dup_title (TenureWorkspace *self)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (TENURE_IS_WORKSPACE (self), NULL);

  name = display_name (self->path);
  if (g_str_has_suffix (name, ".tenure"))
    name[strlen (name) - strlen (".tenure")] = '\0';
  return g_steal_pointer (&name);
}

gboolean
tenure_workspace_is_read_only (TenureWorkspace *self)
{
  g_return_val_if_fail (TENURE_IS_WORKSPACE (self), TRUE);
  return self->read_only;
}

const char *
tenure_workspace_get_read_only_reason (TenureWorkspace *self)
{
  g_return_val_if_fail (TENURE_IS_WORKSPACE (self), NULL);
  return self->read_only_reason;
}

int
tenure_workspace_get_schema_version (TenureWorkspace *self)
{
  g_return_val_if_fail (TENURE_IS_WORKSPACE (self), 0);
  return self->schema_version;
}

/**
 * tenure_workspace_get_db:
 * @self: a #TenureWorkspace
 *
 * Returns: (transfer none): the main-thread connection
 */
sqlite3 *
tenure_workspace_get_db (TenureWorkspace *self)
{
  g_return_val_if_fail (TENURE_IS_WORKSPACE (self), NULL);
  return self->db;
}

sqlite3 *
tenure_workspace_open_reader (TenureWorkspace  *self,
                              GError          **error)
{
  g_return_val_if_fail (TENURE_IS_WORKSPACE (self), NULL);
  return open_connection (self->path, FALSE, error);
}

char *
tenure_workspace_get_setting (TenureWorkspace *self,
                              const char      *key)
{
  g_return_val_if_fail (TENURE_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (tenure_settings_is_key (key), NULL);

  return tenure_settings_read (self->db, key);
}

gboolean
tenure_workspace_check_writable (TenureWorkspace  *self,
                                 GError          **error)
{
  g_return_val_if_fail (TENURE_IS_WORKSPACE (self), FALSE);

  if (self->read_only)
    {
      g_set_error (error, TENURE_WORKSPACE_ERROR, TENURE_WORKSPACE_ERROR_READ_ONLY, "%s",
                   self->read_only_reason);
      return FALSE;
    }
  return TRUE;
}

gboolean
tenure_workspace_begin_write (TenureWorkspace  *self,
                              GError          **error)
{
  g_return_val_if_fail (TENURE_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (!self->in_write, FALSE);

  if (!tenure_workspace_check_writable (self, error))
    return FALSE;
  if (sqlite3_exec (self->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    {
      tenure_workspace_set_sqlite_error (self->db, self->path, error);
      return FALSE;
    }
  self->in_write = TRUE;
  return TRUE;
}

void
tenure_workspace_notify_changed (TenureWorkspace *self)
{
  g_return_if_fail (TENURE_IS_WORKSPACE (self));

  self->data_version = read_data_version (self->db);
  g_signal_emit (self, signals[CHANGED], 0);
}

gboolean
tenure_workspace_commit_write (TenureWorkspace  *self,
                               GError          **error)
{
  g_return_val_if_fail (TENURE_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (self->in_write, FALSE);

  if (sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    {
      tenure_workspace_set_sqlite_error (self->db, self->path, error);
      tenure_workspace_rollback_write (self);
      return FALSE;
    }
  self->in_write = FALSE;
  tenure_workspace_notify_changed (self);
  return TRUE;
}

void
tenure_workspace_rollback_write (TenureWorkspace *self)
{
  g_return_if_fail (TENURE_IS_WORKSPACE (self));

  if (sqlite3_get_autocommit (self->db) == 0)
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  self->in_write = FALSE;
}

static gboolean
write_stages (TenureWorkspace  *self,
              const char       *json,
              GError          **error)
{
  g_autoptr(GArray) stages = tenure_settings_parse_stages (json, error);
  g_autoptr(GString) names = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (stages == NULL)
    return FALSE;

  /* Stages keep their ids across renames by position, so events that point
   * at a stage follow it; a removed stage must not be in use. Positions are
   * moved out of the way first because they are unique. */
  if (sqlite3_exec (self->db, "UPDATE journey_stage SET position = -1 - position", NULL, NULL,
                    NULL) != SQLITE_OK)
    goto sql_failed;

  for (guint i = 0; i < stages->len; i++)
    {
      const TenureStageSpec *spec = &g_array_index (stages, TenureStageSpec, i);

      if (sqlite3_prepare_v2 (self->db,
                              "INSERT INTO journey_stage (id, position, name, min_mrr) "
                              "VALUES ((SELECT id FROM journey_stage WHERE name = ?2), ?1, ?2, ?3) "
                              "ON CONFLICT (id) DO UPDATE SET position = ?1, min_mrr = ?3",
                              -1, &stmt, NULL) != SQLITE_OK)
        goto sql_failed;
      sqlite3_bind_int (stmt, 1, (int) i);
      sqlite3_bind_text (stmt, 2, spec->name, -1, SQLITE_STATIC);
      if (spec->min_mrr < 0)
        sqlite3_bind_null (stmt, 3);
      else
        sqlite3_bind_int64 (stmt, 3, spec->min_mrr);
      rc = sqlite3_step (stmt);
      sqlite3_finalize (stmt);
      stmt = NULL;
      if (rc != SQLITE_DONE)
        goto sql_failed;
    }

  /* What is left at a negative position was removed. */
  if (sqlite3_prepare_v2 (self->db,
                          "SELECT s.name, count(e.id) FROM journey_stage s "
                          "JOIN event e ON e.stage_id = s.id WHERE s.position < 0 GROUP BY s.id",
                          -1, &stmt, NULL) != SQLITE_OK)
    goto sql_failed;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (names, "%s“%s” (%d events)", names->len ? ", " : "",
                            (const char *) sqlite3_column_text (stmt, 0), sqlite3_column_int (stmt, 1));
  sqlite3_finalize (stmt);
  if (names->len > 0)
    {
      g_set_error (error, TENURE_WORKSPACE_ERROR, TENURE_WORKSPACE_ERROR_INVALID,
                   _("Setting stages: %s cannot be removed because events refer to it; "
                   "rename it instead"), names->str);
      return FALSE;
    }
  if (sqlite3_exec (self->db, "DELETE FROM journey_stage WHERE position < 0", NULL, NULL, NULL) != SQLITE_OK)
    goto sql_failed;
  return TRUE;

sql_failed:
  tenure_workspace_set_sqlite_error (self->db, self->path, error);
  return FALSE;
}

/**
 * tenure_workspace_set_setting:
 * @self: a #TenureWorkspace
 * @key: a setting key of CLI.md
 * @value: the new value, as text
 * @error: return location for an error naming the key and what it accepts
 *
 * Validates and stores a setting in one transaction; nothing changes when
 * the key or value is wrong.
 *
 * Returns: %TRUE on success
 */
gboolean
tenure_workspace_set_setting (TenureWorkspace  *self,
                              const char       *key,
                              const char       *value,
                              GError          **error)
{
  g_autofree char *normal = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (TENURE_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  normal = tenure_settings_validate (key, value, error);
  if (normal == NULL)
    return FALSE;
  if (!tenure_workspace_begin_write (self, error))
    return FALSE;

  if (g_str_equal (key, "stages"))
    {
      if (!write_stages (self, normal, error))
        {
          tenure_workspace_rollback_write (self);
          return FALSE;
        }
    }
  else
    {
      if (sqlite3_prepare_v2 (self->db,
                              "INSERT INTO setting (key, value) VALUES (?, ?) "
                              "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                              -1, &stmt, NULL) != SQLITE_OK)
        {
          tenure_workspace_set_sqlite_error (self->db, self->path, error);
          tenure_workspace_rollback_write (self);
          return FALSE;
        }
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, normal, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        {
          tenure_workspace_set_sqlite_error (self->db, self->path, error);
          tenure_workspace_rollback_write (self);
          return FALSE;
        }
    }
  return tenure_workspace_commit_write (self, error);
}

gboolean
tenure_workspace_poll_external_change (TenureWorkspace *self)
{
  gint64 version;

  g_return_val_if_fail (TENURE_IS_WORKSPACE (self), FALSE);

  if (self->db == NULL || self->in_write)
    return FALSE;
  version = read_data_version (self->db);
  if (version == self->data_version)
    return FALSE;
  self->data_version = version;
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

gint64
tenure_workspace_count_rows (TenureWorkspace *self,
                             const char      *table)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 count = -1;

  g_return_val_if_fail (TENURE_IS_WORKSPACE (self), -1);

  /* Only tables of the schema: the name goes into SQL text. */
  if (strstr (tenure_schema_sql, table) == NULL || strchr (table, '"') != NULL)
    return -1;
  sql = g_strdup_printf ("SELECT count(*) FROM \"%s\"", table);
  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return count;
}

static void
collect_rows (sqlite3    *db,
              const char *sql,
              const char *prefix,
              GPtrArray  *problems)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_ptr_array_add (problems, g_strdup_printf ("%s: %s", prefix, sqlite3_errmsg (db)));
      return;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (text, "ok") != 0)
        g_ptr_array_add (problems, g_strdup_printf ("%s: %s", prefix, text ? text : "?"));
    }
  sqlite3_finalize (stmt);
}

/**
 * tenure_workspace_check:
 * @self: a #TenureWorkspace
 * @problems: (element-type utf8): where each problem found is added
 * @error: return location for an error when the check itself could not run
 *
 * Runs SQLite's integrity and foreign-key checks, the schema check and the
 * ledger invariants (no negative money, no line ending before it starts, a
 * date on every won deal, ISO dates everywhere).
 *
 * Returns: %TRUE when the check ran (look at @problems for its findings)
 */
gboolean
tenure_workspace_check (TenureWorkspace  *self,
                        GPtrArray        *problems,
                        GError          **error)
{
  g_autofree char *reason = NULL;
  g_autofree char *oversized = NULL;
  int rc;

  g_return_val_if_fail (TENURE_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);

  collect_rows (self->db, "PRAGMA integrity_check", "integrity", problems);
  {
    sqlite3_stmt *stmt = NULL;

    if (sqlite3_prepare_v2 (self->db, "SELECT \"table\", rowid, parent FROM pragma_foreign_key_check",
                            -1, &stmt, NULL) == SQLITE_OK)
      {
        while (sqlite3_step (stmt) == SQLITE_ROW)
          g_ptr_array_add (problems,
                           g_strdup_printf ("foreign key: %s row %lld refers to a missing %s row",
                                            sqlite3_column_text (stmt, 0),
                                            (long long) sqlite3_column_int64 (stmt, 1),
                                            sqlite3_column_text (stmt, 2)));
        sqlite3_finalize (stmt);
      }
  }
  if (!verify_schema (self->db, self->path, &reason, error))
    return FALSE;
  if (reason != NULL)
    g_ptr_array_add (problems, g_strdup_printf ("schema: %s", reason));
  oversized = find_oversized_table (self->db);
  if (oversized != NULL)
    g_ptr_array_add (problems, g_strdup_printf ("size: the table “%s” holds a value larger than "
                                                "Tenure reads (more than %d MB)", oversized,
                                                TENURE_WORKSPACE_MAX_VALUE / (1024 * 1024)));

  for (guint i = 0; i <= G_N_ELEMENTS (invariants); i++)
    {
      if (i < G_N_ELEMENTS (invariants))
        {
          sqlite3_stmt *stmt = NULL;

          if (sqlite3_prepare_v2 (self->db, invariants[i].sql, -1, &stmt, NULL) != SQLITE_OK)
            {
              tenure_workspace_set_sqlite_error (self->db, self->path, error);
              return FALSE;
            }
          while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
            g_ptr_array_add (problems, g_strdup_printf ("%s: %s", invariants[i].what,
                                                        sqlite3_column_text (stmt, 0)));
          sqlite3_finalize (stmt);
          if (rc != SQLITE_DONE)
            {
              g_autoptr(GError) local_error = NULL;

              /* A value too large to read, a damaged page: name it and go on. */
              tenure_workspace_set_sqlite_error (self->db, self->path, &local_error);
              g_ptr_array_add (problems, g_strdup_printf ("%s: the check could not finish: %s",
                                                          invariants[i].what, local_error->message));
            }
        }
      else
        {
          sqlite3_stmt *stmt = NULL;

          if (sqlite3_prepare_v2 (self->db, "SELECT key, value FROM setting", -1, &stmt, NULL) != SQLITE_OK)
            continue;
          while (sqlite3_step (stmt) == SQLITE_ROW)
            {
              g_autoptr(GError) local_error = NULL;
              g_autofree char *ok = tenure_settings_validate ((const char *) sqlite3_column_text (stmt, 0),
                                                              (const char *) sqlite3_column_text (stmt, 1),
                                                              &local_error);

              if (ok == NULL)
                g_ptr_array_add (problems, g_strdup_printf ("settings: %s", local_error->message));
            }
          sqlite3_finalize (stmt);
        }
    }
  return TRUE;
}

/**
 * tenure_workspace_import:
 * @self: a #TenureWorkspace
 * @path: the CSV file
 * @options: (nullable): import options
 * @progress: (nullable) (scope call): progress callback
 * @user_data: data for @progress
 * @cancellable: (nullable): cancels the import; the workspace stays as it was
 * @report: (out) (optional) (transfer full): what was imported and rejected
 * @error: return location for an error
 *
 * Returns: %TRUE when the import ran (rows may still have been rejected)
 */
gboolean
tenure_workspace_import (TenureWorkspace           *self,
                         const char                *path,
                         const TenureImportOptions *options,
                         TenureImportProgressFunc   progress,
                         gpointer                   user_data,
                         GCancellable              *cancellable,
                         TenureImportReport       **report,
                         GError                   **error)
{
  g_autoptr(TenureImportReport) local_report = NULL;
  TenureImportOptions defaults = { 0 };
  gboolean ok;

  g_return_val_if_fail (TENURE_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (options == NULL)
    options = &defaults;
  if (!options->dry_run && !tenure_workspace_check_writable (self, error))
    return FALSE;
  ok = tenure_import_file (self->db, path, options, progress, user_data, cancellable,
                           &local_report, error);
  if (local_report != NULL && local_report->committed)
    tenure_workspace_notify_changed (self);
  if (report != NULL)
    *report = g_steal_pointer (&local_report);
  return ok;
}

/**
 * tenure_workspace_undo_import:
 * @self: a #TenureWorkspace
 * @batch_id: the batch, or 0 for the last one
 * @undone_id: (out) (optional): the batch that was undone
 * @error: return location for an error
 *
 * Restores the workspace exactly as it was before the batch.
 *
 * Returns: %TRUE on success
 */
gboolean
tenure_workspace_undo_import (TenureWorkspace  *self,
                              gint64            batch_id,
                              gint64           *undone_id,
                              GError          **error)
{
  g_return_val_if_fail (TENURE_IS_WORKSPACE (self), FALSE);

  if (!tenure_workspace_check_writable (self, error))
    return FALSE;
  if (batch_id <= 0)
    {
      sqlite3_stmt *stmt = NULL;

      if (sqlite3_prepare_v2 (self->db, "SELECT max(id) FROM import_batch", -1, &stmt, NULL) == SQLITE_OK &&
          sqlite3_step (stmt) == SQLITE_ROW)
        batch_id = sqlite3_column_int64 (stmt, 0);
      sqlite3_finalize (stmt);
      if (batch_id <= 0)
        {
          g_autofree char *name = display_name (self->path);

          g_set_error (error, TENURE_IMPORT_ERROR, TENURE_IMPORT_ERROR_NOT_FOUND,
                       _("%s has no import to undo"), name);
          return FALSE;
        }
    }
  if (!tenure_import_undo (self->db, batch_id, error))
    return FALSE;
  if (undone_id != NULL)
    *undone_id = batch_id;
  tenure_workspace_notify_changed (self);
  return TRUE;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Workspaces crafted by someone who means harm, or broken by accident:
 * Tenure opens each without running anything the file carries, refuses or
 * opens read-only what breaks the rules with a clear reason, `tenure-cli
 * check` names each problem, and nothing crashes (this test also runs under
 * ./dev test --sanitize). */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/resource.h>

#include "tenure-account-list.h"
#include "tenure-schema.h"
#include "tenure-test-util.h"
#include "tenure-workspace.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TenureWorkspace) ws = NULL;

  f->dir = tenure_test_tmpdir ();
  f->path = g_build_filename (f->dir, "hostile.tenure", NULL);
  ws = tenure_workspace_create (f->path, NULL, &error);
  g_assert_no_error (error);
  tenure_test_exec (tenure_workspace_get_db (ws),
                    "INSERT INTO account (id, key, name) VALUES (1, 'ACME', 'Acme Inc'); "
                    "INSERT INTO subscription (account_id, starts_on, ends_on, mrr) "
                    "  VALUES (1, '2024-01-01', NULL, 1000)");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  tenure_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* Changes the file as a stranger's tool would: a plain connection, no
 * Tenure rules. */
static void
tamper (const char *path,
        const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  tenure_test_exec (db, sql);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static gint64
raw_int (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 v;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return v;
}

/* Runs tenure-cli and returns its exit status, with stderr in *err. */
static int
run_cli (char       **err,
         const char  *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("TENURE_CLI");
  const char *arg;
  int status = -1;
  va_list args;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                NULL, err, &status, &error);
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : 128 + WTERMSIG (status);
}

/* Opens, reads and checks a workspace the way the window and the CLI do;
 * returns it (or NULL with @error set). */
static TenureWorkspace *
open_and_read (const char  *path,
               GPtrArray   *problems,
               GError     **error)
{
  g_autoptr(TenureWorkspace) ws = tenure_workspace_open (path, TENURE_WORKSPACE_OPEN_DEFAULT, error);
  g_autoptr(TenureAccountList) list = NULL;
  g_autoptr(GError) local_error = NULL;

  if (ws == NULL)
    return NULL;
  g_free (tenure_workspace_get_setting (ws, "currency"));
  g_free (tenure_workspace_get_setting (ws, "stages"));
  tenure_workspace_count_rows (ws, "account");
  list = tenure_account_list_new (ws);
  tenure_account_list_reload (list, &local_error);
  g_clear_error (&local_error);
  g_assert_true (tenure_workspace_check (ws, problems, &local_error) || local_error != NULL);
  return g_steal_pointer (&ws);
}

static void
assert_no_writes (TenureWorkspace *ws)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tenure_workspace_is_read_only (ws));
  g_assert_false (tenure_workspace_set_setting (ws, "churn-rule", "contract", &error));
  g_assert_error (error, TENURE_WORKSPACE_ERROR, TENURE_WORKSPACE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (tenure_workspace_begin_write (ws, &error));
  g_assert_error (error, TENURE_WORKSPACE_ERROR, TENURE_WORKSPACE_ERROR_READ_ONLY);
}

static void
test_trigger (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(TenureWorkspace) ws = NULL;
  g_autofree char *err = NULL;
  g_autofree char *copy = g_build_filename (f->dir, "later.tenure", NULL);

  /* A trigger on setting that copies every change elsewhere (and one that
   * would blow up a read: triggers never fire on SELECT, but make sure). */
  tamper (f->path, "CREATE TABLE exfiltrate (k, v); "
                   "CREATE TRIGGER spy_insert AFTER INSERT ON setting "
                   "  BEGIN INSERT INTO exfiltrate VALUES (new.key, new.value); END; "
                   "CREATE TRIGGER spy_update AFTER UPDATE ON setting "
                   "  BEGIN INSERT INTO exfiltrate VALUES (new.key, randomblob(1000000000)); END;");

  ws = open_and_read (f->path, problems, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (tenure_workspace_get_read_only_reason (ws), "spy_insert"));
  g_assert_nonnull (strstr (tenure_workspace_get_read_only_reason (ws), "it is not run"));
  assert_no_writes (ws);
  g_clear_object (&ws);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM exfiltrate"), ==, 0);

  g_assert_cmpint (run_cli (&err, "set", f->path, "churn-rule", "contract", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "read-only"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&err, "check", f->path, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "spy_update"));
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM exfiltrate"), ==, 0);

  /* A trigger that appears after Tenure opened a clean file (another
   * program added it) is in the schema SQLite re-reads before our next
   * write, but triggers are off on our connection: it does not fire. */
  {
    g_autoptr(TenureWorkspace) clean = NULL;

    clean = tenure_workspace_create (copy, NULL, &error);
    g_assert_no_error (error);
    tamper (copy, "CREATE TABLE exfiltrate (k, v); "
                  "CREATE TRIGGER spy AFTER UPDATE ON setting "
                  "  BEGIN INSERT INTO exfiltrate VALUES (new.key, new.value); END;");
    g_assert_true (tenure_workspace_set_setting (clean, "churn-rule", "contract", &error));
    g_assert_no_error (error);
    g_assert_true (tenure_workspace_set_setting (clean, "currency", "EUR", &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (raw_int (copy, "SELECT count(*) FROM exfiltrate"), ==, 0);
  g_assert_cmpint (raw_int (copy, "SELECT count(*) FROM setting WHERE key = 'currency' AND value = 'EUR'"), ==, 1);
}

static void
test_view (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(TenureWorkspace) ws = NULL;
  sqlite3_stmt *stmt = NULL;

  /* Views named like the join targets a script or a future version might
   * query, each calling functions that would cost a gigabyte. */
  tamper (f->path, "CREATE VIEW account_stage AS SELECT id, randomblob(1000000000) AS stage FROM account; "
                   "CREATE VIEW mrr_month AS SELECT zeroblob(1000000000) AS month;");
  ws = open_and_read (f->path, problems, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (tenure_workspace_get_read_only_reason (ws), "account_stage"));
  assert_no_writes (ws);
  /* Views are off on our connection: a query through one fails. */
  g_assert_cmpint (sqlite3_prepare_v2 (tenure_workspace_get_db (ws), "SELECT * FROM account_stage",
                                       -1, &stmt, NULL), !=, SQLITE_OK);
  sqlite3_finalize (stmt);
}

static long
max_rss_kb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

static void
test_functions_in_schema (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(TenureWorkspace) ws = NULL;
  g_autofree char *err = NULL;
  long before = max_rss_kb ();

  /* A default, a CHECK and a generated column that allocate a gigabyte,
   * written into the schema text (the stored rows keep their format). */
  tamper (f->path, "PRAGMA writable_schema = ON; "
                   "UPDATE sqlite_schema SET sql = replace (sql, "
                   "  '  name TEXT NOT NULL,', "
                   "  '  name TEXT NOT NULL DEFAULT (randomblob(1000000000)) "
                   "     CHECK (length (randomblob(1000000000)) > 0),') WHERE name = 'account'; "
                   "UPDATE sqlite_schema SET sql = replace (sql, "
                   "  '  batch_id INTEGER REFERENCES import_batch(id)\n)', "
                   "  '  batch_id INTEGER REFERENCES import_batch(id),\n"
                   "  g BLOB GENERATED ALWAYS AS (zeroblob(1000000000)) VIRTUAL\n)') "
                   "  WHERE name = 'account'; "
                   "UPDATE sqlite_schema SET sql = replace (sql, 'value TEXT NOT NULL', "
                   "  'value TEXT NOT NULL DEFAULT (randomblob(1000000000))') WHERE name = 'setting'; "
                   "PRAGMA writable_schema = OFF;");
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM sqlite_schema WHERE sql LIKE '%GENERATED%'"), ==, 1);

  /* Opened read-only; reading accounts never computes the column. */
  ws = open_and_read (f->path, problems, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (tenure_workspace_get_read_only_reason (ws), "“account” has been altered"));
  g_assert_nonnull (strstr (tenure_workspace_get_read_only_reason (ws), "“setting” has been altered"));
  assert_no_writes (ws);
  g_clear_object (&ws);
  g_assert_cmpint (run_cli (&err, "check", f->path, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "“account” has been altered"));
  g_clear_pointer (&err, g_free);

  /* NOT NULL on the generated column makes the integrity check compute
   * it: the length limit of our connection stops it at 16 MB. */
  tamper (f->path, "PRAGMA writable_schema = ON; "
                   "UPDATE sqlite_schema SET sql = replace (sql, 'VIRTUAL', 'VIRTUAL NOT NULL') "
                   "  WHERE name = 'account'; PRAGMA writable_schema = OFF;");
  ws = tenure_workspace_open (f->path, TENURE_WORKSPACE_OPEN_DEFAULT, &error);
  g_assert_null (ws);
  g_assert_error (error, TENURE_WORKSPACE_ERROR, TENURE_WORKSPACE_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, "larger than Tenure reads"));
  g_assert_cmpint (run_cli (&err, "check", f->path, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "larger than Tenure reads"));

  /* Nothing evaluated a gigabyte (allow for ASan's own overhead). */
  g_assert_cmpint (max_rss_kb () - before, <, 300 * 1024);
}

static void
test_enormous_value (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(TenureWorkspace) ws = NULL;
  g_autofree char *err = NULL;
  int status;

  /* A 50 MB account name. */
  tamper (f->path, "INSERT INTO account (key, name) VALUES ('BIG', hex (zeroblob (25000000)))");
  /* Opened read-only with the reason; reading the accounts fails with a
   * message instead of loading 50 MB per row. */
  ws = open_and_read (f->path, problems, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (tenure_workspace_get_read_only_reason (ws),
                            "the table “account” holds a value larger than Tenure reads"));
  assert_no_writes (ws);
  {
    g_autoptr(TenureAccountList) list = tenure_account_list_new (ws);

    g_assert_false (tenure_account_list_reload (list, &error));
    g_assert_error (error, TENURE_WORKSPACE_ERROR, TENURE_WORKSPACE_ERROR_DAMAGED);
    g_assert_nonnull (strstr (error->message, "larger than Tenure reads"));
  }
  g_clear_object (&ws);
  status = run_cli (&err, "check", f->path, NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "the table “account” holds a value larger than Tenure reads"));
}

static void
test_broken_invariants (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(TenureWorkspace) ws = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *err = NULL;
  const char *reason;

  tamper (f->path, "PRAGMA foreign_keys = OFF; PRAGMA ignore_check_constraints = ON; "
                   "INSERT INTO subscription (account_id, starts_on, ends_on, mrr) "
                   "  VALUES (1, '2024-01-01', NULL, -250000); "
                   "INSERT INTO subscription (account_id, starts_on, ends_on, mrr) "
                   "  VALUES (1, '2024-06-01', '2024-02-01', 100); "
                   "INSERT INTO deal (account_id, closed_on, status, amount) "
                   "  VALUES (4242, '2024-01-01', 'won', 5); "
                   "INSERT INTO deal (account_id, closed_on, status, amount) "
                   "  VALUES (1, '2024-01-01', 'won', 'a lot');");
  before = tenure_test_read_bytes (f->path);

  ws = open_and_read (f->path, problems, &error);
  g_assert_no_error (error);
  reason = tenure_workspace_get_read_only_reason (ws);
  g_assert_nonnull (reason);
  g_assert_nonnull (strstr (reason, "hostile.tenure holds data that breaks the rules"));
  g_assert_nonnull (strstr (reason, "negative or non-integer money (subscription 2 has MRR -250000)"));
  g_assert_nonnull (strstr (reason, "ending before it starts"));
  g_assert_nonnull (strstr (reason, "deal row 1 refers to a missing account row"));
  assert_no_writes (ws);
  /* The check names every problem: the negative MRR, the text amount, the
   * end before start and the missing account. */
  {
    g_autoptr(GString) all = g_string_new (NULL);

    for (guint i = 0; i < problems->len; i++)
      g_string_append_printf (all, "%s\n", (char *) g_ptr_array_index (problems, i));
    g_assert_nonnull (strstr (all->str, "subscription 2 has MRR -250000"));
    g_assert_nonnull (strstr (all->str, "deal 2 has amount 'a lot'"));
    g_assert_nonnull (strstr (all->str, "subscription 3 ends on 2024-02-01"));
    g_assert_nonnull (strstr (all->str, "deal row 1 refers to a missing account"));
  }
  g_clear_object (&ws);

  g_assert_cmpint (run_cli (&err, "check", f->path, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "subscription 2 has MRR -250000"));
  g_assert_nonnull (strstr (err, "deal 2 has amount 'a lot'"));
  g_assert_nonnull (strstr (err, "subscription 3 ends on 2024-02-01"));
  g_assert_nonnull (strstr (err, "refers to a missing account"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&err, "set", f->path, "currency", "EUR", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "breaks the rules"));
  g_clear_pointer (&err, g_free);

  /* Opened only to compute figures, it is read-only without the scans of
   * the large tables; the ledger then names the row it cannot place. */
  ws = tenure_workspace_open (f->path, TENURE_WORKSPACE_OPEN_FOR_FIGURES, &error);
  g_assert_no_error (error);
  g_assert_true (tenure_workspace_is_read_only (ws));
  g_clear_object (&ws);
  g_assert_cmpint (run_cli (&err, "metrics", f->path, "--json", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "Table deal, row 1: account 4242 does not exist"));

  /* Looking did not change a byte. */
  after = tenure_test_read_bytes (f->path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_damaged_page (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TenureWorkspace) ws = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *err = NULL;
  g_autofree guint8 *bytes_copy = NULL;
  gsize size, page = 4096, n_pages, victim;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261123);

  tamper (f->path, "WITH RECURSIVE n(i) AS (SELECT 2 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) "
                   "INSERT INTO account (id, key, name) SELECT i, 'K' || i, 'Account number ' || i FROM n");
  bytes = tenure_test_read_bytes (f->path);
  size = g_bytes_get_size (bytes);
  bytes_copy = g_memdup2 (g_bytes_get_data (bytes, NULL), size);
  n_pages = size / page;
  g_assert_cmpuint (n_pages, >, 100);
  /* One page in the middle (the account table fills most of the file). */
  victim = n_pages / 2;
  for (gsize i = 0; i < page; i++)
    bytes_copy[victim * page + i] = (guint8) g_rand_int (rand);
  g_assert_true (g_file_set_contents (f->path, (const char *) bytes_copy, size, NULL));

  ws = tenure_workspace_open (f->path, TENURE_WORKSPACE_OPEN_DEFAULT, &error);
  g_assert_null (ws);
  g_assert_error (error, TENURE_WORKSPACE_ERROR, TENURE_WORKSPACE_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, "hostile.tenure is damaged"));
  g_assert_nonnull (strstr (error->message, "backup"));
  after = tenure_test_read_bytes (f->path);
  g_assert_cmpmem (bytes_copy, size, g_bytes_get_data (after, NULL), g_bytes_get_size (after));

  g_assert_cmpint (run_cli (&err, "check", f->path, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "damaged"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/hostile/trigger", test_trigger);
  ADD ("/hostile/view", test_view);
  ADD ("/hostile/functions-in-schema", test_functions_in_schema);
  ADD ("/hostile/enormous-value", test_enormous_value);
  ADD ("/hostile/broken-invariants", test_broken_invariants);
  ADD ("/hostile/damaged-page", test_damaged_page);
#undef ADD
  return g_test_run ();
}

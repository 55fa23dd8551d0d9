/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Crash consistency: a child process writes the workspace (settings, Save
 * As) and is killed with SIGKILL at a random moment; afterwards the file
 * passes PRAGMA integrity_check, opens normally, and each write is there
 * completely or not at all. The moments come from a seeded generator
 * (TENURE_CRASH_SEED overrides it) and are printed, so a failure replays.
 *
 * The same binary is the child: test-crash --child MODE ARGS… */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tenure-test-util.h"
#include "tenure-workspace.h"

#define ROUNDS 20

static const char *const stage_sets[] = {
  "[{\"name\":\"Trial\",\"min_mrr\":null},{\"name\":\"Paying\",\"min_mrr\":100},"
  "{\"name\":\"Expanding\",\"min_mrr\":50000},{\"name\":\"Strategic\",\"min_mrr\":250000}]",
  "[{\"name\":\"Onboarding\",\"min_mrr\":null},{\"name\":\"Adopting\",\"min_mrr\":null},"
  "{\"name\":\"Launched\",\"min_mrr\":null}]",
};
static const char *const currencies[] = { "EUR", "JPY" };

static char *self_exe;

static guint64 seed;

/* ---- the children ---------------------------------------------------- */

/* Writes forever, alternating two stage sets (many rows in one
 * transaction) and two currencies (one row). */
static int
child_settings (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TenureWorkspace) ws = tenure_workspace_open (path, TENURE_WORKSPACE_OPEN_DEFAULT, &error);

  g_autofree char *ready = g_strconcat (path, ".writing", NULL);

  if (ws == NULL)
    g_error ("child: %s", error->message);
  g_file_set_contents (ready, "", 0, NULL);
  for (guint i = 0;; i++)
    {
      if (!tenure_workspace_set_setting (ws, "stages", stage_sets[i % 2], &error) ||
          !tenure_workspace_set_setting (ws, "currency", currencies[i % 2], &error))
        g_error ("child: %s", error->message);
    }
  return 0;
}

/* Stops in the middle of a write, the journal on disk, and says so by
 * creating PATH.holding; then waits to be killed. */
static int
child_hold (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TenureWorkspace) ws = tenure_workspace_open (path, TENURE_WORKSPACE_OPEN_DEFAULT, &error);
  g_autofree char *ready = g_strconcat (path, ".holding", NULL);

  if (ws == NULL || !tenure_workspace_begin_write (ws, &error))
    g_error ("child: %s", error->message);
  tenure_test_exec (tenure_workspace_get_db (ws), "UPDATE setting SET value = value || ''; "
                                                  "DELETE FROM score_metric");
  g_file_set_contents (ready, "", 0, NULL);
  for (;;)
    g_usleep (G_USEC_PER_SEC);
  return 0;
}

/* Saves @from as @to, once. */
static int
child_save_as (const char *from,
               const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TenureWorkspace) ws = tenure_workspace_open (from, TENURE_WORKSPACE_OPEN_DEFAULT, &error);

  if (ws == NULL || !tenure_workspace_save_as (ws, to, &error))
    g_error ("child: %s", error->message);
  return 0;
}

/* ---- the parent ------------------------------------------------------ */

static GPid
spawn_child (const char *mode,
             const char *arg1,
             const char *arg2)
{
  const char *argv[] = { self_exe, "--child", mode, arg1, arg2, NULL };
  g_autoptr(GError) error = NULL;
  GPid pid = 0;

  g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                 NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  return pid;
}

static int
wait_child (GPid pid)
{
  int status = 0;

  while (waitpid (pid, &status, 0) < 0)
    g_assert_cmpint (errno, ==, EINTR);
  return status;
}

static void
kill_after (GPid   pid,
            gulong usec)
{
  int status;

  g_usleep (usec);
  kill (pid, SIGKILL);
  status = wait_child (pid);
  /* Killed, or (for a short job) finished cleanly before the moment came. */
  g_assert_true ((WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL) ||
                 (WIFEXITED (status) && WEXITSTATUS (status) == 0));
}

static char *
query_text (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *v = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    v = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return v;
}

static void
assert_integrity (sqlite3 *db)
{
  g_autofree char *result = query_text (db, "PRAGMA integrity_check");

  g_assert_cmpstr (result, ==, "ok");
}

static GRand *
make_rand (const char *test)
{
  g_test_message ("%s: seed %" G_GUINT64_FORMAT " (set TENURE_CRASH_SEED to replay)", test, seed);
  return g_rand_new_with_seed ((guint32) seed);
}

static void
test_settings (void)
{
  g_autofree char *dir = tenure_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "w.tenure", NULL);
  g_autofree char *default_stages = NULL;
  g_autoptr(GRand) rand = make_rand ("settings");
  g_autoptr(GError) error = NULL;
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  g_autofree char *writing = g_strconcat (path, ".writing", NULL);
  guint seen[3] = { 0 };
  guint hot = 0;

  {
    g_autoptr(TenureWorkspace) ws = tenure_workspace_create (path, NULL, &error);

    g_assert_no_error (error);
    default_stages = tenure_workspace_get_setting (ws, "stages");
  }

  for (guint round = 0; round < ROUNDS; round++)
    {
      /* Up to 60 ms after the child has opened the file (however long
       * that took under a sanitizer): it commits every few milliseconds. */
      gulong usec = g_rand_int_range (rand, 0, 60000);
      GPid pid = spawn_child ("settings", path, NULL);
      g_autoptr(TenureWorkspace) ws = NULL;
      g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *stages = NULL;
      g_autofree char *currency = NULL;
      g_autofree char *names = NULL;
      int which;

      for (guint waited = 0; waited < 30000 && !g_file_test (writing, G_FILE_TEST_EXISTS); waited++)
        g_usleep (1000);
      g_assert_true (g_file_test (writing, G_FILE_TEST_EXISTS));
      kill_after (pid, usec);
      g_unlink (writing);
      if (g_file_test (journal, G_FILE_TEST_EXISTS))
        hot++;

      /* The file opens as it is: the next connection rolls back what the
       * killed one left unfinished. */
      ws = tenure_workspace_open (path, TENURE_WORKSPACE_OPEN_DEFAULT, &error);
      g_assert_no_error (error);
      g_assert_false (tenure_workspace_is_read_only (ws));
      assert_integrity (tenure_workspace_get_db (ws));
      g_assert_true (tenure_workspace_check (ws, problems, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (problems->len, ==, 0);

      /* All or nothing: the stages are one complete set, with exactly its
       * rows in journey_stage. */
      stages = tenure_workspace_get_setting (ws, "stages");
      if (g_str_equal (stages, stage_sets[0]))
        which = 0;
      else if (g_str_equal (stages, stage_sets[1]))
        which = 1;
      else
        {
          g_assert_cmpstr (stages, ==, default_stages);
          which = 2;
        }
      seen[which]++;
      names = query_text (tenure_workspace_get_db (ws),
                          "SELECT group_concat (name || '/' || position, ',') FROM "
                          "(SELECT name, position FROM journey_stage ORDER BY position)");
      g_assert_true (names != NULL && (which != 0 || g_str_equal (names, "Trial/0,Paying/1,Expanding/2,Strategic/3")));
      g_assert_true (which != 1 || g_str_equal (names, "Onboarding/0,Adopting/1,Launched/2"));
      currency = tenure_workspace_get_setting (ws, "currency");
      g_assert_true (g_str_equal (currency, "EUR") || g_str_equal (currency, "JPY") ||
                     g_str_equal (currency, "USD"));
      g_test_message ("round %u: killed after %lu µs; stages %s, currency %s", round, usec,
                      which == 2 ? "default" : which == 0 ? "A" : "B", currency);
    }
  /* The kills did land while it was writing. */
  g_test_message ("%u of %u kills left a journal to roll back", hot, ROUNDS);
  g_assert_cmpuint (seen[0] + seen[1], >, 0);

  /* A read-only file with an unfinished change cannot be put right: it is
   * refused with a message saying what to do (not "damaged"). The child
   * stops in the middle of a transaction, with the journal written. */
  {
    GPid pid = spawn_child ("hold", path, NULL);
    g_autofree char *ready = g_strconcat (path, ".holding", NULL);

    for (guint waited = 0; waited < 10000 && !g_file_test (ready, G_FILE_TEST_EXISTS); waited += 10)
      g_usleep (10000);
    g_assert_true (g_file_test (ready, G_FILE_TEST_EXISTS));
    kill_after (pid, 0);
    g_unlink (ready);
  }
  {
      g_autoptr(TenureWorkspace) ws = NULL;

      g_assert_true (g_file_test (journal, G_FILE_TEST_EXISTS));
      g_assert_cmpint (g_chmod (path, 0444), ==, 0);
      ws = tenure_workspace_open (path, TENURE_WORKSPACE_OPEN_DEFAULT, &error);
      if (ws != NULL)
        {
          /* SQLite could read it consistently without writing (the
           * unfinished change never reached the file): read-only. */
          g_assert_true (tenure_workspace_is_read_only (ws));
          assert_integrity (tenure_workspace_get_db (ws));
          g_clear_object (&ws);
        }
      else
        {
          g_assert_error (error, TENURE_WORKSPACE_ERROR, TENURE_WORKSPACE_ERROR_READ_ONLY);
          g_assert_nonnull (strstr (error->message, "stopped in the middle of writing"));
          g_clear_error (&error);
        }
      /* Nothing was written to a read-only file: the journal waits. */
      g_assert_true (g_file_test (journal, G_FILE_TEST_EXISTS));
      g_assert_cmpint (g_chmod (path, 0644), ==, 0);
      ws = tenure_workspace_open (path, TENURE_WORKSPACE_OPEN_DEFAULT, &error);
      g_assert_no_error (error);
      assert_integrity (tenure_workspace_get_db (ws));
      g_assert_cmpint (tenure_workspace_count_rows (ws, "score_metric"), ==, 15);
      /* (A journal whose commit never began is not "hot": SQLite ignores
       * it and replaces it with the next write.) */
      g_assert_true (tenure_workspace_set_setting (ws, "currency", "CHF", &error));
      g_assert_no_error (error);
      g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
  }
  tenure_test_rmdir (dir);
}

static gint64
measure_usec (const char *mode,
              const char *arg1,
              const char *arg2)
{
  gint64 start = g_get_monotonic_time ();
  int status = wait_child (spawn_child (mode, arg1, arg2));

  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  return g_get_monotonic_time () - start;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Whether @now (from list_temp_files) names a file @before does not. */
static gboolean
has_new_name (const char *before,
              const char *now)
{
  g_auto(GStrv) old_names = g_strsplit (before, ",", -1);
  g_auto(GStrv) new_names = g_strsplit (now, ",", -1);

  for (guint i = 0; new_names[i] != NULL; i++)
    if (*new_names[i] && !g_strv_contains ((const char *const *) old_names, new_names[i]))
      return TRUE;
  return FALSE;
}

/* The names in @dir that start like a temporary file of the workspace
 * code, sorted and joined with commas ("" for none). */
static char *
list_temp_files (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, ".tenure-save-"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (",", (char **) names->pdata);
}

/* A source of a few megabytes, so that a copy takes a while. */
static void
create_large_source (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TenureWorkspace) ws = tenure_workspace_create (path, NULL, &error);

  g_assert_no_error (error);
  tenure_test_exec (tenure_workspace_get_db (ws),
                    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 25000) "
                    "INSERT INTO account (key, name, segment) "
                    "SELECT 'K' || i, 'Account number ' || i, 'Segment ' || (i % 7) FROM n");
}

static void
test_save_as (void)
{
  g_autofree char *dir = tenure_test_tmpdir ();
  g_autofree char *source = g_build_filename (dir, "source.tenure", NULL);
  g_autofree char *old = g_build_filename (dir, "old.tenure", NULL);
  g_autofree char *target = g_build_filename (dir, "target.tenure", NULL);
  g_autofree char *source_dump = NULL;
  g_autoptr(GBytes) old_bytes = NULL;
  g_autoptr(GBytes) source_bytes = NULL;
  g_autoptr(GRand) rand = make_rand ("save-as");
  g_autoptr(GError) error = NULL;
  guint outcomes[3] = { 0 };
  guint leftovers = 0;
  gint64 duration;

  create_large_source (source);
  {
    g_autoptr(TenureWorkspace) ws = tenure_workspace_create (old, "EUR", &error);

    g_assert_no_error (error);
  }
  source_dump = tenure_test_dump_file (source);
  source_bytes = tenure_test_read_bytes (source);
  old_bytes = tenure_test_read_bytes (old);

  duration = measure_usec ("save-as", source, target);
  g_test_message ("one Save As takes %" G_GINT64_FORMAT " µs", duration);

  for (guint round = 0; round < ROUNDS; round++)
    {
      gulong usec = g_rand_int_range (rand, 0, (gint32) MIN (duration * 6 / 5, G_MAXINT32));
      gboolean had_old = round % 2 == 0;
      g_autoptr(GBytes) after = NULL;
      const char *outcome;

      g_unlink (target);
      if (had_old)
        g_assert_true (g_file_set_contents (target, g_bytes_get_data (old_bytes, NULL),
                                            g_bytes_get_size (old_bytes), NULL));
      kill_after (spawn_child ("save-as", source, target), usec);

      /* Absent (if it was), the old file byte for byte, or the whole copy. */
      after = tenure_test_read_bytes (target);
      if (after == NULL)
        {
          g_assert_false (had_old);
          outcome = "absent";
          outcomes[0]++;
        }
      else if (had_old && g_bytes_equal (after, old_bytes))
        {
          outcome = "old";
          outcomes[1]++;
        }
      else
        {
          g_autoptr(TenureWorkspace) ws = tenure_workspace_open (target, TENURE_WORKSPACE_OPEN_READ_ONLY,
                                                                 &error);
          g_autofree char *dump = NULL;

          g_assert_no_error (error);
          assert_integrity (tenure_workspace_get_db (ws));
          dump = tenure_test_dump (tenure_workspace_get_db (ws));
          g_assert_cmpstr (dump, ==, source_dump);
          outcome = "new";
          outcomes[2]++;
        }
      /* A kill before the rename leaves the temporary file, and maybe its
       * journal; the next Save As into the folder removes them (and does
       * not take a new one for a leftover). */
      {
        g_autofree char *temp = list_temp_files (dir);

        g_test_message ("round %u: killed after %lu µs; target %s%s%s", round, usec, outcome,
                        *temp ? "; left " : "", temp);
        if (*temp)
          leftovers++;
      }
      /* The source is never harmed. */
      {
        g_autoptr(GBytes) now = tenure_test_read_bytes (source);

        g_assert_true (g_bytes_equal (now, source_bytes));
      }
    }
  g_test_message ("outcomes: %u absent, %u old, %u new; %u rounds left a temporary file",
                  outcomes[0], outcomes[1], outcomes[2], leftovers);
  /* Opening a workspace in the folder for writing removes a leftover too. */
  {
    g_autoptr(TenureWorkspace) ws = tenure_workspace_open (source, TENURE_WORKSPACE_OPEN_DEFAULT, &error);
    g_autofree char *temp = list_temp_files (dir);

    g_assert_no_error (error);
    g_assert_cmpstr (temp, ==, "");
  }
  tenure_test_rmdir (dir);
}

/* Kills a Save As of @source to @target once its temporary file is there,
 * before the rename; tries again if the copy was too quick to catch. */
static void
kill_save_as_midway (const char *source,
                     const char *target)
{
  g_autofree char *out = g_path_get_dirname (target);

  for (guint attempt = 0; attempt < 20; attempt++)
    {
      g_autofree char *before = list_temp_files (out);
      GPid pid = spawn_child ("save-as", source, target);
      int status;

      for (guint waited = 0; waited < 60000; waited++)
        {
          g_autofree char *now = list_temp_files (out);

          if (has_new_name (before, now) || waitpid (pid, &status, WNOHANG) == pid)
            break;
          g_usleep (500);
        }
      kill (pid, SIGKILL);
      waitpid (pid, &status, 0);
      if (!g_file_test (target, G_FILE_TEST_EXISTS))
        return;
      g_unlink (target);
    }
  g_assert_not_reached ();
}

/* Opens @path with a lock like a Save As in progress holds on its
 * temporary file. */
static int
hold_temp_file (const char *path)
{
  int fd;

  g_assert_true (g_file_set_contents (path, "a copy in progress", -1, NULL));
  fd = g_open (path, O_RDWR | O_CLOEXEC, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (flock (fd, LOCK_EX), ==, 0);
  return fd;
}

/* The temporary file of a Save As killed before its rename does not stay:
 * the next Save As into its folder, or the next workspace opened there for
 * writing, removes it with its journal. A temporary file a live writer
 * holds (in this process or another) is never touched, nor a file that
 * only looks alike. */
static void
test_save_as_leftover (void)
{
  g_autofree char *dir = tenure_test_tmpdir ();
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *source = g_build_filename (dir, "source.tenure", NULL);
  g_autofree char *target = g_build_filename (out, "target.tenure", NULL);
  g_autofree char *other = g_build_filename (out, "other.tenure", NULL);
  g_autofree char *live = g_build_filename (out, ".tenure-save-live01", NULL);
  g_autofree char *alike = g_build_filename (out, ".tenure-save-notes.txt", NULL);
  g_autofree char *orphan = g_build_filename (out, ".tenure-save-gone99-journal", NULL);
  g_autofree char *source_dump = NULL;
  g_autoptr(TenureWorkspace) ws = NULL;
  g_autoptr(GError) error = NULL;
  int held;

  g_assert_cmpint (g_mkdir (out, 0700), ==, 0);
  create_large_source (source);
  source_dump = tenure_test_dump_file (source);
  held = hold_temp_file (live);
  g_assert_true (g_file_set_contents (alike, "not ours", -1, NULL));
  g_assert_true (g_file_set_contents (orphan, "", -1, NULL));

  /* Killed in the middle: the temporary file stays, unlocked. (The
   * child's own Save As removed the journal without its file.) */
  kill_save_as_midway (source, target);
  {
    g_autofree char *temp = list_temp_files (out);

    g_test_message ("left: %s", temp);
    g_assert_true (has_new_name (".tenure-save-live01,.tenure-save-notes.txt", temp));
    g_assert_nonnull (strstr (temp, ".tenure-save-live01,.tenure-save-notes.txt"));
    g_assert_null (strstr (temp, "gone99"));
  }

  /* The next Save As into the folder removes it. */
  ws = tenure_workspace_open (source, TENURE_WORKSPACE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (tenure_workspace_save_as (ws, other, &error));
  g_assert_no_error (error);
  g_clear_object (&ws);
  {
    g_autofree char *temp = list_temp_files (out);
    g_autofree char *dump = tenure_test_dump_file (other);

    g_assert_cmpstr (temp, ==, ".tenure-save-live01,.tenure-save-notes.txt");
    g_assert_cmpstr (dump, ==, source_dump);
  }

  /* Another one, removed by opening a workspace in the folder for writing;
   * a read-only opening writes nothing, so it does not. */
  kill_save_as_midway (source, target);
  ws = tenure_workspace_open (other, TENURE_WORKSPACE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_clear_object (&ws);
  {
    g_autofree char *temp = list_temp_files (out);

    g_assert_true (has_new_name (".tenure-save-live01,.tenure-save-notes.txt", temp));
  }
  ws = tenure_workspace_open (other, TENURE_WORKSPACE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_clear_object (&ws);
  {
    g_autofree char *temp = list_temp_files (out);

    g_assert_cmpstr (temp, ==, ".tenure-save-live01,.tenure-save-notes.txt");
  }

  /* Once its writer is gone, the held one is a leftover too. */
  close (held);
  ws = tenure_workspace_open (other, TENURE_WORKSPACE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  {
    g_autofree char *temp = list_temp_files (out);

    g_assert_cmpstr (temp, ==, ".tenure-save-notes.txt");
  }
  tenure_test_rmdir (dir);
}

/* tenure-cli import of a large file, killed at a random moment: the
 * workspace holds the whole batch or nothing of it. */
static void
test_import (void)
{
  g_autofree char *dir = tenure_test_tmpdir ();
  g_autofree char *base = g_build_filename (dir, "base.tenure", NULL);
  g_autofree char *path = g_build_filename (dir, "w.tenure", NULL);
  g_autofree char *csv = g_build_filename (dir, "accounts.csv", NULL);
  g_autoptr(GString) text = g_string_new ("Account,Name,Segment,Region\n");
  g_autoptr(GBytes) base_bytes = NULL;
  g_autoptr(GRand) rand = make_rand ("import");
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("TENURE_CLI");
  const guint rows = 20000;
  guint outcomes[2] = { 0 };
  gint64 duration = 0;

  g_assert_nonnull (cli);
  {
    g_autoptr(TenureWorkspace) ws = tenure_workspace_create (base, NULL, &error);

    g_assert_no_error (error);
  }
  base_bytes = tenure_test_read_bytes (base);
  for (guint i = 0; i < rows; i++)
    g_string_append_printf (text, "ACC-%06u,Account %u,Segment %u,Region %u\n", i, i, i % 9, i % 4);
  g_assert_true (g_file_set_contents (csv, text->str, text->len, NULL));

  for (guint round = 0; round <= ROUNDS; round++)
    {
      const char *argv[] = { cli, "import", path, csv, "--kind", "accounts", NULL };
      g_autoptr(TenureWorkspace) ws = NULL;
      g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
      gint64 batches, accounts, start;
      gulong usec = 0;
      GPid pid = 0;

      g_assert_true (g_file_set_contents (path, g_bytes_get_data (base_bytes, NULL),
                                          g_bytes_get_size (base_bytes), NULL));
      g_spawn_async (NULL, (char **) argv, NULL,
                     G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &pid, &error);
      g_assert_no_error (error);
      start = g_get_monotonic_time ();
      if (round == 0)
        {
          /* The first round runs to the end, to time it. */
          int status = wait_child (pid);

          g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
          duration = g_get_monotonic_time () - start;
          g_test_message ("importing %u accounts takes %" G_GINT64_FORMAT " µs", rows, duration);
        }
      else
        {
          usec = g_rand_int_range (rand, 0, (gint32) MIN (duration * 6 / 5, G_MAXINT32));
          kill_after (pid, usec);
        }

      ws = tenure_workspace_open (path, TENURE_WORKSPACE_OPEN_DEFAULT, &error);
      g_assert_no_error (error);
      g_assert_false (tenure_workspace_is_read_only (ws));
      assert_integrity (tenure_workspace_get_db (ws));
      g_assert_true (tenure_workspace_check (ws, problems, &error));
      g_assert_cmpuint (problems->len, ==, 0);
      batches = tenure_workspace_count_rows (ws, "import_batch");
      accounts = tenure_workspace_count_rows (ws, "account");
      if (batches == 0)
        {
          g_assert_cmpint (accounts, ==, 0);
          outcomes[0]++;
        }
      else
        {
          g_autofree char *rows_new = query_text (tenure_workspace_get_db (ws),
                                                  "SELECT rows_new FROM import_batch");

          g_assert_cmpint (batches, ==, 1);
          g_assert_cmpint (accounts, ==, rows);
          g_assert_cmpint (g_ascii_strtoll (rows_new, NULL, 10), ==, rows);
          outcomes[1]++;
        }
      if (round > 0)
        g_test_message ("round %u: killed after %lu µs; %s", round, usec,
                        batches ? "whole batch" : "nothing");
    }
  g_test_message ("outcomes: %u nothing, %u whole batch", outcomes[0], outcomes[1]);
  tenure_test_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  const char *env_seed = g_getenv ("TENURE_CRASH_SEED");

  if (argc >= 3 && g_str_equal (argv[1], "--child"))
    {
      if (g_str_equal (argv[2], "settings") && argc == 4)
        return child_settings (argv[3]);
      if (g_str_equal (argv[2], "hold") && argc == 4)
        return child_hold (argv[3]);
      if (g_str_equal (argv[2], "save-as") && argc == 5)
        return child_save_as (argv[3], argv[4]);
      return 2;
    }

  self_exe = g_file_read_link ("/proc/self/exe", NULL);
  seed = env_seed ? g_ascii_strtoull (env_seed, NULL, 10) : 20261123;
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/crash/settings", test_settings);
  g_test_add_func ("/crash/save-as", test_save_as);
  g_test_add_func ("/crash/save-as-leftover", test_save_as_leftover);
  g_test_add_func ("/crash/import", test_import);
  return g_test_run ();
}

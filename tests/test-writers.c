/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Two writers on one workspace: the window and a tenure-cli script, or two
 * windows. Processes writing settings in loops at the same moment: every
 * write lands (the busy timeout waits for the other), the file stays
 * intact, a writer that waits too long gets a clear BUSY message, and each
 * side sees the other's changes through poll_external_change.
 *
 * The same binary is the child: test-writers --child MODE ARGS… */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tenure-test-util.h"
#include "tenure-workspace.h"

#define WRITES 150

static char *self_exe;

static const char *const stage_sets[] = {
  "[{\"name\":\"Trial\"},{\"name\":\"Paying\",\"min_mrr\":100},{\"name\":\"Strategic\",\"min_mrr\":250000}]",
  "[{\"name\":\"Onboarding\"},{\"name\":\"Adopting\"},{\"name\":\"Launched\"},{\"name\":\"Expanding\"}]",
};

/* Writes @key = base + i for i < WRITES (each a transaction, interleaved
 * with a many-row stages write); exits 1 at the first failure. */
static int
child_writer (const char *path,
              const char *key,
              const char *base)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TenureWorkspace) ws = tenure_workspace_open (path, TENURE_WORKSPACE_OPEN_DEFAULT, &error);
  gint64 first = g_ascii_strtoll (base, NULL, 10);

  if (ws == NULL)
    {
      g_printerr ("child: %s\n", error->message);
      return 1;
    }
  for (guint i = 0; i < WRITES; i++)
    {
      g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT, first + i);

      if (!tenure_workspace_set_setting (ws, key, value, &error) ||
          (i % 10 == 0 && !tenure_workspace_set_setting (ws, "stages", stage_sets[i / 10 % 2], &error)))
        {
          g_printerr ("child: %s\n", error->message);
          return 1;
        }
      /* SQLite's locks are not queued: writers that never pause can starve
       * a third for longer than the busy timeout. A script pauses at least
       * as long between its commands. */
      g_usleep (2000);
    }
  return 0;
}

/* Holds the write lock for @ms milliseconds, then commits. */
static int
child_hold (const char *path,
            const char *ms)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TenureWorkspace) ws = tenure_workspace_open (path, TENURE_WORKSPACE_OPEN_DEFAULT, &error);
  g_autofree char *ready = g_strconcat (path, ".holding", NULL);

  if (ws == NULL || !tenure_workspace_begin_write (ws, &error))
    {
      g_printerr ("child: %s\n", error->message);
      return 1;
    }
  tenure_test_exec (tenure_workspace_get_db (ws), "UPDATE setting SET value = 'explicit' WHERE key = 'churn-rule'");
  g_file_set_contents (ready, "", 0, NULL);
  g_usleep (g_ascii_strtoull (ms, NULL, 10) * 1000);
  if (!tenure_workspace_commit_write (ws, &error))
    {
      g_printerr ("child: %s\n", error->message);
      return 1;
    }
  return 0;
}

static GPid
spawn_child (const char *const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GPid pid = 0;

  g_ptr_array_add (argv, self_exe);
  g_ptr_array_add (argv, (char *) "--child");
  for (; *args != NULL; args++)
    g_ptr_array_add (argv, (char *) *args);
  g_ptr_array_add (argv, NULL);
  g_spawn_async (NULL, (char **) argv->pdata, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  return pid;
}

static gboolean
child_done (GPid  pid,
            int  *status)
{
  pid_t r = waitpid (pid, status, WNOHANG);

  g_assert_cmpint (r, >=, 0);
  return r == pid;
}

static void
wait_for_file (const char *path)
{
  for (guint waited = 0; waited < 10000 && !g_file_test (path, G_FILE_TEST_EXISTS); waited += 5)
    g_usleep (5000);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
changed_cb (TenureWorkspace *ws,
            guint           *count)
{
  (*count)++;
}

static void
test_same_moment (void)
{
  g_autofree char *dir = tenure_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "w.tenure", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TenureWorkspace) ws = tenure_workspace_create (path, NULL, &error);
  const char *a[] = { "writer", path, "inactivity-days", "1000", NULL };
  const char *b[] = { "writer", path, "interaction-gap-days", "5000", NULL };
  GPid pids[2];
  int status[2] = { 0 };
  gboolean done[2] = { FALSE, FALSE };
  guint changed = 0, own = 0, polls = 0;
  gint64 start = g_get_monotonic_time ();

  g_assert_no_error (error);
  g_signal_connect (ws, "changed", G_CALLBACK (changed_cb), &changed);
  pids[0] = spawn_child (a);
  pids[1] = spawn_child (b);

  /* Meanwhile this process (the window) polls, and writes too. */
  while (!done[0] || !done[1])
    {
      for (guint i = 0; i < 2; i++)
        if (!done[i])
          done[i] = child_done (pids[i], &status[i]);
      tenure_workspace_poll_external_change (ws);
      polls++;
      if (polls % 20 == 0)
        {
          g_assert_true (tenure_workspace_set_setting (ws, "currency", own % 2 ? "EUR" : "GBP", &error));
          g_assert_no_error (error);
          own++;
        }
      g_usleep (2000);
    }
  g_test_message ("2 × %u writes (+ stages) and %u of ours in %.2f s; %u changes seen over %u polls",
                  WRITES, own, (g_get_monotonic_time () - start) / 1e6, changed, polls);

  /* Every write of both landed: none gave up on the lock. */
  for (guint i = 0; i < 2; i++)
    g_assert_true (WIFEXITED (status[i]) && WEXITSTATUS (status[i]) == 0);
  tenure_workspace_poll_external_change (ws);
  {
    g_autofree char *days = tenure_workspace_get_setting (ws, "inactivity-days");
    g_autofree char *gap = tenure_workspace_get_setting (ws, "interaction-gap-days");
    g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
    g_autofree char *days_want = g_strdup_printf ("%d", 1000 + WRITES - 1);
    g_autofree char *gap_want = g_strdup_printf ("%d", 5000 + WRITES - 1);

    g_assert_cmpstr (days, ==, days_want);
    g_assert_cmpstr (gap, ==, gap_want);
    g_assert_true (tenure_workspace_check (ws, problems, &error));
    g_assert_cmpuint (problems->len, ==, 0);
  }
  /* The window noticed the others' changes (it cannot see each commit,
   * only that something changed since its last look). */
  g_assert_cmpuint (changed, >, own);
  g_assert_false (tenure_workspace_poll_external_change (ws));
  tenure_test_rmdir (dir);
}

static void
test_busy_waits_then_says_so (void)
{
  g_autofree char *dir = tenure_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "w.tenure", NULL);
  g_autofree char *ready = g_strconcat (path, ".holding", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TenureWorkspace) ws = tenure_workspace_create (path, NULL, &error);
  g_autofree char *rule = NULL;
  gint64 start, waited;
  int status;
  GPid pid;

  g_assert_no_error (error);

  /* Another writer holds the lock for 400 ms: the default timeout (5 s)
   * waits for it, and our write lands after theirs. */
  {
    const char *args[] = { "hold", path, "400", NULL };

    pid = spawn_child (args);
    wait_for_file (ready);
    start = g_get_monotonic_time ();
    g_assert_true (tenure_workspace_set_setting (ws, "currency", "EUR", &error));
    g_assert_no_error (error);
    waited = g_get_monotonic_time () - start;
    g_test_message ("waited %.0f ms for the other writer", waited / 1e3);
    g_assert_cmpint (waited, >=, 200 * 1000);
    while (!child_done (pid, &status))
      g_usleep (1000);
    g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
    g_unlink (ready);
  }
  /* Theirs is seen too. */
  rule = tenure_workspace_get_setting (ws, "churn-rule");
  g_assert_cmpstr (rule, ==, "explicit");

  /* A writer that holds it longer than our timeout: a clear BUSY message,
   * after waiting the whole timeout, and nothing of ours half-written. */
  {
    const char *args[] = { "hold", path, "3000", NULL };
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;

    sqlite3_busy_timeout (tenure_workspace_get_db (ws), 300);
    pid = spawn_child (args);
    wait_for_file (ready);
    before = tenure_test_dump (tenure_workspace_get_db (ws));
    start = g_get_monotonic_time ();
    g_assert_false (tenure_workspace_set_setting (ws, "currency", "JPY", &error));
    waited = g_get_monotonic_time () - start;
    g_assert_error (error, TENURE_WORKSPACE_ERROR, TENURE_WORKSPACE_ERROR_BUSY);
    g_assert_nonnull (strstr (error->message, "w.tenure is being written by another program"));
    g_assert_nonnull (strstr (error->message, "try again"));
    g_assert_cmpint (waited, >=, 250 * 1000);
    g_clear_error (&error);
    after = tenure_test_dump (tenure_workspace_get_db (ws));
    g_assert_cmpstr (before, ==, after);
    kill (pid, SIGKILL);
    while (!child_done (pid, &status))
      g_usleep (1000);
  }
  /* The killed writer's change is gone; ours goes through now. */
  g_assert_true (tenure_workspace_set_setting (ws, "currency", "JPY", &error));
  g_assert_no_error (error);
  tenure_test_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  if (argc >= 3 && g_str_equal (argv[1], "--child"))
    {
      if (g_str_equal (argv[2], "writer") && argc == 6)
        return child_writer (argv[3], argv[4], argv[5]);
      if (g_str_equal (argv[2], "hold") && argc == 5)
        return child_hold (argv[3], argv[4]);
      return 2;
    }

  self_exe = g_file_read_link ("/proc/self/exe", NULL);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/writers/same-moment", test_same_moment);
  g_test_add_func ("/writers/busy", test_busy_waits_then_says_so);
  return g_test_run ();
}

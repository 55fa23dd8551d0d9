/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: a workspace file from a stranger. The bytes are written
 * to a file, opened as a workspace (which may migrate it, open it read-only
 * or refuse it), read, checked, written once and closed. Nothing may crash,
 * leak, hang or warn. Build and run with tests/fuzz/run fuzz-workspace SECS. */
#include "config.h"

#include <glib/gstdio.h>
#include <stdint.h>
#include <unistd.h>

#include "tenure-settings.h"
#include "tenure-workspace.h"

static char *dir;
static char *path;

static void
remove_dir_contents (void)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);

      g_unlink (child);
    }
}

static void
exercise (TenureWorkspace *ws)
{
  static const char *const tables[] = { "account", "subscription", "deal", "event", "setting" };
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  for (const char *const *key = tenure_settings_keys (); *key != NULL; key++)
    g_free (tenure_workspace_get_setting (ws, *key));
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    tenure_workspace_count_rows (ws, tables[i]);
  tenure_workspace_check (ws, problems, &error);
  g_clear_error (&error);
  /* A write goes through the same connection the window would use. */
  tenure_workspace_set_setting (ws, "churn-rule", "contract", &error);
  g_clear_error (&error);
  tenure_workspace_poll_external_change (ws);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  /* A critical or warning from our code is a finding, like a crash. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  dir = g_dir_make_tmp ("tenure-fuzz-XXXXXX", NULL);
  g_assert (dir != NULL);
  path = g_build_filename (dir, "fuzz.tenure", NULL);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  TenureWorkspace *ws;

  remove_dir_contents ();
  if (!g_file_set_contents (path, (const char *) data, size, NULL))
    abort ();

  ws = tenure_workspace_open (path, TENURE_WORKSPACE_OPEN_DEFAULT, &error);
  if (ws != NULL)
    {
      exercise (ws);
      tenure_workspace_close (ws);
      g_object_unref (ws);
    }
  else
    {
      /* Every refusal carries a message in our domain. */
      g_assert (error != NULL);
      g_assert (error->domain == TENURE_WORKSPACE_ERROR);
      g_assert (error->message != NULL && error->message[0] != '\0');
    }
  remove_dir_contents ();
  return 0;
}

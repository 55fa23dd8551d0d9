/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-sample"

#include "config.h"

#include <glib/gstdio.h>

#include "tenure-generator.h"
#include "tenure-sample.h"
#include "tenure-workspace.h"

static void
remove_directory (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

/**
 * tenure_sample_create:
 * @path: the workspace to create; must not exist
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * The sample goes through the same CSV import a user's files do, so it
 * exercises and demonstrates the whole path. On failure nothing is left at
 * @path.
 *
 * Returns: %TRUE on success
 */
gboolean
tenure_sample_create (const char    *path,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(TenureWorkspace) workspace = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *dir = NULL;
  TenureGeneratorOptions options = { 0 };
  gboolean ok = FALSE;

  g_return_val_if_fail (path != NULL, FALSE);

  workspace = tenure_workspace_create (path, "USD", error);
  if (workspace == NULL)
    return FALSE;

  dir = g_dir_make_tmp ("tenure-sample-XXXXXX", error);
  if (dir == NULL)
    goto out;
  options.seed = TENURE_SAMPLE_SEED;
  options.size = TENURE_GENERATOR_SIZE_S;
  options.end_month = tenure_month_of_day (tenure_day_today ());
  if (!tenure_generator_write (&options, dir, NULL, error))
    goto out;

  for (guint kind = 0; kind < TENURE_GENERATOR_N_KINDS; kind++)
    {
      g_autofree char *file = g_strconcat (tenure_generator_kind_to_string (kind), ".csv", NULL);
      g_autofree char *csv = g_build_filename (dir, file, NULL);
      g_autoptr(TenureImportReport) report = NULL;
      TenureImportOptions import_options = { 0 };

      import_options.strict = TRUE;
      if (!tenure_workspace_import (workspace, csv, &import_options, NULL, NULL, cancellable,
                                    &report, error))
        goto out;
    }
  ok = TRUE;

out:
  if (dir != NULL)
    remove_directory (dir);
  if (!ok)
    {
      g_clear_object (&workspace);
      g_unlink (path);
    }
  return ok;
}

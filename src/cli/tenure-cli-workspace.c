/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-cli"

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>

#include "tenure-chart-format.h"
#include "tenure-cli.h"
#include "tenure-sample.h"
#include "tenure-schema.h"
#include "tenure-settings.h"

static const char *const tables[] = {
  "account", "subscription", "deal", "event", "journey_stage", "touchpoint",
  "survey_response", "funnel", "score_area", "score_metric", "score_entry",
  "target", "import_batch",
};

int
cli_new (int    argc,
         char **argv)
{
  const CliCommand *command = cli_find_command ("new");
  g_autofree char *currency = NULL;
  gboolean sample = FALSE;
  g_autoptr(GError) error = NULL;
  g_autoptr(TenureWorkspace) workspace = NULL;
  const GOptionEntry entries[] = {
    { "currency", 0, 0, G_OPTION_ARG_STRING, &currency, N_("ISO 4217 currency code (default USD)"), "CODE" },
    { "sample", 0, 0, G_OPTION_ARG_NONE, &sample, N_("Fill it with the built-in sample business"), NULL },
    { NULL }
  };
  int status;

  if (!cli_parse (command, entries, &argc, &argv, 1, 1, &status))
    return status;

  if (sample)
    {
      if (currency != NULL)
        return cli_usage (command, "%s", _("the sample business is in USD; --currency cannot be used with --sample"));
      if (!tenure_sample_create (argv[1], NULL, &error))
        return cli_fail_error (error);
      printf (_("Created %s with the sample business\n"), argv[1]);
      return CLI_OK;
    }
  workspace = tenure_workspace_create (argv[1], currency, &error);
  if (workspace == NULL)
    return cli_fail_error (error);
  printf (_("Created %s\n"), argv[1]);
  return CLI_OK;
}

int
cli_info (int    argc,
          char **argv)
{
  const CliCommand *command = cli_find_command ("info");
  g_autoptr(TenureWorkspace) workspace = NULL;
  g_autofree char *currency = NULL;
  g_autofree char *rule = NULL;
  int status;

  if (!cli_parse (command, NULL, &argc, &argv, 1, 1, &status))
    return status;
  workspace = cli_open (argv[1], CLI_OPEN_READ, &status);
  if (workspace == NULL)
    return status;

  currency = tenure_workspace_get_setting (workspace, "currency");
  rule = tenure_workspace_get_setting (workspace, "churn-rule");
  /* The labels are padded to the longest of them, whatever their length in
   * the language of the locale. */
  {
    const char *labels[] = { _("Workspace:"), _("Format:"), _("Access:"), _("Currency:"),
                             _("Churn rule:") };
    g_autofree char *format = g_strdup_printf (_("Tenure workspace, version %d (application id 0x%08X)"),
                                               tenure_workspace_get_schema_version (workspace),
                                               TENURE_APPLICATION_ID);
    g_autofree char *access = tenure_workspace_is_read_only (workspace)
                              ? g_strdup_printf (_("read-only: %s"),
                                                 tenure_workspace_get_read_only_reason (workspace))
                              : g_strdup (_("read-write"));
    const char *values[] = { tenure_workspace_get_path (workspace), format, access, currency, rule };
    int width = 0;

    for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
      width = MAX (width, (int) g_utf8_strlen (labels[i], -1) + 2);
    for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
      {
        g_autofree char *padded = cli_pad (labels[i], -width);

        printf ("%s%s\n", padded, values[i]);
      }
  }
  /* Table names stay as they are: they are the names scripts query. */
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *count = tenure_chart_format_number (tenure_workspace_count_rows (workspace, tables[i]), 0);

      printf ("%-16s %s\n", tables[i], count);
    }
  return CLI_OK;
}

int
cli_check (int    argc,
           char **argv)
{
  const CliCommand *command = cli_find_command ("check");
  g_autoptr(TenureWorkspace) workspace = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  int status;

  if (!cli_parse (command, NULL, &argc, &argv, 1, 1, &status))
    return status;
  workspace = cli_open (argv[1], CLI_OPEN_READ, &status);
  if (workspace == NULL)
    return status;
  if (!tenure_workspace_check (workspace, problems, &error))
    return cli_fail_error (error);
  for (guint i = 0; i < problems->len; i++)
    fprintf (stderr, "%s: %s\n", argv[1], (const char *) g_ptr_array_index (problems, i));
  if (problems->len > 0)
    return cli_fail (g_dngettext (GETTEXT_PACKAGE, "%s: %u problem found", "%s: %u problems found",
                                  problems->len),
                     argv[1], problems->len);
  printf (_("%s: OK\n"), argv[1]);
  return CLI_OK;
}

int
cli_set (int    argc,
         char **argv)
{
  const CliCommand *command = cli_find_command ("set");
  g_autoptr(TenureWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!cli_parse (command, NULL, &argc, &argv, 3, 3, &status))
    return status;
  /* Validate before opening for writing, so a wrong key is named even on a
   * read-only file. */
  {
    g_autofree char *normal = tenure_settings_validate (argv[2], argv[3], &error);

    if (normal == NULL)
      return cli_fail ("%s", error->message);
  }
  workspace = cli_open (argv[1], CLI_OPEN_WRITE, &status);
  if (workspace == NULL)
    return status;
  if (!tenure_workspace_set_setting (workspace, argv[2], argv[3], &error))
    return cli_fail_error (error);
  return CLI_OK;
}

int
cli_get (int    argc,
         char **argv)
{
  const CliCommand *command = cli_find_command ("get");
  g_autoptr(TenureWorkspace) workspace = NULL;
  int status;

  if (!cli_parse (command, NULL, &argc, &argv, 1, 2, &status))
    return status;
  if (argc == 3 && !tenure_settings_is_key (argv[2]))
    {
      g_autoptr(GError) error = NULL;

      tenure_settings_validate (argv[2], "", &error);
      return cli_fail ("%s", error->message);
    }
  workspace = cli_open (argv[1], CLI_OPEN_READ, &status);
  if (workspace == NULL)
    return status;
  if (argc == 3)
    {
      g_autofree char *value = tenure_workspace_get_setting (workspace, argv[2]);

      printf ("%s\n", value);
      return CLI_OK;
    }
  for (const char *const *key = tenure_settings_keys (); *key != NULL; key++)
    {
      g_autofree char *value = tenure_workspace_get_setting (workspace, *key);

      printf ("%s = %s\n", *key, value);
    }
  return CLI_OK;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-cli"

#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "tenure-cli.h"

static void
progress_cb (guint64  bytes_done,
             guint64  bytes_total,
             guint64  rows,
             gpointer user_data)
{
  const char *name = user_data;

  fputc ('\r', stderr);
  fprintf (stderr, _("%s: %3d%% (%" PRIu64 " rows)"), name,
           bytes_total ? (int) (100 * bytes_done / bytes_total) : 0, rows);
}

int
cli_import (int    argc,
            char **argv)
{
  const CliCommand *command = cli_find_command ("import");
  g_autofree char *kind = NULL;
  g_auto(GStrv) maps = NULL;
  g_autofree char *date_order = NULL;
  g_autofree char *rejects = NULL;
  gboolean inclusive_end = FALSE, strict = FALSE, dry_run = FALSE;
  const GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind,
      N_("accounts, deals, subscriptions, events, touchpoints, surveys, funnel, scores or targets"), "KIND" },
    { "map", 0, 0, G_OPTION_ARG_STRING_ARRAY, &maps, N_("Read COLUMN as FIELD (repeatable)"), "COLUMN=FIELD" },
    { "date-order", 0, 0, G_OPTION_ARG_STRING, &date_order, N_("Day-first or month-first dates"), "dmy|mdy" },
    { "inclusive-end", 0, 0, G_OPTION_ARG_NONE, &inclusive_end, N_("Subscription end dates are the last day"), NULL },
    { "strict", 0, 0, G_OPTION_ARG_NONE, &strict, N_("Write nothing when any row is rejected"), NULL },
    { "rejects", 0, 0, G_OPTION_ARG_FILENAME, &rejects, N_("Write rejected rows with their reasons"), "FILE.csv" },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Report what would happen; write nothing"), NULL },
    { NULL }
  };
  TenureImportOptions options = { 0 };
  g_autoptr(TenureWorkspace) workspace = NULL;
  g_autoptr(TenureImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  gboolean progress;
  gboolean ok;
  int status;

  if (!cli_parse (command, entries, &argc, &argv, 2, 2, &status))
    return status;
  if (kind != NULL)
    {
      options.kind = tenure_import_kind_from_string (kind);
      if (options.kind == TENURE_IMPORT_KIND_UNKNOWN)
        return cli_usage (command, _("--kind takes accounts, deals, subscriptions, events, touchpoints, "
                                     "surveys, funnel, scores or targets, not “%s”"), kind);
    }
  if (date_order != NULL)
    {
      if (g_str_equal (date_order, "dmy"))
        options.date_order = TENURE_DATE_ORDER_DMY;
      else if (g_str_equal (date_order, "mdy"))
        options.date_order = TENURE_DATE_ORDER_MDY;
      else
        return cli_usage (command, _("--date-order takes dmy or mdy, not “%s”"), date_order);
    }
  for (guint i = 0; maps != NULL && maps[i] != NULL; i++)
    if (strchr (maps[i], '=') == NULL)
      return cli_usage (command, _("--map takes COLUMN=FIELD, not “%s”"), maps[i]);
  options.mappings = (const char *const *) maps;
  options.inclusive_end = inclusive_end;
  options.strict = strict;
  options.dry_run = dry_run;
  options.rejects_path = rejects;

  workspace = cli_open (argv[1], dry_run ? CLI_OPEN_READ : CLI_OPEN_WRITE, &status);
  if (workspace == NULL)
    return status;

  name = g_path_get_basename (argv[2]);
  progress = cli_stderr_is_terminal ();
  ok = tenure_workspace_import (workspace, argv[2], &options, progress ? progress_cb : NULL, name,
                                NULL, &report, &error);
  if (progress)
    fprintf (stderr, "\r\033[K");

  if (report != NULL)
    {
      for (guint i = 0; i < report->warnings->len; i++)
        fprintf (stderr, "%s: %s\n", name, (const char *) g_ptr_array_index (report->warnings, i));
      for (guint i = 0; i < report->rejects->len; i++)
        {
          g_autofree char *line = tenure_import_reject_to_string (report, g_ptr_array_index (report->rejects, i));

          fprintf (stderr, "%s\n", line);
        }
      if (report->rows_rejected > report->rejects->len)
        {
          guint64 more = report->rows_rejected - report->rejects->len;

          if (rejects != NULL)
            fprintf (stderr, g_dngettext (GETTEXT_PACKAGE, "%s: … and %" PRIu64 " more rejected row\n",
                                          "%s: … and %" PRIu64 " more rejected rows\n", more),
                     name, more);
          else
            fprintf (stderr, g_dngettext (GETTEXT_PACKAGE,
                                          "%s: … and %" PRIu64 " more rejected row "
                                          "(write them all with --rejects FILE.csv)\n",
                                          "%s: … and %" PRIu64 " more rejected rows "
                                          "(write them all with --rejects FILE.csv)\n", more),
                     name, more);
        }
    }
  if (!ok)
    {
      if (g_error_matches (error, TENURE_IMPORT_ERROR, TENURE_IMPORT_ERROR_REJECTED))
        {
          fprintf (stderr, "tenure-cli: %s\n", error->message);
          return CLI_REJECTED;
        }
      return cli_fail_error (error);
    }

  /* Translators: the import summary; the second %s is the kind of rows as
   * the command line names it (accounts, deals, subscriptions, …). */
  printf (dry_run ? _("%s: dry run of %s, %" PRIu64 " new, %" PRIu64 " updated, %" PRIu64
                      " unchanged, %" PRIu64 " rejected")
                  : _("%s: %s, %" PRIu64 " new, %" PRIu64 " updated, %" PRIu64
                      " unchanged, %" PRIu64 " rejected"),
          name, tenure_import_kind_to_string (report->kind),
          report->rows_new, report->rows_updated, report->rows_unchanged, report->rows_rejected);
  if (report->accounts_created > 0)
    printf (g_dngettext (GETTEXT_PACKAGE, ", %" PRIu64 " account created",
                         ", %" PRIu64 " accounts created", report->accounts_created),
            report->accounts_created);
  if (report->batch_id > 0)
    printf (_(" (batch %" PRId64 ")"), report->batch_id);
  printf ("\n");
  return report->rows_rejected > 0 ? CLI_REJECTED : CLI_OK;
}

int
cli_undo (int    argc,
          char **argv)
{
  const CliCommand *command = cli_find_command ("undo");
  g_autoptr(TenureWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;
  gint64 batch = 0, undone = 0;
  int status;

  if (!cli_parse (command, NULL, &argc, &argv, 1, 2, &status))
    return status;
  if (argc == 3 && (!g_ascii_string_to_signed (argv[2], 10, 1, G_MAXINT64, &batch, NULL)))
    return cli_usage (command, _("BATCH-ID is the number of an import batch, not “%s”"), argv[2]);
  workspace = cli_open (argv[1], CLI_OPEN_WRITE, &status);
  if (workspace == NULL)
    return status;
  if (!tenure_workspace_undo_import (workspace, batch, &undone, &error))
    return cli_fail_error (error);
  printf (_("Undid import batch %" PRId64 "\n"), undone);
  return CLI_OK;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-cli"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "tenure-cli.h"
#include "tenure-report.h"
#include "tenure-report-build.h"
#include "tenure-settings.h"

/* The board report of a month (the last complete one by default) or of a
 * quarter: the analysis ends on the period's last day, or today when the
 * period is still running. */
int
cli_report (int    argc,
            char **argv)
{
  const CliCommand *command = cli_find_command ("report");
  g_autofree char *output = NULL;
  g_autofree char *month = NULL;
  g_autofree char *quarter = NULL;
  g_autofree char *paper = NULL;
  gboolean all_accounts = FALSE;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF to write"), "FILE.pdf" },
    { "month", 0, 0, G_OPTION_ARG_STRING, &month, N_("The month (default: the last complete one)"), "YYYY-MM" },
    { "quarter", 0, 0, G_OPTION_ARG_STRING, &quarter, N_("A quarter instead, such as 2026-Q3 or FY2027-Q1"), "LABEL" },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper, N_("a4 or letter (default a4)"), "SIZE" },
    { "all-accounts", 0, 0, G_OPTION_ARG_NONE, &all_accounts, N_("List every account in the progress report"), NULL },
    { NULL }
  };
  TenureReportOptions report_options = { TENURE_REPORT_PAPER_A4, FALSE };
  TenureAnalysisOptions options = { TENURE_PERIOD_MONTH, TENURE_DAY_NONE, NULL, NULL, TRUE };
  g_autoptr(TenureWorkspace) workspace = NULL;
  g_autoptr(TenureAnalysis) analysis = NULL;
  g_autoptr(TenureReportData) data = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  TenureMonth first, last;
  TenureDay today = tenure_day_today ();
  int status;

  if (!cli_parse (command, entries, &argc, &argv, 1, 1, &status))
    return status;
  if (output == NULL)
    return cli_usage (command, "%s", _("-o FILE.pdf is needed"));
  if (month != NULL && quarter != NULL)
    return cli_usage (command, "%s", _("give --month or --quarter, not both"));
  if (paper != NULL)
    {
      if (g_ascii_strcasecmp (paper, "a4") == 0)
        report_options.paper = TENURE_REPORT_PAPER_A4;
      else if (g_ascii_strcasecmp (paper, "letter") == 0)
        report_options.paper = TENURE_REPORT_PAPER_LETTER;
      else
        return cli_usage (command, _("--paper takes a4 or letter, not “%s”"), paper);
    }
  report_options.all_accounts = all_accounts;

  workspace = cli_open (argv[1], CLI_OPEN_FIGURES, &status);
  if (workspace == NULL)
    return status;

  if (quarter != NULL)
    {
      g_autofree char *fys = tenure_workspace_get_setting (workspace, "fiscal-year-start");

      if (!tenure_period_parse (TENURE_PERIOD_QUARTER, atoi (fys), quarter, &first))
        return cli_usage (command, _("--quarter takes a label such as 2026-Q3 (or FY2027-Q1 with a "
                                     "fiscal year), not “%s”"), quarter);
      options.period = TENURE_PERIOD_QUARTER;
      last = first + 2;
    }
  else if (month != NULL)
    {
      if (!tenure_month_parse (month, &first))
        return cli_usage (command, _("--month takes YYYY-MM, not “%s”"), month);
      last = first;
    }
  else
    first = last = tenure_month_of_day (today) - 1;

  if (tenure_month_first_day (first) > today)
    return cli_fail (_("%s: the period has not started yet"), quarter ? quarter : month);
  options.as_of = MIN (tenure_month_last_day (last), today);

  analysis = tenure_analysis_compute (tenure_workspace_get_db (workspace), &options, NULL, &error);
  if (analysis == NULL)
    return cli_fail ("%s: %s", argv[1], error->message);
  title = tenure_workspace_dup_title (workspace);
  data = tenure_report_data_from_analysis (analysis, title);
  if (!tenure_report_write_pdf (data, &report_options, output, &error))
    return cli_fail_error (error);
  return CLI_OK;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-cli"

#include "config.h"

#include <math.h>
#include <stdio.h>

#include "tenure-analysis.h"
#include "tenure-chart-build.h"
#include "tenure-cli.h"

/* metrics, accounts and value: the figures of a workspace at a report date. */

static gboolean
parse_as_of (const CliCommand *command,
             const char       *text,
             TenureDay        *as_of,
             int              *status)
{
  if (text == NULL)
    {
      *as_of = tenure_day_today ();
      return TRUE;
    }
  if (!tenure_day_parse_iso (text, as_of))
    {
      *status = cli_usage (command, "--as-of takes a date as YYYY-MM-DD, not “%s”", text);
      return FALSE;
    }
  return TRUE;
}

static TenureAnalysis *
analyse (const char                  *path,
         const TenureAnalysisOptions *options,
         int                         *status)
{
  g_autoptr(TenureWorkspace) workspace = cli_open (path, FALSE, status);
  g_autoptr(GError) error = NULL;
  TenureAnalysis *analysis;

  if (workspace == NULL)
    return NULL;
  analysis = tenure_analysis_compute (tenure_workspace_get_db (workspace), options, NULL, &error);
  if (analysis == NULL)
    *status = cli_fail ("%s: %s", path, error->message);
  return analysis;
}

static void
print_json (TenureJson *json)
{
  g_autofree char *text = tenure_json_free_to_string (json);

  fputs (text, stdout);
}

static char *
money (gint64 minor)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", minor / 100, (int) ABS (minor % 100));
}

static char *
ratio (double value)
{
  return isnan (value) ? g_strdup ("—") : g_strdup_printf ("%.2f", value);
}

static char *
percent (double value)
{
  return isnan (value) ? g_strdup ("—") : g_strdup_printf ("%.1f%%", value * 100.0);
}

int
cli_metrics (int    argc,
             char **argv)
{
  const CliCommand *command = cli_find_command ("metrics");
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *period = NULL;
  g_autofree char *as_of_text = NULL;
  gboolean json = FALSE;
  gboolean no_value = FALSE;
  gboolean timing = FALSE;
  const GOptionEntry entries[] = {
    { "timing", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &timing, "Print load and compute times on stderr", NULL },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, "First period to show", "PERIOD" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, "Last period to show", "PERIOD" },
    { "period", 0, 0, G_OPTION_ARG_STRING, &period, "month, quarter or year (default month)", "KIND" },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text, "Report date (default today)", "YYYY-MM-DD" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Write JSON", NULL },
    { "no-value", 0, 0, G_OPTION_ARG_NONE, &no_value, "Skip the value models (faster)", NULL },
    { NULL }
  };
  TenureAnalysisOptions options = { TENURE_PERIOD_MONTH, TENURE_DAY_NONE, NULL, NULL, TRUE };
  g_autoptr(TenureAnalysis) analysis = NULL;
  int status;

  if (!cli_parse (command, entries, &argc, &argv, 1, 1, &status))
    return status;
  if (period != NULL && !tenure_period_kind_parse (period, &options.period))
    return cli_usage (command, "--period takes month, quarter or year, not “%s”", period);
  if (!parse_as_of (command, as_of_text, &options.as_of, &status))
    return status;
  options.from = from;
  options.to = to;
  options.with_value = !no_value;

  analysis = analyse (argv[1], &options, &status);
  if (analysis == NULL)
    return status;
  if (timing)
    fprintf (stderr, "metrics %.1f ms, accounts %.1f ms, value %.1f ms, kpis %.1f ms\n"
             "load %.1f ms, compute %.1f ms\n",
             analysis->metrics_seconds * 1000, analysis->accounts_seconds * 1000,
             analysis->value_seconds * 1000, analysis->kpis_seconds * 1000,
             analysis->load_seconds * 1000, analysis->compute_seconds * 1000);

  if (json)
    {
      TenureJson *writer = tenure_json_new (TRUE);

      tenure_analysis_write_metrics_json (analysis, writer);
      print_json (writer);
      return CLI_OK;
    }

  printf ("%-10s %14s %8s %6s %6s %12s %12s %12s %7s %8s %8s\n", "period", "MRR", "active", "new",
          "churn", "new MRR", "expansion", "churned MRR", "QR", "logo ch", "NRR");
  for (guint p = 0; p < analysis->metrics->n_periods; p++)
    {
      const TenureMetricsPeriod *row = &analysis->metrics->periods[p];
      g_autofree char *mrr = money (row->mrr);
      g_autofree char *new_mrr = money (row->new_mrr);
      g_autofree char *expansion = money (row->expansion_mrr);
      g_autofree char *churned = money (row->churned_mrr);
      g_autofree char *qr = ratio (row->quick_ratio);
      g_autofree char *logo = percent (row->logo_churn_rate);
      g_autofree char *nrr = percent (row->nrr);

      printf ("%-10s %14s %8" G_GINT64_FORMAT " %6" G_GINT64_FORMAT " %6" G_GINT64_FORMAT
              " %12s %12s %12s %7s %8s %8s\n", row->label, mrr, row->active_accounts,
              row->new_accounts, row->churned_accounts, new_mrr, expansion, churned, qr, logo, nrr);
    }
  printf ("Money in %s; churn rule %s.\n", analysis->metrics->currency,
          tenure_churn_rule_to_string (analysis->metrics->churn_rule));
  return CLI_OK;
}

int
cli_accounts (int    argc,
              char **argv)
{
  const CliCommand *command = cli_find_command ("accounts");
  g_autofree char *as_of_text = NULL;
  gboolean json = FALSE;
  gboolean at_risk = FALSE;
  const GOptionEntry entries[] = {
    { "at-risk", 0, 0, G_OPTION_ARG_NONE, &at_risk, "Only accounts at risk", NULL },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text, "Report date (default today)", "YYYY-MM-DD" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Write JSON", NULL },
    { NULL }
  };
  TenureAnalysisOptions options = { TENURE_PERIOD_MONTH, TENURE_DAY_NONE, NULL, NULL, FALSE };
  g_autoptr(TenureAnalysis) analysis = NULL;
  g_autoptr(GArray) updates = NULL;
  int status;

  if (!cli_parse (command, entries, &argc, &argv, 1, 1, &status))
    return status;
  if (!parse_as_of (command, as_of_text, &options.as_of, &status))
    return status;
  analysis = analyse (argv[1], &options, &status);
  if (analysis == NULL)
    return status;

  if (json)
    {
      TenureJson *writer = tenure_json_new (TRUE);

      tenure_analysis_write_accounts_json (analysis, at_risk, writer);
      print_json (writer);
      return CLI_OK;
    }

  updates = tenure_analysis_account_updates (analysis);
  printf ("%-16s %-28s %-14s %-18s %12s %7s %s\n", "account", "name", "segment", "stage", "MRR",
          "score", "at risk");
  for (guint i = 0; i < updates->len; i++)
    {
      const TenureAccountUpdate *u = &g_array_index (updates, TenureAccountUpdate, i);
      const TenureLedgerAccount *account = tenure_ledger_lookup_key (analysis->ledger, u->key);
      g_autofree char *mrr = money (u->mrr);
      g_autofree char *score = isnan (u->overall_score) ? g_strdup ("—") : g_strdup_printf ("%.1f", u->overall_score);

      if (at_risk && (u->at_risk_reasons == NULL || *u->at_risk_reasons == '\0'))
        continue;
      printf ("%-16s %-28.28s %-14.14s %-18.18s %12s %7s %s\n", u->key, account->name,
              account->segment ? account->segment : "—", u->stage ? u->stage : "—", mrr, score,
              u->at_risk_reasons ? u->at_risk_reasons : "");
    }
  return CLI_OK;
}

int
cli_value (int    argc,
           char **argv)
{
  const CliCommand *command = cli_find_command ("value");
  g_autofree char *model = NULL;
  g_autofree char *as_of_text = NULL;
  int horizon = 0;
  gboolean json = FALSE;
  gboolean timing = FALSE;
  gint64 started;
  const GOptionEntry entries[] = {
    { "timing", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &timing, "Print load and fit times on stderr", NULL },
    { "model", 0, 0, G_OPTION_ARG_STRING, &model, "auto, survival or bgnbd (default auto)", "MODEL" },
    { "horizon", 0, 0, G_OPTION_ARG_INT, &horizon, "Months ahead for BG/NBD (default: the setting)", "MONTHS" },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text, "Report date (default today)", "YYYY-MM-DD" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Write JSON", NULL },
    { NULL }
  };
  TenureValueOptions options = { TENURE_VALUE_MODEL_AUTO, TENURE_DAY_NONE, 0 };
  g_autoptr(TenureWorkspace) workspace = NULL;
  g_autoptr(TenureLedger) ledger = NULL;
  g_autoptr(TenureValueResult) result = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!cli_parse (command, entries, &argc, &argv, 1, 1, &status))
    return status;
  if (model != NULL && !tenure_value_model_parse (model, &options.model))
    return cli_usage (command, "--model takes auto, survival or bgnbd, not “%s”", model);
  if (horizon < 0 || (horizon == 0 && g_strv_contains ((const char *const *) argv, "--horizon")))
    return cli_usage (command, "--horizon takes a number of months, at least 1");
  options.horizon_months = horizon;
  if (!parse_as_of (command, as_of_text, &options.as_of, &status))
    return status;

  workspace = cli_open (argv[1], FALSE, &status);
  if (workspace == NULL)
    return status;
  started = g_get_monotonic_time ();
  ledger = tenure_ledger_load (tenure_workspace_get_db (workspace), &error);
  if (ledger == NULL)
    return cli_fail ("%s: %s", argv[1], error->message);
  if (timing)
    fprintf (stderr, "load %.1f ms\n", (g_get_monotonic_time () - started) / 1000.0);
  started = g_get_monotonic_time ();
  result = tenure_value_compute (ledger, &options, &error);
  if (result == NULL)
    return cli_fail ("%s: %s", argv[1], error->message);
  if (timing)
    fprintf (stderr, "fit and per-account values %.1f ms\n", (g_get_monotonic_time () - started) / 1000.0);

  if (json)
    {
      TenureJson *writer = tenure_json_new (TRUE);

      tenure_value_write_json (result, writer);
      print_json (writer);
      return CLI_OK;
    }

  printf ("Model:        %s (%u accounts, time in %ss)\n", tenure_value_model_to_string (result->model),
          result->n_accounts, result->model == TENURE_VALUE_MODEL_SURVIVAL ? "month" : "week");
  if (!result->converged)
    {
      printf ("No figure:    %s\n", result->reason);
      return CLI_OK;
    }
  if (result->model == TENURE_VALUE_MODEL_SURVIVAL)
    printf ("Parameters:   alpha %.4f, beta %.4f (log-likelihood %.2f)\n", result->sbg.params.alpha,
            result->sbg.params.beta, result->sbg.log_likelihood);
  else
    printf ("Parameters:   r %.4f, alpha %.4f, a %.4f, b %.4f (log-likelihood %.2f); "
            "Gamma-Gamma p %.4f, q %.4f, gamma %.4f\n", result->bgnbd.params.r, result->bgnbd.params.alpha,
            result->bgnbd.params.a, result->bgnbd.params.b, result->bgnbd.log_likelihood,
            result->spend.params.p, result->spend.params.q, result->spend.params.gamma);
  {
    g_autofree char *fav = money (result->future_account_value);

    printf ("Future account value: %s (gross margin %.2f, discount rate %.1f%% a year)\n", fav,
            result->gross_margin, result->discount_rate * 100.0);
  }
  return CLI_OK;
}

int
cli_chart (int    argc,
           char **argv)
{
  const CliCommand *command = cli_find_command ("chart");
  g_autofree char *output = NULL;
  g_autofree char *as_of_text = NULL;
  g_autofree char *period = NULL;
  int width = 1200, height = 675;
  gboolean dark = FALSE, revenue = FALSE;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "The file to write: .png, .svg or .pdf", "FILE" },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, "Width in pixels (default 1200)", "PX" },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, "Height in pixels (default 675)", "PX" },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, "Dark colours", NULL },
    { "revenue", 0, 0, G_OPTION_ARG_NONE, &revenue, "Cohorts and retention by revenue, not logos", NULL },
    { "period", 0, 0, G_OPTION_ARG_STRING, &period, "month, quarter or year (default month)", "KIND" },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text, "Report date (default today)", "YYYY-MM-DD" },
    { NULL }
  };
  TenureAnalysisOptions options = { TENURE_PERIOD_MONTH, TENURE_DAY_NONE, NULL, NULL, TRUE };
  TenureChartBuildOptions build = { 0 };
  g_autoptr(TenureAnalysis) analysis = NULL;
  g_autoptr(TenureChartBuilt) chart = NULL;
  g_autoptr(GError) error = NULL;
  TenureChartKind kind;
  int status;

  if (!cli_parse (command, entries, &argc, &argv, 2, 2, &status))
    return status;
  if (!tenure_chart_kind_parse (argv[2], &kind))
    return cli_usage (command, "unknown chart “%s”: lifecycle, transitions, cohorts, retention, "
                               "quick-ratio, mrr-bridge, segments, scorecards or value", argv[2]);
  if (output == NULL)
    return cli_usage (command, "-o FILE is needed");
  if (width < 16 || width > 20000 || height < 16 || height > 20000)
    return cli_usage (command, "--width and --height take 16 to 20000 pixels");
  if (period != NULL && !tenure_period_kind_parse (period, &options.period))
    return cli_usage (command, "--period takes month, quarter or year, not “%s”", period);
  if (!parse_as_of (command, as_of_text, &options.as_of, &status))
    return status;
  /* Only the charts that show the value model need it fitted. */
  options.with_value = kind == TENURE_CHART_KIND_VALUE || kind == TENURE_CHART_KIND_RETENTION;

  analysis = analyse (argv[1], &options, &status);
  if (analysis == NULL)
    return status;
  build.revenue = revenue;
  chart = tenure_chart_build (kind, analysis, &build);
  if (!tenure_chart_built_write (chart, output, width, height, dark, &error))
    return cli_fail_error (error);
  return CLI_OK;
}

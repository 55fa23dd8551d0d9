/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-cli"

#include "config.h"

#include <math.h>
#include <stdio.h>

#include "tenure-analysis.h"
#include "tenure-chart-build.h"
#include "tenure-chart-format.h"
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
      *status = cli_usage (command, _("--as-of takes a date as YYYY-MM-DD, not “%s”"), text);
      return FALSE;
    }
  return TRUE;
}

static void
print_value_field (const char *label,
                   const char *value)
{
  g_autofree char *padded = cli_pad (label, -13);

  printf ("%s %s\n", padded, value);
}

static TenureAnalysis *
analyse (const char                  *path,
         const TenureAnalysisOptions *options,
         int                         *status)
{
  g_autoptr(TenureWorkspace) workspace = cli_open (path, CLI_OPEN_FIGURES, status);
  g_autoptr(GError) error = NULL;
  TenureAnalysis *analysis;

  if (workspace == NULL)
    return NULL;
  analysis = tenure_analysis_compute (tenure_workspace_get_db (workspace), options, NULL, &error);
  if (analysis == NULL)
    *status = cli_fail ("%s: %s", path, error->message);
  return analysis;
}

/* The first @n characters of @text (not bytes: a name is never cut inside
 * a character). */
static char *
cut (const char *text,
     glong       n)
{
  return g_utf8_substring (text, 0, MIN (n, g_utf8_strlen (text, -1)));
}

static void
print_json (TenureJson *json)
{
  g_autofree char *text = tenure_json_free_to_string (json);

  fputs (text, stdout);
}

/* Human output follows the locale's separators ("1.234,56" in de_DE) through
 * the charts library; the JSON never does. Money is a bare number in the
 * currency's minor-unit digits; the currency is named once below the table. */
static char *
money (gint64      minor,
       const char *currency)
{
  return tenure_chart_format_money (minor, NULL, TENURE_CHART_MONEY_FULL);
}

static char *
ratio (double value)
{
  return tenure_chart_format_ratio (value, 2);
}

static char *
percent (double value)
{
  return tenure_chart_format_percent (value, 1);
}

/* Prints the cells of one table row, each padded to its width in
 * characters (negative: left-aligned), separated by a space. */
static void
print_row (const int   *widths,
           const char **cells,
           guint        n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *cell = cli_pad (cells[i], widths[i]);

      fputs (cell, stdout);
      if (i + 1 < n)
        fputc (' ', stdout);
    }
  fputc ('\n', stdout);
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
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("First period to show"), "PERIOD" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Last period to show"), "PERIOD" },
    { "period", 0, 0, G_OPTION_ARG_STRING, &period, N_("month, quarter or year (default month)"), "KIND" },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text, N_("Report date (default today)"), "YYYY-MM-DD" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Write JSON"), NULL },
    { "no-value", 0, 0, G_OPTION_ARG_NONE, &no_value, N_("Skip the value models (faster)"), NULL },
    { NULL }
  };
  TenureAnalysisOptions options = { TENURE_PERIOD_MONTH, TENURE_DAY_NONE, NULL, NULL, TRUE };
  g_autoptr(TenureAnalysis) analysis = NULL;
  int status;

  if (!cli_parse (command, entries, &argc, &argv, 1, 1, &status))
    return status;
  if (period != NULL && !tenure_period_kind_parse (period, &options.period))
    return cli_usage (command, _("--period takes month, quarter or year, not “%s”"), period);
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

  {
    static const int widths[] = { -10, 14, 8, 6, 6, 12, 12, 12, 7, 8, 8 };
    const char *head[] = {
      /* Translators: column headings of “tenure-cli metrics”; keep them short
       * (the widths are 10, 14, 8, 6, 6, 12, 12, 12, 7, 8 and 8 characters). */
      C_("metrics column", "period"), C_("metrics column", "MRR"), C_("metrics column", "active"),
      C_("metrics column", "new"), C_("metrics column", "churn"), C_("metrics column", "new MRR"),
      C_("metrics column", "expansion"), C_("metrics column", "churned MRR"),
      C_("metrics column", "QR"), C_("metrics column", "logo ch"), C_("metrics column", "NRR"),
    };

    print_row (widths, head, G_N_ELEMENTS (head));
    for (guint p = 0; p < analysis->metrics->n_periods; p++)
      {
        const TenureMetricsPeriod *row = &analysis->metrics->periods[p];
        const char *currency = analysis->metrics->currency;
        g_autofree char *mrr = money (row->mrr, currency);
        g_autofree char *active = tenure_chart_format_number (row->active_accounts, 0);
        g_autofree char *new_accounts = tenure_chart_format_number (row->new_accounts, 0);
        g_autofree char *churned_accounts = tenure_chart_format_number (row->churned_accounts, 0);
        g_autofree char *new_mrr = money (row->new_mrr, currency);
        g_autofree char *expansion = money (row->expansion_mrr, currency);
        g_autofree char *churned = money (row->churned_mrr, currency);
        g_autofree char *qr = ratio (row->quick_ratio);
        g_autofree char *logo = percent (row->logo_churn_rate);
        g_autofree char *nrr = percent (row->nrr);
        const char *cells[] = { row->label, mrr, active, new_accounts, churned_accounts, new_mrr,
                                expansion, churned, qr, logo, nrr };

        print_row (widths, cells, G_N_ELEMENTS (cells));
      }
  }
  /* Translators: the first %s is a currency code (USD), the second the churn
   * rule as the “churn-rule” setting names it (auto, contract, …). */
  printf (_("Money in %s; churn rule %s.\n"), analysis->metrics->currency,
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
    { "at-risk", 0, 0, G_OPTION_ARG_NONE, &at_risk, N_("Only accounts at risk"), NULL },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text, N_("Report date (default today)"), "YYYY-MM-DD" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Write JSON"), NULL },
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
  {
    static const int widths[] = { -16, -28, -14, -18, 12, 7, 0 };
    const char *head[] = {
      /* Translators: column headings of “tenure-cli accounts”; keep them short
       * (16, 28, 14, 18, 12 and 7 characters). */
      C_("accounts column", "account"), C_("accounts column", "name"),
      C_("accounts column", "segment"), C_("accounts column", "stage"),
      C_("accounts column", "MRR"), C_("accounts column", "score"),
      C_("accounts column", "at risk"),
    };

    print_row (widths, head, G_N_ELEMENTS (head));
    for (guint i = 0; i < updates->len; i++)
      {
        const TenureAccountUpdate *u = &g_array_index (updates, TenureAccountUpdate, i);
        const TenureLedgerAccount *account = tenure_ledger_lookup_key (analysis->ledger, u->key);
        g_autofree char *mrr = money (u->mrr, analysis->metrics->currency);
        g_autofree char *score = tenure_chart_format_number (u->overall_score, 1);
        g_autofree char *name = cut (account->name, 28);
        g_autofree char *segment = cut (account->segment ? account->segment : "—", 14);
        g_autofree char *stage = cut (u->stage ? u->stage : "—", 18);
        const char *cells[] = { u->key, name, segment, stage, mrr, score,
                                u->at_risk_reasons ? u->at_risk_reasons : "" };

        if (at_risk && (u->at_risk_reasons == NULL || *u->at_risk_reasons == '\0'))
          continue;
        print_row (widths, cells, G_N_ELEMENTS (cells));
      }
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
    { "model", 0, 0, G_OPTION_ARG_STRING, &model, N_("auto, survival or bgnbd (default auto)"), "MODEL" },
    { "horizon", 0, 0, G_OPTION_ARG_INT, &horizon, N_("Months ahead for BG/NBD (default: the setting)"), "MONTHS" },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text, N_("Report date (default today)"), "YYYY-MM-DD" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Write JSON"), NULL },
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
    return cli_usage (command, _("--model takes auto, survival or bgnbd, not “%s”"), model);
  if (horizon < 0 || (horizon == 0 && g_strv_contains ((const char *const *) argv, "--horizon")))
    return cli_usage (command, "%s", _("--horizon takes a number of months, at least 1"));
  options.horizon_months = horizon;
  if (!parse_as_of (command, as_of_text, &options.as_of, &status))
    return status;

  workspace = cli_open (argv[1], CLI_OPEN_FIGURES, &status);
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

  {
    const char *model_name = tenure_value_model_to_string (result->model);
    g_autofree char *line = NULL;

    /* Translators: %s is the model's name as --model takes it (survival, bgnbd). */
    if (result->model == TENURE_VALUE_MODEL_SURVIVAL)
      line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (%u account, time in months)",
                                           "%s (%u accounts, time in months)", result->n_accounts),
                              model_name, result->n_accounts);
    else
      line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (%u account, time in weeks)",
                                           "%s (%u accounts, time in weeks)", result->n_accounts),
                              model_name, result->n_accounts);
    print_value_field (_("Model:"), line);
  }
  if (!result->converged)
    {
      print_value_field (_("No figure:"), result->reason);
      return CLI_OK;
    }
  {
    g_autofree char *ll = tenure_chart_format_number (result->model == TENURE_VALUE_MODEL_SURVIVAL
                                                      ? result->sbg.log_likelihood
                                                      : result->bgnbd.log_likelihood, 2);
    g_autofree char *line = NULL;

    if (result->model == TENURE_VALUE_MODEL_SURVIVAL)
      {
        g_autofree char *alpha = tenure_chart_format_number (result->sbg.params.alpha, 4);
        g_autofree char *beta = tenure_chart_format_number (result->sbg.params.beta, 4);

        line = g_strdup_printf (_("alpha %s, beta %s (log-likelihood %s)"), alpha, beta, ll);
      }
    else
      {
        g_autofree char *r = tenure_chart_format_number (result->bgnbd.params.r, 4);
        g_autofree char *alpha = tenure_chart_format_number (result->bgnbd.params.alpha, 4);
        g_autofree char *a = tenure_chart_format_number (result->bgnbd.params.a, 4);
        g_autofree char *b = tenure_chart_format_number (result->bgnbd.params.b, 4);
        g_autofree char *p = tenure_chart_format_number (result->spend.params.p, 4);
        g_autofree char *q = tenure_chart_format_number (result->spend.params.q, 4);
        g_autofree char *gamma = tenure_chart_format_number (result->spend.params.gamma, 4);

        line = g_strdup_printf (_("r %s, alpha %s, a %s, b %s (log-likelihood %s); "
                                  "Gamma-Gamma p %s, q %s, gamma %s"),
                                r, alpha, a, b, ll, p, q, gamma);
      }
    print_value_field (_("Parameters:"), line);
  }
  {
    g_autofree char *fav = tenure_chart_format_money (result->future_account_value, NULL,
                                                      TENURE_CHART_MONEY_FULL);
    g_autofree char *margin = tenure_chart_format_number (result->gross_margin, 2);
    g_autofree char *rate = tenure_chart_format_percent (result->discount_rate, 1);

    printf (_("Future account value: %s (gross margin %s, discount rate %s a year)\n"), fav,
            margin, rate);
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
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The file to write: .png, .svg or .pdf"), "FILE" },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, N_("Width in pixels (default 1200)"), "PX" },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, N_("Height in pixels (default 675)"), "PX" },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, N_("Dark colours"), NULL },
    { "revenue", 0, 0, G_OPTION_ARG_NONE, &revenue, N_("Cohorts and retention by revenue, not logos"), NULL },
    { "period", 0, 0, G_OPTION_ARG_STRING, &period, N_("month, quarter or year (default month)"), "KIND" },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text, N_("Report date (default today)"), "YYYY-MM-DD" },
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
    return cli_usage (command, _("unknown chart “%s”: lifecycle, transitions, cohorts, retention, "
                                 "quick-ratio, mrr-bridge, segments, scorecards or value"), argv[2]);
  if (output == NULL)
    return cli_usage (command, "%s", _("-o FILE is needed"));
  if (width < 16 || width > 20000 || height < 16 || height > 20000)
    return cli_usage (command, "%s", _("--width and --height take 16 to 20000 pixels"));
  if (period != NULL && !tenure_period_kind_parse (period, &options.period))
    return cli_usage (command, _("--period takes month, quarter or year, not “%s”"), period);
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

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <unistd.h>

#include "tenure-cli.h"

static const CliCommand commands[] = {
  { "new", "WORKSPACE [--currency CODE] [--sample]",
    N_("create a workspace (with --sample: the built-in sample business)"), cli_new },
  { "info", "WORKSPACE", N_("describe a workspace"), cli_info },
  { "check", "WORKSPACE", N_("check integrity, schema and ledger invariants"), cli_check },
  { "import", "WORKSPACE FILE.csv [--kind KIND] [--map COLUMN=FIELD]... [--date-order dmy|mdy] "
    "[--inclusive-end] [--strict] [--rejects FILE.csv] [--dry-run]",
    N_("import a CSV file in one transaction"), cli_import },
  { "undo", "WORKSPACE [BATCH-ID]", N_("undo the last (or the given) import"), cli_undo },
  { "set", "WORKSPACE KEY VALUE", N_("change a workspace setting"), cli_set },
  { "get", "WORKSPACE [KEY]", N_("print one setting, or all"), cli_get },
  { "metrics", "WORKSPACE [--from PERIOD] [--to PERIOD] [--period month|quarter|year] "
    "[--as-of YYYY-MM-DD] [--json]", N_("the figures of METRICS.md over time"), cli_metrics },
  { "accounts", "WORKSPACE [--at-risk] [--as-of YYYY-MM-DD] [--json]",
    N_("every account with its figures at the report date"), cli_accounts },
  { "value", "WORKSPACE [--model auto|survival|bgnbd] [--horizon MONTHS] [--as-of YYYY-MM-DD] [--json]",
    N_("lifetime and future account value from the fitted models"), cli_value },
  { "chart", "WORKSPACE KIND -o FILE.png|svg|pdf [--width PX] [--height PX] [--dark] [--as-of YYYY-MM-DD]",
    N_("draw a chart: lifecycle, transitions, cohorts, retention, quick-ratio, mrr-bridge, segments, "
    "scorecards, value"), cli_chart },
  { "report", "WORKSPACE -o FILE.pdf [--month YYYY-MM | --quarter LABEL] [--paper a4|letter] [--all-accounts]",
    N_("the board-meeting report as PDF"), cli_report },
};

const CliCommand *
cli_find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_strcmp0 (commands[i].name, name) == 0)
      return &commands[i];
  return NULL;
}

int
cli_fail (const char *format,
          ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  fprintf (stderr, "tenure-cli: %s\n", message);
  return CLI_ERROR;
}

int
cli_fail_error (const GError *error)
{
  return cli_fail ("%s", error->message);
}

int
cli_usage (const CliCommand *command,
           const char       *format,
           ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  fprintf (stderr, "tenure-cli %s: %s\n", command->name, message);
  /* Translators: the command line's synopsis, such as “tenure-cli info WORKSPACE”. */
  fprintf (stderr, _("Usage: tenure-cli %s %s\n"), command->name, command->synopsis);
  return CLI_USAGE;
}

gboolean
cli_parse (const CliCommand    *command,
           const GOptionEntry  *entries,
           int                 *argc,
           char              ***argv,
           int                  min_args,
           int                  max_args,
           int                 *status)
{
  g_autofree char *parameter = g_strdup_printf ("%s", command->synopsis);
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = g_strdup_printf ("tenure-cli %s %s: %s", command->name,
                                              command->synopsis, _(command->summary));

  g_option_context_set_summary (context, summary);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_strict_posix (context, FALSE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = cli_usage (command, "%s", error->message);
      return FALSE;
    }
  /* (*argv)[0] is the command name. */
  if (*argc - 1 < min_args || (max_args >= 0 && *argc - 1 > max_args))
    {
      for (int i = 1; i < *argc; i++)
        if ((*argv)[i][0] == '-' && (*argv)[i][1] != '\0')
          {
            *status = cli_usage (command, _("unknown option %s"), (*argv)[i]);
            return FALSE;
          }
      *status = cli_usage (command, "%s", *argc - 1 < min_args ? _("missing arguments")
                                                               : _("too many arguments"));
      return FALSE;
    }
  return TRUE;
}

TenureWorkspace *
cli_open (const char *path,
          CliOpen     mode,
          int        *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TenureWorkspace) workspace = NULL;

  workspace = tenure_workspace_open (path, mode == CLI_OPEN_FIGURES ? TENURE_WORKSPACE_OPEN_FOR_FIGURES
                                                                    : TENURE_WORKSPACE_OPEN_DEFAULT,
                                     &error);
  if (workspace == NULL)
    {
      *status = cli_fail_error (error);
      return NULL;
    }
  if (mode == CLI_OPEN_WRITE && !tenure_workspace_check_writable (workspace, &error))
    {
      *status = cli_fail_error (error);
      return NULL;
    }
  return g_steal_pointer (&workspace);
}

/* Pads @text with spaces to @width characters (not bytes, so that “ü” and
 * “×” line up): on the left when @width is positive, on the right when it
 * is negative. */
char *
cli_pad (const char *text,
         int         width)
{
  glong len = g_utf8_strlen (text, -1);
  int    n = ABS (width);
  GString *out = g_string_new (NULL);

  if (width > 0)
    for (glong i = len; i < n; i++)
      g_string_append_c (out, ' ');
  g_string_append (out, text);
  if (width < 0)
    for (glong i = len; i < n; i++)
      g_string_append_c (out, ' ');
  return g_string_free (out, FALSE);
}

gboolean
cli_stderr_is_terminal (void)
{
  return isatty (STDERR_FILENO);
}

static void
print_help (FILE *out)
{
  fputs (_("Usage: tenure-cli COMMAND WORKSPACE [ARGUMENTS…]\n\n"
           "Account lifecycle analytics on Tenure workspaces.\n\nCommands:\n"), out);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-9s %s\n            %s\n", commands[i].name, commands[i].synopsis,
             _(commands[i].summary));
  fputs (_("\nRun tenure-cli COMMAND --help for a command's options.\n"
           "Exit status: 0 success, 1 error, 2 wrong usage, 3 import rejected rows.\n"), out);
}

int
main (int   argc,
      char *argv[])
{
  const CliCommand *command;
  const char *localedir;

  setlocale (LC_ALL, "");
  /* TENURE_LOCALEDIR lets the tests use the catalogs of the build directory. */
  localedir = g_getenv ("TENURE_LOCALEDIR");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("tenure-cli");

  if (argc < 2)
    {
      print_help (stderr);
      return CLI_USAGE;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_help (stdout);
      return CLI_OK;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      printf ("tenure-cli %s\n", PACKAGE_VERSION);
      return CLI_OK;
    }
  command = cli_find_command (argv[1]);
  if (command == NULL)
    {
      fprintf (stderr, _("tenure-cli: unknown command “%s”\n\n"), argv[1]);
      print_help (stderr);
      return CLI_USAGE;
    }
  return command->run (argc - 1, argv + 1);
}

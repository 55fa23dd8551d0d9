/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <glib/gi18n.h>

#include "tenure-workspace.h"

G_BEGIN_DECLS

/* Exit statuses of CLI.md. */
enum
{
  CLI_OK       = 0,
  CLI_ERROR    = 1,
  CLI_USAGE    = 2,
  CLI_REJECTED = 3,
};

typedef int (*CliCommandFunc) (int argc, char **argv);

typedef struct
{
  const char     *name;
  const char     *synopsis;
  const char     *summary;
  CliCommandFunc  run;
} CliCommand;

/* Prints "tenure-cli: MESSAGE" on stderr and returns CLI_ERROR. */
int               cli_fail       (const char   *format,
                                  ...) G_GNUC_PRINTF (1, 2);
int               cli_fail_error (const GError *error);
/* Prints a usage error with the command's synopsis; returns CLI_USAGE. */
int               cli_usage      (const CliCommand *command,
                                  const char   *format,
                                  ...) G_GNUC_PRINTF (2, 3);

/* Parses @entries; leaves the positional arguments in @argv (without the
 * command name). Returns FALSE with *status set on a usage error. */
gboolean          cli_parse      (const CliCommand *command,
                                  const GOptionEntry *entries,
                                  int          *argc,
                                  char       ***argv,
                                  int           min_args,
                                  int           max_args,
                                  int          *status);

typedef enum
{
  CLI_OPEN_READ,      /* info, check, get: everything about the file */
  CLI_OPEN_WRITE,     /* import, undo, set: refused when read-only */
  CLI_OPEN_FIGURES,   /* metrics, accounts, value, chart, report */
} CliOpen;

TenureWorkspace  *cli_open       (const char   *path,
                                  CliOpen       mode,
                                  int          *status);

/* @text padded to |@width| characters: right-aligned when @width > 0. */
char             *cli_pad        (const char   *text,
                                  int           width);

/* Whether stderr is a terminal (progress is shown only then). */
gboolean          cli_stderr_is_terminal (void);

const CliCommand *cli_find_command (const char *name);

/* The commands, one function each. */
int cli_new      (int argc, char **argv);
int cli_info     (int argc, char **argv);
int cli_check    (int argc, char **argv);
int cli_set      (int argc, char **argv);
int cli_get      (int argc, char **argv);
int cli_import   (int argc, char **argv);
int cli_undo     (int argc, char **argv);
int cli_metrics  (int argc, char **argv);
int cli_accounts (int argc, char **argv);
int cli_value    (int argc, char **argv);
int cli_chart    (int argc, char **argv);
int cli_report   (int argc, char **argv);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define TENURE_SETTINGS_ERROR (tenure_settings_error_quark ())

typedef enum
{
  TENURE_SETTINGS_ERROR_UNKNOWN_KEY,
  TENURE_SETTINGS_ERROR_INVALID_VALUE,
} TenureSettingsError;

GQuark        tenure_settings_error_quark   (void);

/* The keys of CLI.md, in their documented order, NULL-terminated. */
const char *const *tenure_settings_keys     (void);
gboolean      tenure_settings_is_key        (const char  *key);
const char   *tenure_settings_default       (const char  *key);
/* One line saying what the key accepts, for messages and --help. */
const char   *tenure_settings_describe      (const char  *key);

/* Checks @value for @key and returns it normalised (for example "0.50" stays
 * as typed, "TRUE" becomes "true", stages JSON is re-serialised), or NULL with
 * an error that names the key and what it accepts. */
char         *tenure_settings_validate      (const char  *key,
                                             const char  *value,
                                             GError     **error);

/* Reads a setting from an open workspace connection, falling back to the
 * default when the row is missing. Never NULL for a known key. */
char         *tenure_settings_read          (sqlite3     *db,
                                             const char  *key);
double        tenure_settings_read_double   (sqlite3     *db,
                                             const char  *key);
gint64        tenure_settings_read_int      (sqlite3     *db,
                                             const char  *key);
gboolean      tenure_settings_read_bool     (sqlite3     *db,
                                             const char  *key);

/* Journey stages as the `stages` setting holds them. */
typedef struct
{
  char   *name;
  gint64  min_mrr;    /* minor units; -1 when there is no bound */
} TenureStageSpec;

/* Parses the stages JSON ([{"name": "Onboarding", "min_mrr": null}, …]);
 * returns an array of TenureStageSpec (with a clear function) or NULL. */
GArray       *tenure_settings_parse_stages  (const char  *json,
                                             GError     **error);
char         *tenure_settings_format_stages (GArray      *stages);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A small streaming JSON writer. Commas and indentation are handled for the
 * caller; keys are set with tenure_json_key() before a value inside an object.
 * Doubles that are not finite are written as null: JSON has no NaN. */
typedef struct _TenureJson TenureJson;

TenureJson *tenure_json_new          (gboolean    pretty);
void        tenure_json_free         (TenureJson *json);
char       *tenure_json_free_to_string (TenureJson *json);
const char *tenure_json_peek         (TenureJson *json);

void        tenure_json_begin_object (TenureJson *json);
void        tenure_json_end_object   (TenureJson *json);
void        tenure_json_begin_array  (TenureJson *json);
void        tenure_json_end_array    (TenureJson *json);
void        tenure_json_key          (TenureJson *json,
                                      const char *key);
void        tenure_json_string       (TenureJson *json,
                                      const char *value);
void        tenure_json_int          (TenureJson *json,
                                      gint64      value);
void        tenure_json_double       (TenureJson *json,
                                      double      value);
void        tenure_json_double_prec  (TenureJson *json,
                                      double      value,
                                      int         significant);
void        tenure_json_bool         (TenureJson *json,
                                      gboolean    value);
void        tenure_json_null         (TenureJson *json);
void        tenure_json_raw          (TenureJson *json,
                                      const char *raw);

/* Shorthands for "key": value inside an object. */
void tenure_json_member_string (TenureJson *json, const char *key, const char *value);
void tenure_json_member_int    (TenureJson *json, const char *key, gint64 value);
void tenure_json_member_double (TenureJson *json, const char *key, double value);
void tenure_json_member_bool   (TenureJson *json, const char *key, gboolean value);
void tenure_json_member_null   (TenureJson *json, const char *key);

/* Escapes @str as a JSON string literal (with the quotes) onto @out. */
void tenure_json_escape (GString *out, const char *str);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TenureJson, tenure_json_free)

G_END_DECLS

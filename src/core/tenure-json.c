/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-json"

#include "config.h"

#include <math.h>
#include <string.h>

#include "tenure-json.h"

struct _TenureJson
{
  GString  *out;
  GArray   *counts;   /* members written so far, one entry per open container */
  gboolean  pretty;
  gboolean  after_key;
};

TenureJson *
tenure_json_new (gboolean pretty)
{
  TenureJson *json = g_new0 (TenureJson, 1);

  json->out = g_string_new (NULL);
  json->counts = g_array_new (FALSE, TRUE, sizeof (guint));
  json->pretty = pretty;
  return json;
}

void
tenure_json_free (TenureJson *json)
{
  if (json == NULL)
    return;
  g_string_free (json->out, TRUE);
  g_array_unref (json->counts);
  g_free (json);
}

char *
tenure_json_free_to_string (TenureJson *json)
{
  char *str;

  g_return_val_if_fail (json != NULL, NULL);

  if (json->pretty)
    g_string_append_c (json->out, '\n');
  str = g_string_free (g_steal_pointer (&json->out), FALSE);
  g_array_unref (json->counts);
  g_free (json);
  return str;
}

const char *
tenure_json_peek (TenureJson *json)
{
  return json->out->str;
}

static void
newline (TenureJson *json)
{
  static const char spaces[] = "\n                                ";
  gsize indent;

  if (!json->pretty)
    return;
  /* A newline and two spaces per open container, in as few appends. */
  indent = 2 * (gsize) json->counts->len;
  g_string_append_len (json->out, spaces, 1 + MIN (indent, sizeof spaces - 2));
  for (indent -= MIN (indent, sizeof spaces - 2); indent > 0; indent -= MIN (indent, sizeof spaces - 2))
    g_string_append_len (json->out, spaces + 1, MIN (indent, sizeof spaces - 2));
}

/* Called before every value: writes the separator that precedes it. */
static void
before_value (TenureJson *json)
{
  guint *count;

  if (json->after_key)
    {
      json->after_key = FALSE;
      return;
    }
  if (json->counts->len == 0)
    return;
  count = &g_array_index (json->counts, guint, json->counts->len - 1);
  if (*count > 0)
    g_string_append_c (json->out, ',');
  (*count)++;
  newline (json);
}

void
tenure_json_escape (GString    *out,
                    const char *str)
{
  g_string_append_c (out, '"');
  for (const char *p = str; p != NULL && *p != '\0'; p++)
    {
      guchar c = (guchar) *p;
      const char *run = p;

      /* Most text needs no escape: append it a run at a time. */
      while (c >= 0x20 && c != '"' && c != '\\')
        c = (guchar) *++p;
      if (p > run)
        g_string_append_len (out, run, p - run);
      if (c == '\0')
        break;

      switch (c)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
        }
    }
  g_string_append_c (out, '"');
}

static void
open_container (TenureJson *json,
                char        bracket)
{
  guint zero = 0;

  before_value (json);
  g_string_append_c (json->out, bracket);
  g_array_append_val (json->counts, zero);
}

static void
close_container (TenureJson *json,
                 char        bracket)
{
  guint count;

  g_return_if_fail (json->counts->len > 0);

  count = g_array_index (json->counts, guint, json->counts->len - 1);
  g_array_set_size (json->counts, json->counts->len - 1);
  if (count > 0)
    newline (json);
  g_string_append_c (json->out, bracket);
}

void tenure_json_begin_object (TenureJson *json) { open_container (json, '{'); }
void tenure_json_end_object (TenureJson *json) { close_container (json, '}'); }
void tenure_json_begin_array (TenureJson *json) { open_container (json, '['); }
void tenure_json_end_array (TenureJson *json) { close_container (json, ']'); }

void
tenure_json_key (TenureJson *json,
                 const char *key)
{
  g_return_if_fail (json != NULL && key != NULL);

  before_value (json);
  tenure_json_escape (json->out, key);
  g_string_append (json->out, json->pretty ? ": " : ":");
  json->after_key = TRUE;
}

void
tenure_json_string (TenureJson *json,
                    const char *value)
{
  before_value (json);
  if (value == NULL)
    g_string_append (json->out, "null");
  else
    tenure_json_escape (json->out, value);
}

void
tenure_json_int (TenureJson *json,
                 gint64      value)
{
  char buf[24], *p = buf + sizeof buf;
  guint64 magnitude = value < 0 ? -(guint64) value : (guint64) value;

  before_value (json);
  /* Digits from the end: printf is a large share of writing many numbers. */
  do
    *--p = (char) ('0' + magnitude % 10);
  while ((magnitude /= 10) != 0);
  if (value < 0)
    *--p = '-';
  g_string_append_len (json->out, p, buf + sizeof buf - p);
}

void
tenure_json_double_prec (TenureJson *json,
                         double      value,
                         int         significant)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char fmt[8];

  before_value (json);
  if (!isfinite (value))
    {
      g_string_append (json->out, "null");
      return;
    }
  g_snprintf (fmt, sizeof fmt, "%%.%dg", CLAMP (significant, 1, 17));
  /* g_ascii_formatd: a decimal point whatever the locale. */
  g_ascii_formatd (buf, sizeof buf, fmt, value);
  g_string_append (json->out, buf);
  /* Keep doubles recognisable as such: 1 becomes 1.0. */
  if (strpbrk (buf, ".eEn") == NULL)
    g_string_append (json->out, ".0");
}

void
tenure_json_double (TenureJson *json,
                    double      value)
{
  tenure_json_double_prec (json, value, 15);
}

void
tenure_json_bool (TenureJson *json,
                  gboolean    value)
{
  before_value (json);
  g_string_append (json->out, value ? "true" : "false");
}

void
tenure_json_null (TenureJson *json)
{
  before_value (json);
  g_string_append (json->out, "null");
}

void
tenure_json_raw (TenureJson *json,
                 const char *raw)
{
  before_value (json);
  g_string_append (json->out, raw);
}

void
tenure_json_member_string (TenureJson *json, const char *key, const char *value)
{
  tenure_json_key (json, key);
  tenure_json_string (json, value);
}

void
tenure_json_member_int (TenureJson *json, const char *key, gint64 value)
{
  tenure_json_key (json, key);
  tenure_json_int (json, value);
}

void
tenure_json_member_double (TenureJson *json, const char *key, double value)
{
  tenure_json_key (json, key);
  tenure_json_double (json, value);
}

void
tenure_json_member_bool (TenureJson *json, const char *key, gboolean value)
{
  tenure_json_key (json, key);
  tenure_json_bool (json, value);
}

void
tenure_json_member_null (TenureJson *json, const char *key)
{
  tenure_json_key (json, key);
  tenure_json_null (json);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-settings"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <math.h>
#include <string.h>

#include "tenure-json.h"
#include "tenure-settings.h"

G_DEFINE_QUARK (tenure-settings-error-quark, tenure_settings_error)

typedef enum
{
  KIND_ENUM,
  KIND_INT,
  KIND_FRACTION,
  KIND_POSITIVE,
  KIND_BOOL,
  KIND_CURRENCY,
  KIND_STAGES,
} Kind;

typedef struct
{
  const char  *key;
  Kind         kind;
  const char  *fallback;
  const char  *accepts;
  const char  *choices;   /* KIND_ENUM: '|'-separated */
  gint64       min;       /* KIND_INT */
  gint64       max;
} Spec;

#define DEFAULT_STAGES \
  "[{\"name\":\"Onboarding\",\"min_mrr\":null},{\"name\":\"Launched\",\"min_mrr\":null}," \
  "{\"name\":\"ROI Generated\",\"min_mrr\":null},{\"name\":\"ROI Recognized\",\"min_mrr\":null}," \
  "{\"name\":\"Monetized\",\"min_mrr\":null},{\"name\":\"Strategic Partner\",\"min_mrr\":null}]"

static const Spec specs[] = {
  { "churn-rule", KIND_ENUM, "auto", N_("one of auto, contract, inactivity, explicit"),
    "auto|contract|inactivity|explicit", 0, 0 },
  { "inactivity-days", KIND_INT, "365", N_("a whole number of days, at least 1"), NULL, 1, 100000 },
  { "currency", KIND_CURRENCY, "USD", N_("an ISO 4217 currency code such as USD or EUR"), NULL, 0, 0 },
  { "fiscal-year-start", KIND_INT, "1", N_("the month the fiscal year starts, 1 to 12"), NULL, 1, 12 },
  { "gross-margin", KIND_FRACTION, "1", N_("a fraction from 0 to 1, such as 0.8"), NULL, 0, 0 },
  { "discount-rate", KIND_FRACTION, "0.1", N_("an annual rate from 0 to 1, such as 0.1"), NULL, 0, 0 },
  { "value-horizon", KIND_INT, "36", N_("a whole number of months, at least 1"), NULL, 1, 1200 },
  { "quick-ratio-benchmark", KIND_POSITIVE, "4", N_("a number greater than 0"), NULL, 0, 0 },
  { "quick-ratio-reactivation", KIND_BOOL, "false", N_("true or false"), NULL, 0, 0 },
  { "score-flag-threshold", KIND_POSITIVE, "4", N_("a score from 0 to 10"), NULL, 0, 10 },
  { "utilisation-threshold", KIND_FRACTION, "0.7", N_("a fraction from 0 to 1"), NULL, 0, 0 },
  { "interaction-gap-days", KIND_INT, "30", N_("a whole number of days, at least 1"), NULL, 1, 100000 },
  { "stages", KIND_STAGES, DEFAULT_STAGES,
    N_("a JSON array of stages such as [{\"name\": \"Onboarding\", \"min_mrr\": null}, …] "
    "with unique, non-empty names and min_mrr in minor units or null"), NULL, 0, 0 },
  { "stage-source", KIND_ENUM, "events", N_("one of events, mrr-bands"), "events|mrr-bands", 0, 0 },
};

static const Spec *
find_spec (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    if (g_strcmp0 (specs[i].key, key) == 0)
      return &specs[i];
  return NULL;
}

const char *const *
tenure_settings_keys (void)
{
  static const char *keys[G_N_ELEMENTS (specs) + 1];

  if (keys[0] == NULL)
    for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
      keys[i] = specs[i].key;
  return keys;
}

gboolean
tenure_settings_is_key (const char *key)
{
  return find_spec (key) != NULL;
}

const char *
tenure_settings_default (const char *key)
{
  const Spec *spec = find_spec (key);

  g_return_val_if_fail (spec != NULL, NULL);
  return spec->fallback;
}

const char *
tenure_settings_describe (const char *key)
{
  const Spec *spec = find_spec (key);

  g_return_val_if_fail (spec != NULL, NULL);
  return _(spec->accepts);
}

/* Strict number parsing: the whole string, C locale, finite. */
static gboolean
parse_double (const char *text,
              double     *out)
{
  char *end = NULL;
  double v;

  if (text == NULL || *text == '\0' || g_ascii_isspace (*text))
    return FALSE;
  v = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (v))
    return FALSE;
  *out = v;
  return TRUE;
}

static void
stage_spec_clear (gpointer data)
{
  TenureStageSpec *spec = data;

  g_clear_pointer (&spec->name, g_free);
}

/* A parser just large enough for the stages setting: an array of flat
 * objects whose values are strings, integers or null. */
typedef struct
{
  const char *p;
} Scanner;

static void
skip_ws (Scanner *s)
{
  while (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r')
    s->p++;
}

static char *
scan_string (Scanner *s)
{
  GString *str;

  if (*s->p != '"')
    return NULL;
  s->p++;
  str = g_string_new (NULL);
  while (*s->p != '"')
    {
      if (*s->p == '\0' || (guchar) *s->p < 0x20)
        goto fail;
      if (*s->p == '\\')
        {
          s->p++;
          switch (*s->p)
            {
            case '"': g_string_append_c (str, '"'); break;
            case '\\': g_string_append_c (str, '\\'); break;
            case '/': g_string_append_c (str, '/'); break;
            case 'n': g_string_append_c (str, '\n'); break;
            case 't': g_string_append_c (str, '\t'); break;
            case 'u':
              {
                char hex[5] = { 0 };
                gunichar c;

                for (int i = 0; i < 4; i++)
                  {
                    if (!g_ascii_isxdigit (s->p[1 + i]))
                      goto fail;
                    hex[i] = s->p[1 + i];
                  }
                c = (gunichar) g_ascii_strtoull (hex, NULL, 16);
                if (c == 0 || (c >= 0xD800 && c <= 0xDFFF))
                  goto fail;
                g_string_append_unichar (str, c);
                s->p += 4;
                break;
              }
            default:
              goto fail;
            }
          s->p++;
          continue;
        }
      g_string_append_c (str, *s->p);
      s->p++;
    }
  s->p++;
  if (!g_utf8_validate (str->str, -1, NULL))
    goto fail;
  return g_string_free (str, FALSE);

fail:
  g_string_free (str, TRUE);
  return NULL;
}

GArray *
tenure_settings_parse_stages (const char  *json,
                              GError     **error)
{
  g_autoptr(GArray) stages = g_array_new (FALSE, TRUE, sizeof (TenureStageSpec));
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Scanner s = { json };

  g_array_set_clear_func (stages, stage_spec_clear);

#define FAIL(...) G_STMT_START { \
    g_set_error (error, TENURE_SETTINGS_ERROR, TENURE_SETTINGS_ERROR_INVALID_VALUE, __VA_ARGS__); \
    return NULL; } G_STMT_END

  if (json == NULL)
    FAIL (_("stages: expected a JSON array"));
  skip_ws (&s);
  if (*s.p++ != '[')
    FAIL (_("stages: expected a JSON array such as [{\"name\": \"Onboarding\", \"min_mrr\": null}]"));
  skip_ws (&s);
  if (*s.p == ']')
    FAIL (_("stages: at least one stage is needed"));
  for (;;)
    {
      TenureStageSpec spec = { NULL, -1 };

      skip_ws (&s);
      if (*s.p++ != '{')
        FAIL (_("stages: stage %u is not an object"), stages->len + 1);
      skip_ws (&s);
      while (*s.p != '}')
        {
          g_autofree char *key = scan_string (&s);

          if (key == NULL)
            {
              g_free (spec.name);
              FAIL (_("stages: stage %u has a malformed member name"), stages->len + 1);
            }
          skip_ws (&s);
          if (*s.p++ != ':')
            {
              g_free (spec.name);
              FAIL (_("stages: expected ':' after \"%s\""), key);
            }
          skip_ws (&s);
          if (g_str_equal (key, "name"))
            {
              g_free (spec.name);
              spec.name = scan_string (&s);
              if (spec.name == NULL)
                FAIL (_("stages: the name of stage %u must be a string"), stages->len + 1);
            }
          else if (g_str_equal (key, "min_mrr"))
            {
              if (strncmp (s.p, "null", 4) == 0)
                {
                  spec.min_mrr = -1;
                  s.p += 4;
                }
              else
                {
                  char *end = NULL;
                  gint64 v = g_ascii_strtoll (s.p, &end, 10);

                  if (end == s.p || v < 0 || *end == '.' || *end == 'e' || *end == 'E')
                    {
                      g_free (spec.name);
                      FAIL (_("stages: min_mrr of stage %u must be null or a whole number of minor units ≥ 0"),
                            stages->len + 1);
                    }
                  spec.min_mrr = v;
                  s.p = end;
                }
            }
          else
            {
              g_free (spec.name);
              FAIL (_("stages: unknown member \"%s\" (a stage has name and min_mrr)"), key);
            }
          skip_ws (&s);
          if (*s.p == ',')
            {
              s.p++;
              skip_ws (&s);
            }
          else if (*s.p != '}')
            {
              g_free (spec.name);
              FAIL (_("stages: expected ',' or '}' in stage %u"), stages->len + 1);
            }
        }
      s.p++;
      if (spec.name == NULL || *g_strstrip (spec.name) == '\0')
        {
          g_free (spec.name);
          FAIL (_("stages: stage %u has no name"), stages->len + 1);
        }
      if (g_hash_table_contains (seen, spec.name))
        {
          g_autofree char *name = spec.name;
          FAIL (_("stages: the name \"%s\" is used twice"), name);
        }
      g_hash_table_add (seen, g_strdup (spec.name));
      g_array_append_val (stages, spec);
      skip_ws (&s);
      if (*s.p == ',')
        {
          s.p++;
          continue;
        }
      if (*s.p == ']')
        break;
      FAIL (_("stages: expected ',' or ']' after stage %u"), stages->len);
    }
  s.p++;
  skip_ws (&s);
  if (*s.p != '\0')
    FAIL (_("stages: unexpected text after the array"));
#undef FAIL

  return g_steal_pointer (&stages);
}

char *
tenure_settings_format_stages (GArray *stages)
{
  g_autoptr(TenureJson) json = tenure_json_new (FALSE);

  tenure_json_begin_array (json);
  for (guint i = 0; i < stages->len; i++)
    {
      const TenureStageSpec *spec = &g_array_index (stages, TenureStageSpec, i);

      tenure_json_begin_object (json);
      tenure_json_member_string (json, "name", spec->name);
      if (spec->min_mrr < 0)
        tenure_json_member_null (json, "min_mrr");
      else
        tenure_json_member_int (json, "min_mrr", spec->min_mrr);
      tenure_json_end_object (json);
    }
  tenure_json_end_array (json);
  return tenure_json_free_to_string (g_steal_pointer (&json));
}

char *
tenure_settings_validate (const char  *key,
                          const char  *value,
                          GError     **error)
{
  const Spec *spec = find_spec (key);
  double d;

  if (spec == NULL)
    {
      g_autofree char *all = g_strjoinv (", ", (char **) tenure_settings_keys ());

      g_set_error (error, TENURE_SETTINGS_ERROR, TENURE_SETTINGS_ERROR_UNKNOWN_KEY,
                   _("Unknown setting “%s”: the settings are %s"), key, all);
      return NULL;
    }
  if (value == NULL)
    value = "";

#define INVALID() G_STMT_START { \
    g_set_error (error, TENURE_SETTINGS_ERROR, TENURE_SETTINGS_ERROR_INVALID_VALUE, \
                 _("Setting %s: “%s” is not valid; it takes %s"), key, value, _(spec->accepts)); \
    return NULL; } G_STMT_END

  switch (spec->kind)
    {
    case KIND_ENUM:
      {
        g_auto(GStrv) choices = g_strsplit (spec->choices, "|", -1);

        if (!g_strv_contains ((const char *const *) choices, value))
          INVALID ();
        return g_strdup (value);
      }

    case KIND_INT:
      {
        gint64 v;

        if (!g_ascii_string_to_signed (value, 10, spec->min, spec->max, &v, NULL))
          INVALID ();
        return g_strdup_printf ("%" G_GINT64_FORMAT, v);
      }

    case KIND_FRACTION:
      if (!parse_double (value, &d) || d < 0 || d > 1)
        INVALID ();
      return g_strdup (value);

    case KIND_POSITIVE:
      if (!parse_double (value, &d) || d <= 0 || (spec->max > 0 && d > spec->max))
        {
          /* The flag threshold may be 0 (flag nothing); the benchmark may not. */
          if (!(spec->max > 0 && parse_double (value, &d) && d == 0))
            INVALID ();
        }
      return g_strdup (value);

    case KIND_BOOL:
      if (g_ascii_strcasecmp (value, "true") == 0)
        return g_strdup ("true");
      if (g_ascii_strcasecmp (value, "false") == 0)
        return g_strdup ("false");
      INVALID ();

    case KIND_CURRENCY:
      if (strlen (value) != 3 || !g_ascii_isalpha (value[0]) || !g_ascii_isalpha (value[1]) ||
          !g_ascii_isalpha (value[2]))
        INVALID ();
      return g_ascii_strup (value, -1);

    case KIND_STAGES:
      {
        g_autoptr(GArray) stages = tenure_settings_parse_stages (value, error);

        if (stages == NULL)
          return NULL;
        return tenure_settings_format_stages (stages);
      }

    default:
      g_assert_not_reached ();
    }
#undef INVALID
}

static char *
read_stages (sqlite3 *db)
{
  g_autoptr(GArray) stages = g_array_new (FALSE, TRUE, sizeof (TenureStageSpec));
  sqlite3_stmt *stmt = NULL;

  g_array_set_clear_func (stages, stage_spec_clear);
  if (sqlite3_prepare_v2 (db, "SELECT name, min_mrr FROM journey_stage ORDER BY position",
                          -1, &stmt, NULL) != SQLITE_OK)
    return g_strdup (DEFAULT_STAGES);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      TenureStageSpec spec;

      spec.name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      spec.min_mrr = sqlite3_column_type (stmt, 1) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 1);
      g_array_append_val (stages, spec);
    }
  sqlite3_finalize (stmt);
  if (stages->len == 0)
    return g_strdup (DEFAULT_STAGES);
  return tenure_settings_format_stages (stages);
}

char *
tenure_settings_read (sqlite3    *db,
                      const char *key)
{
  const Spec *spec = find_spec (key);
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_return_val_if_fail (spec != NULL, NULL);

  /* Stages live in the journey_stage table, which events refer to. */
  if (spec->kind == KIND_STAGES)
    return read_stages (db);

  if (db != NULL &&
      sqlite3_prepare_v2 (db, "SELECT value FROM setting WHERE key = ?", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_autofree char *stored = g_strdup ((const char *) sqlite3_column_text (stmt, 0));

          /* A value a hand-edited file got wrong is read as the default. */
          value = tenure_settings_validate (key, stored, NULL);
          if (value == NULL)
            g_debug ("Setting %s holds “%s”, which is not valid; using %s", key, stored,
                       spec->fallback);
        }
      sqlite3_finalize (stmt);
    }
  return value ? value : g_strdup (spec->fallback);
}

double
tenure_settings_read_double (sqlite3    *db,
                             const char *key)
{
  g_autofree char *value = tenure_settings_read (db, key);

  return g_ascii_strtod (value, NULL);
}

gint64
tenure_settings_read_int (sqlite3    *db,
                          const char *key)
{
  g_autofree char *value = tenure_settings_read (db, key);

  return g_ascii_strtoll (value, NULL, 10);
}

gboolean
tenure_settings_read_bool (sqlite3    *db,
                           const char *key)
{
  g_autofree char *value = tenure_settings_read (db, key);

  return g_strcmp0 (value, "true") == 0;
}

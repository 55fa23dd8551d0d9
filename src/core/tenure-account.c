/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-account"

#include "config.h"

#include <math.h>

#include "tenure-account.h"

/* One account as the views show it: its attributes from the workspace and
 * its figures at the report date from the metrics engine. Setters notify
 * only when the value really changed, so a recomputation that changes one
 * account's MRR redraws one row. */

struct _TenureAccount
{
  GObject  parent_instance;

  char    *key;
  char    *name;
  char    *segment;
  char    *owner;
  char    *region;
  char    *stage;
  char    *originated_on;
  char    *churned_on;
  char    *at_risk_reasons;
  char    *last_touch;
  gint64   mrr;
  double   overall_score;  /* NaN when the account has no score */
  int      account_type;   /* 1–4, 0 when not set */
  int      tenure_months;
  gboolean active;
};

enum {
  PROP_0,
  PROP_KEY,
  PROP_NAME,
  PROP_SEGMENT,
  PROP_OWNER,
  PROP_ACCOUNT_TYPE,
  PROP_REGION,
  PROP_STAGE,
  PROP_MRR,
  PROP_ARR,
  PROP_ORIGINATED_ON,
  PROP_CHURNED_ON,
  PROP_OVERALL_SCORE,
  PROP_AT_RISK,
  PROP_AT_RISK_REASONS,
  PROP_LAST_TOUCH,
  PROP_ACTIVE,
  PROP_TENURE_MONTHS,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (TenureAccount, tenure_account, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static gboolean
set_string (TenureAccount  *self,
            char          **field,
            const char     *value,
            guint           prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
  return TRUE;
}

static void
tenure_account_finalize (GObject *object)
{
  TenureAccount *self = (TenureAccount *) object;

  g_clear_pointer (&self->key, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->segment, g_free);
  g_clear_pointer (&self->owner, g_free);
  g_clear_pointer (&self->region, g_free);
  g_clear_pointer (&self->stage, g_free);
  g_clear_pointer (&self->originated_on, g_free);
  g_clear_pointer (&self->churned_on, g_free);
  g_clear_pointer (&self->at_risk_reasons, g_free);
  g_clear_pointer (&self->last_touch, g_free);

  G_OBJECT_CLASS (tenure_account_parent_class)->finalize (object);
}

static void
tenure_account_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TenureAccount *self = TENURE_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_string (value, tenure_account_get_key (self));
      break;
    case PROP_NAME:
      g_value_set_string (value, tenure_account_get_name (self));
      break;
    case PROP_SEGMENT:
      g_value_set_string (value, tenure_account_get_segment (self));
      break;
    case PROP_OWNER:
      g_value_set_string (value, tenure_account_get_owner (self));
      break;
    case PROP_ACCOUNT_TYPE:
      g_value_set_int (value, tenure_account_get_account_type (self));
      break;
    case PROP_REGION:
      g_value_set_string (value, tenure_account_get_region (self));
      break;
    case PROP_STAGE:
      g_value_set_string (value, tenure_account_get_stage (self));
      break;
    case PROP_MRR:
      g_value_set_int64 (value, tenure_account_get_mrr (self));
      break;
    case PROP_ARR:
      g_value_set_int64 (value, tenure_account_get_arr (self));
      break;
    case PROP_ORIGINATED_ON:
      g_value_set_string (value, tenure_account_get_originated_on (self));
      break;
    case PROP_CHURNED_ON:
      g_value_set_string (value, tenure_account_get_churned_on (self));
      break;
    case PROP_OVERALL_SCORE:
      g_value_set_double (value, tenure_account_get_overall_score (self));
      break;
    case PROP_AT_RISK:
      g_value_set_boolean (value, tenure_account_get_at_risk (self));
      break;
    case PROP_AT_RISK_REASONS:
      g_value_set_string (value, tenure_account_get_at_risk_reasons (self));
      break;
    case PROP_LAST_TOUCH:
      g_value_set_string (value, tenure_account_get_last_touch (self));
      break;
    case PROP_ACTIVE:
      g_value_set_boolean (value, tenure_account_get_active (self));
      break;
    case PROP_TENURE_MONTHS:
      g_value_set_int (value, tenure_account_get_tenure_months (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tenure_account_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TenureAccount *self = TENURE_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_KEY:
      self->key = g_value_dup_string (value);
      break;
    case PROP_NAME:
      tenure_account_set_name (self, g_value_get_string (value));
      break;
    case PROP_SEGMENT:
      tenure_account_set_segment (self, g_value_get_string (value));
      break;
    case PROP_OWNER:
      tenure_account_set_owner (self, g_value_get_string (value));
      break;
    case PROP_ACCOUNT_TYPE:
      tenure_account_set_account_type (self, g_value_get_int (value));
      break;
    case PROP_REGION:
      tenure_account_set_region (self, g_value_get_string (value));
      break;
    case PROP_STAGE:
      tenure_account_set_stage (self, g_value_get_string (value));
      break;
    case PROP_MRR:
      tenure_account_set_mrr (self, g_value_get_int64 (value));
      break;
    case PROP_ORIGINATED_ON:
      tenure_account_set_originated_on (self, g_value_get_string (value));
      break;
    case PROP_CHURNED_ON:
      tenure_account_set_churned_on (self, g_value_get_string (value));
      break;
    case PROP_OVERALL_SCORE:
      tenure_account_set_overall_score (self, g_value_get_double (value));
      break;
    case PROP_AT_RISK_REASONS:
      tenure_account_set_at_risk_reasons (self, g_value_get_string (value));
      break;
    case PROP_LAST_TOUCH:
      tenure_account_set_last_touch (self, g_value_get_string (value));
      break;
    case PROP_ACTIVE:
      tenure_account_set_active (self, g_value_get_boolean (value));
      break;
    case PROP_TENURE_MONTHS:
      tenure_account_set_tenure_months (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tenure_account_class_init (TenureAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = tenure_account_finalize;
  object_class->get_property = tenure_account_get_property;
  object_class->set_property = tenure_account_set_property;

  properties[PROP_KEY] =
    g_param_spec_string ("key", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_SEGMENT] =
    g_param_spec_string ("segment", NULL, NULL, NULL, flags);
  properties[PROP_OWNER] =
    g_param_spec_string ("owner", NULL, NULL, NULL, flags);
  properties[PROP_ACCOUNT_TYPE] =
    g_param_spec_int ("account-type", NULL, NULL, 0, 4, 0, flags);
  properties[PROP_REGION] =
    g_param_spec_string ("region", NULL, NULL, NULL, flags);
  properties[PROP_STAGE] =
    g_param_spec_string ("stage", NULL, NULL, NULL, flags);
  properties[PROP_MRR] =
    g_param_spec_int64 ("mrr", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_ARR] =
    g_param_spec_int64 ("arr", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_ORIGINATED_ON] =
    g_param_spec_string ("originated-on", NULL, NULL, NULL, flags);
  properties[PROP_CHURNED_ON] =
    g_param_spec_string ("churned-on", NULL, NULL, NULL, flags);
  properties[PROP_OVERALL_SCORE] =
    g_param_spec_double ("overall-score", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.0, flags);
  properties[PROP_AT_RISK] =
    g_param_spec_boolean ("at-risk", NULL, NULL, FALSE, ro);
  properties[PROP_AT_RISK_REASONS] =
    g_param_spec_string ("at-risk-reasons", NULL, NULL, NULL, flags);
  properties[PROP_LAST_TOUCH] =
    g_param_spec_string ("last-touch", NULL, NULL, NULL, flags);
  properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, FALSE, flags);
  properties[PROP_TENURE_MONTHS] =
    g_param_spec_int ("tenure-months", NULL, NULL, 0, G_MAXINT, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tenure_account_init (TenureAccount *self)
{
  self->overall_score = NAN;
}

/**
 * tenure_account_new:
 * @key: the account's key, unique in its workspace
 *
 * Returns: (transfer full): a new account
 */
TenureAccount *
tenure_account_new (const char *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  return g_object_new (TENURE_TYPE_ACCOUNT, "key", key, NULL);
}

const char *
tenure_account_get_key (TenureAccount *self)
{
  g_return_val_if_fail (TENURE_IS_ACCOUNT (self), NULL);
  return self->key;
}

const char *
tenure_account_get_name (TenureAccount *self)
{
  g_return_val_if_fail (TENURE_IS_ACCOUNT (self), NULL);
  return self->name;
}

void
tenure_account_set_name (TenureAccount *self,
                         const char *value)
{
  g_return_if_fail (TENURE_IS_ACCOUNT (self));

  set_string (self, &self->name, value, PROP_NAME);
}

const char *
tenure_account_get_segment (TenureAccount *self)
{
  g_return_val_if_fail (TENURE_IS_ACCOUNT (self), NULL);
  return self->segment;
}

void
tenure_account_set_segment (TenureAccount *self,
                            const char *value)
{
  g_return_if_fail (TENURE_IS_ACCOUNT (self));

  set_string (self, &self->segment, value, PROP_SEGMENT);
}

const char *
tenure_account_get_owner (TenureAccount *self)
{
  g_return_val_if_fail (TENURE_IS_ACCOUNT (self), NULL);
  return self->owner;
}

void
tenure_account_set_owner (TenureAccount *self,
                          const char *value)
{
  g_return_if_fail (TENURE_IS_ACCOUNT (self));

  set_string (self, &self->owner, value, PROP_OWNER);
}

int
tenure_account_get_account_type (TenureAccount *self)
{
  g_return_val_if_fail (TENURE_IS_ACCOUNT (self), 0);
  return self->account_type;
}

void
tenure_account_set_account_type (TenureAccount *self,
                                 int value)
{
  g_return_if_fail (TENURE_IS_ACCOUNT (self));

  if (self->account_type == value)
    return;
  self->account_type = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT_TYPE]);
}

const char *
tenure_account_get_region (TenureAccount *self)
{
  g_return_val_if_fail (TENURE_IS_ACCOUNT (self), NULL);
  return self->region;
}

void
tenure_account_set_region (TenureAccount *self,
                           const char *value)
{
  g_return_if_fail (TENURE_IS_ACCOUNT (self));

  set_string (self, &self->region, value, PROP_REGION);
}

const char *
tenure_account_get_stage (TenureAccount *self)
{
  g_return_val_if_fail (TENURE_IS_ACCOUNT (self), NULL);
  return self->stage;
}

void
tenure_account_set_stage (TenureAccount *self,
                          const char *value)
{
  g_return_if_fail (TENURE_IS_ACCOUNT (self));

  set_string (self, &self->stage, value, PROP_STAGE);
}

gint64
tenure_account_get_mrr (TenureAccount *self)
{
  g_return_val_if_fail (TENURE_IS_ACCOUNT (self), 0);
  return self->mrr;
}

void
tenure_account_set_mrr (TenureAccount *self,
                        gint64 value)
{
  g_return_if_fail (TENURE_IS_ACCOUNT (self));

  if (self->mrr == value)
    return;
  self->mrr = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MRR]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARR]);
}

gint64
tenure_account_get_arr (TenureAccount *self)
{
  g_return_val_if_fail (TENURE_IS_ACCOUNT (self), 0);
  return 12 * self->mrr;
}

const char *
tenure_account_get_originated_on (TenureAccount *self)
{
  g_return_val_if_fail (TENURE_IS_ACCOUNT (self), NULL);
  return self->originated_on;
}

void
tenure_account_set_originated_on (TenureAccount *self,
                                  const char *value)
{
  g_return_if_fail (TENURE_IS_ACCOUNT (self));

  set_string (self, &self->originated_on, value, PROP_ORIGINATED_ON);
}

const char *
tenure_account_get_churned_on (TenureAccount *self)
{
  g_return_val_if_fail (TENURE_IS_ACCOUNT (self), NULL);
  return self->churned_on;
}

void
tenure_account_set_churned_on (TenureAccount *self,
                               const char *value)
{
  g_return_if_fail (TENURE_IS_ACCOUNT (self));

  set_string (self, &self->churned_on, value, PROP_CHURNED_ON);
}

double
tenure_account_get_overall_score (TenureAccount *self)
{
  g_return_val_if_fail (TENURE_IS_ACCOUNT (self), NAN);
  return self->overall_score;
}

void
tenure_account_set_overall_score (TenureAccount *self,
                                  double value)
{
  g_return_if_fail (TENURE_IS_ACCOUNT (self));

  /* NaN means "no score": two NaNs are the same value. */
  if (self->overall_score == value || (isnan (self->overall_score) && isnan (value)))
    return;
  self->overall_score = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OVERALL_SCORE]);
}

gboolean
tenure_account_get_at_risk (TenureAccount *self)
{
  g_return_val_if_fail (TENURE_IS_ACCOUNT (self), 0);
  return self->at_risk_reasons != NULL && self->at_risk_reasons[0] != '\0';
}

const char *
tenure_account_get_at_risk_reasons (TenureAccount *self)
{
  g_return_val_if_fail (TENURE_IS_ACCOUNT (self), NULL);
  return self->at_risk_reasons;
}

void
tenure_account_set_at_risk_reasons (TenureAccount *self,
                                    const char *value)
{
  g_return_if_fail (TENURE_IS_ACCOUNT (self));

  {
    gboolean was = tenure_account_get_at_risk (self);

    if (set_string (self, &self->at_risk_reasons, value, PROP_AT_RISK_REASONS) &&
        was != tenure_account_get_at_risk (self))
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AT_RISK]);
  }
}

const char *
tenure_account_get_last_touch (TenureAccount *self)
{
  g_return_val_if_fail (TENURE_IS_ACCOUNT (self), NULL);
  return self->last_touch;
}

void
tenure_account_set_last_touch (TenureAccount *self,
                               const char *value)
{
  g_return_if_fail (TENURE_IS_ACCOUNT (self));

  set_string (self, &self->last_touch, value, PROP_LAST_TOUCH);
}

gboolean
tenure_account_get_active (TenureAccount *self)
{
  g_return_val_if_fail (TENURE_IS_ACCOUNT (self), 0);
  return self->active;
}

void
tenure_account_set_active (TenureAccount *self,
                           gboolean value)
{
  g_return_if_fail (TENURE_IS_ACCOUNT (self));

  if (self->active == value)
    return;
  self->active = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}

int
tenure_account_get_tenure_months (TenureAccount *self)
{
  g_return_val_if_fail (TENURE_IS_ACCOUNT (self), 0);
  return self->tenure_months;
}

void
tenure_account_set_tenure_months (TenureAccount *self,
                                  int value)
{
  g_return_if_fail (TENURE_IS_ACCOUNT (self));

  if (self->tenure_months == value)
    return;
  self->tenure_months = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TENURE_MONTHS]);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-view-state"

#include "config.h"

#include "tenure-view-state.h"

/* What the views of one window have in common: the period grouping, the
 * range of periods shown and the report date. The header's period picker
 * writes it; the views (and the figures) read it and follow its notify. */

struct _TenureViewState
{
  GObject           parent_instance;

  TenurePeriodKind  period_kind;
  char             *from;
  char             *to;
  char             *as_of;
};

G_DEFINE_FINAL_TYPE (TenureViewState, tenure_view_state, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PERIOD_KIND,
  PROP_FROM,
  PROP_TO,
  PROP_AS_OF,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_string (TenureViewState  *self,
            char            **field,
            const char       *value,
            guint             prop)
{
  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
tenure_view_state_finalize (GObject *object)
{
  TenureViewState *self = (TenureViewState *) object;

  g_clear_pointer (&self->from, g_free);
  g_clear_pointer (&self->to, g_free);
  g_clear_pointer (&self->as_of, g_free);

  G_OBJECT_CLASS (tenure_view_state_parent_class)->finalize (object);
}

static void
tenure_view_state_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TenureViewState *self = TENURE_VIEW_STATE (object);

  switch (prop_id)
    {
    case PROP_PERIOD_KIND:
      g_value_set_int (value, self->period_kind);
      break;
    case PROP_FROM:
      g_value_set_string (value, self->from);
      break;
    case PROP_TO:
      g_value_set_string (value, self->to);
      break;
    case PROP_AS_OF:
      g_value_set_string (value, self->as_of);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tenure_view_state_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  TenureViewState *self = TENURE_VIEW_STATE (object);

  switch (prop_id)
    {
    case PROP_PERIOD_KIND:
      tenure_view_state_set_period_kind (self, g_value_get_int (value));
      break;
    case PROP_FROM:
      tenure_view_state_set_from (self, g_value_get_string (value));
      break;
    case PROP_TO:
      tenure_view_state_set_to (self, g_value_get_string (value));
      break;
    case PROP_AS_OF:
      tenure_view_state_set_as_of (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tenure_view_state_class_init (TenureViewStateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tenure_view_state_finalize;
  object_class->get_property = tenure_view_state_get_property;
  object_class->set_property = tenure_view_state_set_property;

  /* An int rather than a registered enum: TenurePeriodKind lives in core,
   * which has no GType registrations of its own. */
  properties[PROP_PERIOD_KIND] =
    g_param_spec_int ("period-kind", NULL, NULL,
                      TENURE_PERIOD_MONTH, TENURE_PERIOD_YEAR, TENURE_PERIOD_MONTH,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FROM] =
    g_param_spec_string ("from", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TO] =
    g_param_spec_string ("to", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AS_OF] =
    g_param_spec_string ("as-of", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tenure_view_state_init (TenureViewState *self)
{
  self->period_kind = TENURE_PERIOD_MONTH;
}

TenureViewState *
tenure_view_state_new (void)
{
  return g_object_new (TENURE_TYPE_VIEW_STATE, NULL);
}

TenurePeriodKind
tenure_view_state_get_period_kind (TenureViewState *self)
{
  g_return_val_if_fail (TENURE_IS_VIEW_STATE (self), TENURE_PERIOD_MONTH);
  return self->period_kind;
}

void
tenure_view_state_set_period_kind (TenureViewState  *self,
                                   TenurePeriodKind  kind)
{
  g_return_if_fail (TENURE_IS_VIEW_STATE (self));
  g_return_if_fail (kind <= TENURE_PERIOD_YEAR);

  if (self->period_kind == kind)
    return;
  self->period_kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERIOD_KIND]);
}

const char *
tenure_view_state_get_from (TenureViewState *self)
{
  g_return_val_if_fail (TENURE_IS_VIEW_STATE (self), NULL);
  return self->from;
}

void
tenure_view_state_set_from (TenureViewState *self,
                            const char      *from)
{
  g_return_if_fail (TENURE_IS_VIEW_STATE (self));
  set_string (self, &self->from, from, PROP_FROM);
}

const char *
tenure_view_state_get_to (TenureViewState *self)
{
  g_return_val_if_fail (TENURE_IS_VIEW_STATE (self), NULL);
  return self->to;
}

void
tenure_view_state_set_to (TenureViewState *self,
                          const char      *to)
{
  g_return_if_fail (TENURE_IS_VIEW_STATE (self));
  set_string (self, &self->to, to, PROP_TO);
}

const char *
tenure_view_state_get_as_of (TenureViewState *self)
{
  g_return_val_if_fail (TENURE_IS_VIEW_STATE (self), NULL);
  return self->as_of;
}

void
tenure_view_state_set_as_of (TenureViewState *self,
                             const char      *as_of)
{
  g_return_if_fail (TENURE_IS_VIEW_STATE (self));
  set_string (self, &self->as_of, as_of, PROP_AS_OF);
}

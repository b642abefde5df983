"""The editors' admin: the shared base classes, the site's titles, and sources.

Every casebase admin builds on `CasebaseModelAdmin` (or `PublishableAdmin` for records
of fact) and the inline classes here, so that list-valued JSON fields get the
one-item-per-line widget, choice lists load their related rows in one query, and
every control has an accessible name (a table cell's names its column and row).

The admin forms in these modules have no `Meta`: each `ModelAdmin` supplies the model,
and the fields from its fieldsets, when it builds the form.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin import widgets as admin_widgets
from django.contrib.admin.exceptions import NotRegistered
from django.db import models
from django.forms.models import BaseInlineFormSet, BaseModelFormSet
from django.forms.utils import pretty_name
from django.utils.text import capfirst

from casebase.core.forms_fields import LinesField
from casebase.core.models import Source

admin.site.site_header = "casebase editors"
admin.site.site_title = "casebase editors"
admin.site.index_title = "Disputes, law and sources"

PUBLICATION_FIELDSET = (
    "Publication",
    {"fields": ("publication_status", "verified", "unverified_elements")},
)
RECORD_FIELDSET = (
    "Record",
    {"fields": ("created_at", "updated_at"), "classes": ("collapse",)},
)


class EditorFieldsMixin:
    """Form-field choices shared by model admins and inlines.

    A JSON field whose default is a list (`unverified_elements`, `law_report_citations`,
    `names_as_pleaded`) is edited as lines of text. A related admin may name
    `choice_select_related` so that a choice list or an autocomplete widget showing its
    rows does not run one query per row to build their labels.
    """

    lines_rows = 3
    # Captions and "as recorded" notes run long: give them the full width.
    wide_text_inputs = True
    # The edit / delete / view icons beside a select; a table row has no room.
    related_links = True

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.JSONField) and db_field.default is list:
            return LinesField(
                required=not db_field.blank,
                label=db_field.verbose_name.capitalize(),
                help_text=f"{db_field.help_text} One per line.",
                rows=self.lines_rows,
            )
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is None:
            return None
        widget = formfield.widget
        _name_date_and_time(widget, formfield.label or pretty_name(db_field.name))
        if (
            self.wide_text_inputs
            and isinstance(widget, admin_widgets.AdminTextInputWidget)
            and (db_field.max_length or 0) >= 300
        ):
            widget.attrs["class"] = "vLargeTextField"
        if not self.related_links and isinstance(
            widget, admin_widgets.RelatedFieldWidgetWrapper
        ):
            widget.can_change_related = False
            widget.can_delete_related = False
            widget.can_view_related = False
        return formfield

    def get_field_queryset(self, db, db_field, request):
        queryset = super().get_field_queryset(db, db_field, request)
        model = db_field.remote_field.model
        try:
            related_admin = self.admin_site.get_model_admin(model)
        except NotRegistered:
            return queryset
        joins = getattr(related_admin, "choice_select_related", ())
        if not joins:
            return queryset
        if queryset is None:
            queryset = model._default_manager.using(db).all()
        return queryset.select_related(*joins)


def _innermost(widget: forms.Widget) -> forms.Widget:
    """The widget that renders the control, inside the admin's related-field wrapper.

    The wrapper's own `attrs` is not the copy it renders, so names go on this one.
    """
    while isinstance(widget, admin_widgets.RelatedFieldWidgetWrapper):
        widget = widget.widget
    return widget


def _name_date_and_time(widget: forms.Widget, name: str) -> None:
    """Name the two boxes of a date-and-time field, which share the field's one label.

    Django's label points at neither box (a split widget has no single id), and
    the words "Date:" and "Time:" beside them are not labels.
    """
    widget = _innermost(widget)
    if isinstance(widget, forms.SplitDateTimeWidget):
        date, time = widget.widgets
        date.attrs["aria-label"] = f"{name}: date"
        time.attrs["aria-label"] = f"{name}: time"


class LabelledRowsMixin:
    """Names every control in a formset's table by its column and row.

    A table row of form fields (a tabular inline, a changelist's editable column) has
    no <label>: only the column header, which does not name a control. Each visible
    control gets an aria-label such as "Role, party to the dispute 2"; the blank row
    the admin copies when "Add another" is clicked says "new party to the dispute"
    (static/casebase/admin-a11y.js numbers the copies).
    """

    def add_fields(self, form, index):
        super().add_fields(form, index)
        thing = self.model._meta.verbose_name
        row = f"new {thing}" if index is None else f"{thing} {index + 1}"
        for name, field in form.fields.items():
            widget = _innermost(field.widget)
            if widget.is_hidden:
                continue
            column = capfirst(field.label or pretty_name(name))
            if isinstance(widget, forms.MultiWidget):
                # The parts would share one name: the date/time pair says which.
                if isinstance(widget, forms.SplitDateTimeWidget):
                    _name_date_and_time(widget, f"{column}, {row}")
                continue
            widget.attrs["aria-label"] = f"{column}, {row}"


class LabelledInlineFormSet(LabelledRowsMixin, BaseInlineFormSet):
    """The formset of every casebase tabular inline; a tabular inline that needs
    its own formset class should build it on this one."""


class LabelledModelFormSet(LabelledRowsMixin, BaseModelFormSet):
    """The formset of a changelist's editable columns (`list_editable`)."""


def _textarea(rows: int) -> dict:
    return {"widget": admin_widgets.AdminTextareaWidget(attrs={"rows": rows})}


class CasebaseModelAdmin(EditorFieldsMixin, admin.ModelAdmin):
    choice_select_related: tuple[str, ...] = ()
    formfield_overrides = {models.TextField: _textarea(5)}

    def get_changelist_formset(self, request, **kwargs):
        kwargs.setdefault("formset", LabelledModelFormSet)
        return super().get_changelist_formset(request, **kwargs)


class TabularInline(EditorFieldsMixin, admin.TabularInline):
    formset = LabelledInlineFormSet
    extra = 0
    wide_text_inputs = False
    related_links = False
    # A row of a table has no room for the admin's ten-line text boxes.
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 40})}
    }


class StackedInline(EditorFieldsMixin, admin.StackedInline):
    extra = 0
    related_links = False
    formfield_overrides = {models.TextField: _textarea(3)}


class PublishableAdmin(CasebaseModelAdmin):
    """Admin for a `PublishableModel`: the record's times.

    The publication status changes only through the editorial workflow
    (`casebase.editorial`), which extends every such admin with its steps, revisions
    and the lock against lost edits.
    """

    readonly_fields = ("created_at", "updated_at")

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            # A record not yet stored has no times to show.
            return [fs for fs in fieldsets if fs is not RECORD_FIELDSET]
        return fieldsets


class PartialDateForm(forms.ModelForm):
    """Requires a precision beside every date that is entered.

    `partial_dates` maps each date field to its precision field; models whose own
    `clean()` already checks this do not need it.
    """

    partial_dates: dict[str, str] = {}

    def clean(self):
        cleaned = super().clean()
        for date_field, precision_field in self.partial_dates.items():
            if cleaned.get(date_field) and not cleaned.get(precision_field):
                self.add_error(
                    precision_field,
                    "Say whether the date is known to the day, month or year.",
                )
        return cleaned


class SourceForm(PartialDateForm):
    partial_dates = {"date": "date_precision"}


@admin.register(Source)
class SourceAdmin(PublishableAdmin):
    form = SourceForm
    list_display = (
        "__str__",
        "kind",
        "publisher",
        "date",
        "publication_status",
        "verified",
        "updated_at",
    )
    list_filter = ("kind", "publication_status", "verified")
    search_fields = ("reference", "title", "url", "publisher", "note")
    date_hierarchy = "date"
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "reference",
                    "url",
                    "title",
                    "publisher",
                    ("date", "date_precision"),
                    "kind",
                    "note",
                )
            },
        ),
        PUBLICATION_FIELDSET,
        RECORD_FIELDSET,
    )

"""Form fields that answer an out-of-range id with a message instead of a server error."""

from django import forms
from django.core.exceptions import ValidationError


class BoundedModelChoiceField(forms.ModelChoiceField):
    """Django lets an id too large for the database's integers through to the query, where
    SQLite raises OverflowError (a 500); here it is simply not one of the choices."""

    def to_python(self, value):
        try:
            return super().to_python(value)
        except OverflowError:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}) from None


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        try:
            return super()._check_values(value)
        except OverflowError:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice", params={"value": "…"}) from None

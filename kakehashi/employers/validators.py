from django.core.exceptions import ValidationError

from engine.codes import CodeError, corporate_number_clean


def validate_corporate_number(value: str) -> None:
    try:
        corporate_number_clean(value)
    except CodeError as error:
        raise ValidationError(str(error), code="invalid_corporate_number") from None

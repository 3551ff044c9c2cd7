"""Constraints written beside the fields of the plan's types, checked by pydantic when a plan
is validated (core/validation.py).

Each marker tells pydantic how to check its field through `__get_pydantic_core_schema__`,
importing pydantic_core only then: a command that takes the plan from its cache builds the
same types without loading pydantic at all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from plantrack.core.messages import Message, msg
from plantrack.core.values import LARGEST_FIGURE, format_number

# The key under which a Rule's Message travels inside a pydantic error.
RULE_ERROR = "plantrack_rule"


@dataclass(frozen=True, slots=True)
class Number:
    """A finite number written as a number: TOML's 150 or 1.5, never the text "150"; at most
    LARGEST_FIGURE in size, as a recorded figure is (core/values.py)."""

    ge: float | None = None
    gt: float | None = None

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import PydanticCustomError, core_schema

        def within_bounds(value: float) -> float:
            if abs(value) > LARGEST_FIGURE:
                problem = msg(
                    "field.too_large",
                    value=format_number(value),
                    largest=format_number(LARGEST_FIGURE),
                )
                raise PydanticCustomError(RULE_ERROR, "plantrack rule", {"message": problem})
            return value

        number = core_schema.float_schema(strict=True, allow_inf_nan=False, ge=self.ge, gt=self.gt)
        return core_schema.no_info_after_validator_function(within_bounds, number)


@dataclass(frozen=True, slots=True)
class WholeNumber:
    """An integer such as a year, within bounds."""

    ge: int
    le: int

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.int_schema(strict=True, ge=self.ge, le=self.le)


@dataclass(frozen=True, slots=True)
class Flag:
    """true or false, written as such: not "yes", not 1."""

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.bool_schema(strict=True)


@dataclass(frozen=True, slots=True)
class Text:
    """Text in quotes, not empty; `pattern` narrows it further (ids)."""

    pattern: str | None = None

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.str_schema(strict=True, min_length=1, pattern=self.pattern)


@dataclass(frozen=True, slots=True)
class Rule:
    """A check of a field's value beyond its type: `check` returns the Message of what is
    wrong, or None."""

    check: Callable[[Any], Message | None]

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import PydanticCustomError, core_schema

        check = self.check

        def validate(value: Any) -> Any:
            problem = check(value)
            if problem is not None:
                raise PydanticCustomError(RULE_ERROR, "plantrack rule", {"message": problem})
            return value

        return core_schema.no_info_after_validator_function(validate, handler(source))

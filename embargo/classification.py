"""Information classification levels, ordered, and the rule for what a clearance may see."""

from enum import IntEnum


class Classification(IntEnum):
    """UN information sensitivity levels, from least to most sensitive."""

    PUBLIC = 0
    RESTRICTED = 1
    CONFIDENTIAL = 2
    STRICTLY_CONFIDENTIAL = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> "Classification":
        return cls[value.strip().upper()]

    def visible_levels(self) -> list[str]:
        """Labels of every classification a viewer with this clearance may see."""
        return [level.label for level in Classification if level <= self]


# Records without a stated classification are treated as internal, never as public.
DEFAULT_CLASSIFICATION = Classification.RESTRICTED

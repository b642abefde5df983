"""What a dispute's links look like on the way in: its parties (with their roles), AI
systems and precedents, each naming the record by slug. A list given replaces the
dispute's list; a record listed twice (a party, a system in the same role, a
precedent) is refused naming the field."""

from rest_framework import serializers

from casebase.api.serializers.input_base import BySlug, StrictSerializer, lines
from casebase.cases.models import (
    AISystem,
    Party,
    PartyRole,
    PrecedentRelation,
    SystemRole,
)
from casebase.law.models import Precedent

MAX_LINKS = 200


class LinkIn(StrictSerializer):
    """A link replaces the stored one whole, so its required fields are required in
    a PATCH of the dispute too (DRF skips missing fields throughout a partial
    update, nested ones included)."""

    unknown_what = "link"

    def to_internal_value(self, data):
        if isinstance(data, dict):
            missing = {
                name: [field.error_messages["required"]]
                for name, field in self.fields.items()
                if field.required and name not in data
            }
            if missing:
                raise serializers.ValidationError(missing)
        return super().to_internal_value(data)


class PartyLinkIn(LinkIn):
    """A party to the dispute, in a role."""

    party = BySlug(Party, help_text="The party's slug.")
    role = serializers.ChoiceField(choices=PartyRole.choices)
    names_as_pleaded = lines(help_text="The party's names exactly as pleaded.")


class SystemLinkIn(LinkIn):
    """An AI system in the dispute, in a role."""

    system = BySlug(AISystem, help_text="The AI system's slug.")
    role = serializers.ChoiceField(choices=SystemRole.choices)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True)


class PrecedentLinkIn(LinkIn):
    """A judgment given in, or relied on by, the dispute."""

    precedent = BySlug(Precedent, help_text="The precedent's slug.")
    relation = serializers.ChoiceField(
        choices=PrecedentRelation.choices, required=False
    )
    note = serializers.CharField(max_length=500, required=False, allow_blank=True)


def links(serializer, help_text: str):
    return serializer(
        many=True, required=False, max_length=MAX_LINKS, help_text=help_text
    )


def no_repeats(links: list[dict], key, what: str) -> list[dict]:
    seen = set()
    for link in links:
        k = key(link)
        if k in seen:
            raise serializers.ValidationError(f"{what} is listed twice.")
        seen.add(k)
    return links

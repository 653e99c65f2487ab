"""Choices of the competence pool."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.IntegerChoices):
    BASIC = 1, _("1 – grundlæggende")
    PRACTISED = 2, _("2 – øvet")
    EXPERIENCED = 3, _("3 – erfaren")
    EXPERT = 4, _("4 – ekspert")


class RequestStatus(models.TextChoices):
    OPEN = "open", _("Åben")
    STAFFED = "staffed", _("Bemandet")
    CLOSED = "closed", _("Lukket")


class AllocationStatus(models.TextChoices):
    PROPOSED = "proposed", _("Foreslået (afventer hjemorganisationen)")
    APPROVED = "approved", _("Godkendt af hjemorganisationen")
    REJECTED = "rejected", _("Afvist af hjemorganisationen")

"""Choices of the operations & support app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ServiceKind(models.TextChoices):
    BASIC = "basic", _("Basisydelse (indeholdt, betales efter nøgle)")
    ADDON = "addon", _("Tilkøb (bestilles pr. enhed)")


class BasicKey(models.TextChoices):
    FTE = "fte", _("Sats pr. årsværk")
    POPULATION = "population", _("Deling efter indbyggertal")
    EQUAL = "equal", _("Lige deling")


class Priority(models.TextChoices):
    CRITICAL = "1", _("1 – kritisk")
    HIGH = "2", _("2 – høj")
    MEDIUM = "3", _("3 – middel")
    LOW = "4", _("4 – lav")


class SupportChannel(models.TextChoices):
    PHONE = "phone", _("Telefon")
    EMAIL = "email", _("E-mail")
    PORTAL = "portal", _("Selvbetjeningsportal")
    CHAT = "chat", _("Chat")
    ONSITE = "onsite", _("Fremmøde")


class SizeKey(models.TextChoices):
    POPULATION = "population", _("Efter størrelse (indbyggertal)")
    FTE = "fte", _("Efter årsværk")
    EQUAL = "equal", _("Lige andele")

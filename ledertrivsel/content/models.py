from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ledertrivsel.lib.translated import Translated


class Tool(models.Model):
    """A dialogue tool (dialogredskab): its procedure and its deck of cards.

    Loaded from the data files in content/data; see docs/content.md.
    """

    class Format(models.TextChoices):
        GROUP = "group", _("Group dialogue")
        ONE_TO_ONE = "one_to_one", _("1-1 conversation")

    number = models.PositiveSmallIntegerField(unique=True)
    slug = models.SlugField(unique=True)
    format = models.CharField(max_length=20, choices=Format.choices)
    title_da = models.CharField(max_length=100)
    title_en = models.CharField(max_length=100)
    focus_da = models.TextField()
    focus_en = models.TextField()
    audience_da = models.TextField()
    audience_en = models.TextField()
    introduction_da = models.TextField()
    introduction_en = models.TextField()
    preparation_da = models.TextField()
    preparation_en = models.TextField()
    min_minutes = models.PositiveSmallIntegerField()
    max_minutes = models.PositiveSmallIntegerField()

    title = Translated()
    focus = Translated()
    audience = Translated()
    introduction = Translated()
    preparation = Translated()

    class Meta:
        ordering = ["number"]

    def __str__(self):
        return f"{self.number}. {self.title_da}"

    def get_absolute_url(self):
        return reverse("content:tool", args=[self.slug])


class Step(models.Model):
    tool = models.ForeignKey(Tool, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=20)
    title_da = models.CharField(max_length=100)
    title_en = models.CharField(max_length=100)
    text_da = models.TextField()
    text_en = models.TextField()

    title = Translated()
    text = Translated()

    class Meta:
        ordering = ["tool", "position"]
        constraints = [models.UniqueConstraint(fields=["tool", "position"], name="unique_step_position")]

    @property
    def number(self) -> int:
        return self.position + 1


class Card(models.Model):
    """One card of a deck: a short theme and one question. `key` is stable across edits."""

    tool = models.ForeignKey(Tool, on_delete=models.CASCADE, related_name="cards")
    key = models.SlugField(max_length=60)
    position = models.PositiveSmallIntegerField()
    title_da = models.CharField(max_length=60)
    title_en = models.CharField(max_length=60)
    question_da = models.TextField()
    question_en = models.TextField()

    title = Translated()
    question = Translated()

    class Meta:
        ordering = ["tool", "position"]
        constraints = [models.UniqueConstraint(fields=["tool", "key"], name="unique_card_key")]

    def __str__(self):
        return self.title_da


class Source(models.Model):
    tool = models.ForeignKey(Tool, on_delete=models.CASCADE, related_name="sources")
    position = models.PositiveSmallIntegerField()
    citation_da = models.TextField()
    citation_en = models.TextField()
    url = models.URLField(blank=True)

    citation = Translated()

    class Meta:
        ordering = ["tool", "position"]

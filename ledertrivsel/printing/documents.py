"""The three printable documents per tool, by the name the URL and the command line use."""

from .cards import render_cards
from .guide import render_guide
from .plan_template import render_plan_template

RENDERERS = {
    "cards": render_cards,
    "guide": render_guide,
    "template": render_plan_template,
}

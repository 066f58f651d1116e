"""The hub's one StreamField vocabulary: every page body is built from these blocks."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


def theme_choices() -> list[tuple[str, str]]:
    """Themes as (slug, name) choices, read when the editor form is drawn."""
    from marketplace.models import Theme

    return [("", _("Any theme"))] + [(t.slug, t.name) for t in Theme.objects.all()]


def province_choices() -> list[tuple[str, str]]:
    """Provinces as (slug, name) choices."""
    from marketplace.models import Province

    return [("", _("Anywhere"))] + [(p.slug, p.name) for p in Province.objects.all()]


def organisation_choices() -> list[tuple[str, str]]:
    """Organisations as (slug, name) choices."""
    from marketplace.models import Organisation

    return list(Organisation.objects.order_by("name").values_list("slug", "name"))


class SafeRichTextBlock(blocks.RichTextBlock):
    """Rich text cleaned by Wagtail's whitelister on load, whatever path the HTML came in by."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    def to_python(self, value):
        from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter

        # The admin's editor already cleans what editors type; seeds, imports and API writes
        # do not pass through it, so the same whitelist is applied here too.
        cleaned = EditorHTMLConverter(features=self.features).whitelister.clean(value or "")
        return super().to_python(cleaned)


class RichTextBlock(SafeRichTextBlock):
    """Paragraphs, headings, lists and links; anything else (scripts included) is stripped."""

    class Meta:
        icon = "pilcrow"
        template = "cms/blocks/rich_text.html"
        label = _("Text")
        preview_value = (
            "<h2>Waarom een energiecoöperatie?</h2><p>Samen met buren duurzame energie "
            "opwekken, beheren en de opbrengst in de buurt houden.</p>"
        )
        description = _("Paragraphs with headings, lists and links.")


class ImageBlock(blocks.StructBlock):
    """An image with a caption and the source it came from."""

    image = ImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=250)
    attribution = blocks.CharBlock(label=_("source"), required=False, max_length=120)

    class Meta:
        icon = "image"
        template = "cms/blocks/image.html"
        label = _("Image with caption")
        description = _("An image with a caption.")
        preview_value = {"caption": "Zonnepanelen op het dak van de coöperatie"}


class QuoteBlock(blocks.StructBlock):
    """A quotation and who said it."""

    text = blocks.TextBlock(label=_("quote"))
    attribution = blocks.CharBlock(label=_("who said it"), required=False, max_length=160)

    class Meta:
        icon = "openquote"
        template = "cms/blocks/quote.html"
        label = _("Quote")
        description = _("A quotation and who said it.")
        preview_value = {
            "text": "Binnen een jaar hadden we 300 leden en een dak vol panelen.",
            "attribution": "Voorzitter, Zonnecoöperatie De Dorpsstroom",
        }


class CallToActionBlock(blocks.StructBlock):
    """A short pitch with one button, to a page or to an address."""

    heading = blocks.CharBlock(label=_("heading"), max_length=120)
    text = blocks.TextBlock(label=_("text"), required=False)
    button_label = blocks.CharBlock(label=_("button label"), max_length=60)
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.CharBlock(
        label=_("or an address"), required=False, max_length=300, help_text=_("e.g. /needs/")
    )

    class Meta:
        icon = "pick"
        template = "cms/blocks/call_to_action.html"
        label = _("Call to action")
        description = _("A short pitch with one button.")
        preview_value = {
            "heading": "Heeft uw initiatief iets nodig?",
            "text": "Plaats een vraag en bedrijven en fondsen reageren.",
            "button_label": "Plaats een vraag",
            "url": "/needs/",
        }


class FAQItemBlock(blocks.StructBlock):
    """One question and its answer."""

    question = blocks.CharBlock(label=_("question"), max_length=250)
    answer = SafeRichTextBlock(label=_("answer"))

    class Meta:
        icon = "help"
        label = _("Question")


class FAQBlock(blocks.StructBlock):
    """Frequently asked questions, each one opened on demand."""

    heading = blocks.CharBlock(label=_("heading"), required=False, max_length=120)
    items = blocks.ListBlock(FAQItemBlock(), label=_("questions"))

    class Meta:
        icon = "help"
        template = "cms/blocks/faq.html"
        label = _("Frequently asked questions")
        description = _("Questions and answers that open on demand.")
        preview_value = {
            "heading": "Veelgestelde vragen",
            "items": [
                {"question": "Heb ik een notaris nodig?", "answer": "<p>Ja, voor de statuten.</p>"}
            ],
        }


class KeyFigureBlock(blocks.StructBlock):
    """One number and what it counts."""

    value = blocks.CharBlock(label=_("figure"), max_length=30)
    label = blocks.CharBlock(label=_("what it counts"), max_length=120)

    class Meta:
        icon = "decimal"
        label = _("Figure")


class KeyFiguresBlock(blocks.StructBlock):
    """A row of key figures."""

    heading = blocks.CharBlock(label=_("heading"), required=False, max_length=120)
    figures = blocks.ListBlock(KeyFigureBlock(), label=_("figures"))

    class Meta:
        icon = "table"
        template = "cms/blocks/key_figures.html"
        label = _("Key figures")
        description = _("A row of numbers that tell the story.")
        preview_value = {
            "heading": "In cijfers",
            "figures": [
                {"value": "700+", "label": "energiecoöperaties in Nederland"},
                {"value": "€ 450", "label": "gemiddelde inleg per lid"},
            ],
        }


class ListingCardsBlock(blocks.StructBlock):
    """Live offers or needs chosen by filter (theme, type, province), newest first."""

    heading = blocks.CharBlock(label=_("heading"), required=False, max_length=120)
    kind = blocks.ChoiceBlock(
        label=_("show"),
        choices=[("offers", _("Offers")), ("needs", _("Needs"))],
        default="needs",
    )
    theme = blocks.ChoiceBlock(label=_("theme"), choices=theme_choices, required=False)
    listing_type = blocks.CharBlock(
        label=_("type"),
        required=False,
        max_length=20,
        help_text=_("e.g. grant, loan, advice (offers) or money, volunteers (needs)"),
    )
    province = blocks.ChoiceBlock(label=_("province"), choices=province_choices, required=False)
    count = blocks.IntegerBlock(label=_("how many"), default=3, min_value=1, max_value=12)

    class Meta:
        icon = "list-ul"
        template = "cms/blocks/listing_cards.html"
        label = _("Offers or needs")
        description = _("Live offers or needs chosen by theme, type and province.")
        preview_value = {"heading": "Actuele vragen", "kind": "needs", "count": 3}

    def get_context(self, value, parent_context=None):
        from cms import selectors

        context = super().get_context(value, parent_context=parent_context)
        context["listings"] = selectors.listing_cards(
            kind=value["kind"],
            theme=value.get("theme") or "",
            listing_type=value.get("listing_type") or "",
            province=value.get("province") or "",
            count=value.get("count") or 3,
        )
        return context


class RelatedOrganisationsBlock(blocks.StructBlock):
    """Organisations the text is about or that can help, with links to their profiles."""

    heading = blocks.CharBlock(label=_("heading"), required=False, max_length=120)
    organisations = blocks.MultipleChoiceBlock(
        label=_("organisations"), choices=organisation_choices
    )

    class Meta:
        icon = "group"
        template = "cms/blocks/related_organisations.html"
        label = _("Related organisations")
        description = _("Links to organisations on the platform.")
        preview_value = {"heading": "Organisaties die kunnen helpen", "organisations": []}

    def get_context(self, value, parent_context=None):
        from cms import selectors

        context = super().get_context(value, parent_context=parent_context)
        context["organisations"] = selectors.organisations_by_slug(
            slugs=list(value.get("organisations") or [])
        )
        return context


class BodyBlock(blocks.StreamBlock):
    """The body of every hub page."""

    text = RichTextBlock()
    image = ImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    faq = FAQBlock()
    key_figures = KeyFiguresBlock()
    listings = ListingCardsBlock()
    organisations = RelatedOrganisationsBlock()

"""{% results_cache %}: Django's {% cache %} for the search results, except that a degraded answer
(an engine down, words only) is shown but not kept, so the full results are back once it recovers."""

from __future__ import annotations

from django import template
from django.core.cache import InvalidCacheBackendError, caches
from django.core.cache.utils import make_template_fragment_key

register = template.Library()


class ResultsCacheNode(template.Node):
    def __init__(self, nodelist, expire_time, fragment_name: str, vary_on) -> None:
        self.nodelist = nodelist
        self.expire_time = expire_time
        self.fragment_name = fragment_name
        self.vary_on = vary_on

    def render(self, context) -> str:
        try:
            fragment_cache = caches["template_fragments"]
        except InvalidCacheBackendError:
            fragment_cache = caches["default"]
        key = make_template_fragment_key(
            self.fragment_name, [var.resolve(context) for var in self.vary_on]
        )
        value = fragment_cache.get(key)
        if value is None:
            value = self.nodelist.render(context)
            page = context.get("page")
            if not getattr(page, "degraded", False):
                fragment_cache.set(key, value, int(self.expire_time.resolve(context)))
        return value


@register.tag("results_cache")
def do_results_cache(parser, token) -> ResultsCacheNode:
    """{% results_cache seconds name var1 var2 ... %} ... {% endresults_cache %}"""
    nodelist = parser.parse(("endresults_cache",))
    parser.delete_first_token()
    tokens = token.split_contents()
    if len(tokens) < 3:
        raise template.TemplateSyntaxError(f"{tokens[0]!r} needs a timeout and a name")
    return ResultsCacheNode(
        nodelist,
        parser.compile_filter(tokens[1]),
        tokens[2],
        [parser.compile_filter(token) for token in tokens[3:]],
    )

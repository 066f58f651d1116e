from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The public REST API at /api/v1/ (django-ninja): the site's services over HTTP."""

    name = "api"
    label = "api"

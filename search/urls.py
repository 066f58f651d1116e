from django.urls import path

from . import views

app_name = "search"

urlpatterns = [
    path("", views.search, name="search"),
    path("saved/", views.saved_search_list, name="saved_search_list"),
    path("saved/new/", views.saved_search_create, name="saved_search_create"),
    path("saved/<int:pk>/", views.saved_search_update, name="saved_search_update"),
    path("saved/<int:pk>/delete/", views.saved_search_delete, name="saved_search_delete"),
    path(
        "saved/unsubscribe/<str:token>/",
        views.saved_search_unsubscribe,
        name="saved_search_unsubscribe",
    ),
]

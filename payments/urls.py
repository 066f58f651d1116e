from django.urls import path

from . import views

app_name = "payments"

urlpatterns = [
    # The Partner plan of the member's organisation
    path("plan/", views.plan, name="plan"),
    path("plan/upgrade/", views.plan_upgrade, name="plan_upgrade"),
    path("plan/refresh/", views.plan_refresh, name="plan_refresh"),
    path("plan/<str:action>/", views.plan_renewal, name="plan_renewal"),
    # Featuring an offer, contributing to a need, a need's funding goal
    path("offers/<int:pk>/feature/", views.offer_feature, name="offer_feature"),
    path("needs/<slug:slug>/contribute/", views.need_contribute, name="need_contribute"),
    path("needs/<int:pk>/funding/", views.funding_goal, name="funding_goal"),
    # A payment after the card step: its result, and a check with Stripe after 3-D Secure
    path("<uuid:public_id>/", views.payment_result, name="payment_result"),
    path("<uuid:public_id>/refresh/", views.payment_refresh, name="payment_refresh"),
]

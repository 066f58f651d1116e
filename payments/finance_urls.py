from django.urls import path

from . import finance_views as views

app_name = "finance"

urlpatterns = [
    # The initiative's money (members of the initiative)
    path("", views.dashboard, name="dashboard"),
    path("bank-account/", views.bank_account_register, name="bank_account_register"),
    path("bank-account/<int:pk>/confirm/", views.bank_account_confirm, name="bank_account_confirm"),
    path("payouts/request/", views.payout_request, name="payout_request"),
    # The public account of every euro
    path("needs/<slug:slug>/", views.need_account, name="need_account"),
    path("initiatives/<slug:slug>/", views.initiative_account, name="initiative_account"),
    # A contributor's year statement (logged in, or by a signed link sent by e-mail)
    path("statement/", views.statement, name="statement"),
    path("statement/<str:token>/", views.statement_signed, name="statement_signed"),
]

"""The notifications page (list and e-mail settings), marking read, opening a notice."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import selectors, services
from .forms import NotificationPreferenceForm
from .models import Notification


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    """The person's notices and their e-mail settings; showing them writes nothing."""
    preference = selectors.notification_preference_for_user(user=request.user)
    form = NotificationPreferenceForm(request.POST or None, instance=preference)
    if request.method == "POST" and form.is_valid():
        services.notification_preference_set(
            user=request.user, email_frequency=form.cleaned_data["email_frequency"],
            language=form.cleaned_data["language"],
        )
        messages.success(request, _("Your e-mail settings have been saved."))
        return redirect("notifications:list")
    context = {
        "notifications": selectors.notification_list_for_user(user=request.user),
        "unread_count": selectors.notification_unread_count(user=request.user),
        "form": form,
    }
    return render(request, "notifications/list.html", context)


@login_required
@require_POST
def notification_mark_read(request: HttpRequest) -> HttpResponse:
    """Mark all the person's notices as read."""
    services.notification_mark_read(user=request.user)
    return redirect("notifications:list")


@login_required
@require_POST
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one of the person's notices as read and go to the page it is about."""
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    services.notification_mark_read(user=request.user, ids=[notification.pk])
    return redirect(notification.url or "notifications:list")

"""Pages of demand pooling: one pool with its members, shared conversation and joint need."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from notifications.services import notification_mark_read_for_target

from . import pool_selectors, pool_services
from .models import PoolMember
from .pool_forms import JointNeedForm, PoolMessageForm
from .throttle import limit_address


@login_required
def pool_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A pool for its initiatives: who is in, what each needs, the conversation, the joint need."""
    pool = pool_selectors.pool_get_for_user(pk=pk, user=request.user)
    me = pool_services.pool_member_of(pool=pool, user=request.user)
    members = pool_selectors.pool_members(pool=pool)
    joined = me is not None and me.status == PoolMember.Status.JOINED
    waiting = any(m.status == PoolMember.Status.INVITED for m in members)
    context = {
        "pool": pool,
        "me": me,
        "members": members,
        "totals": pool_selectors.pool_totals(members=members),
        "thread": pool_selectors.pool_messages(pool=pool),
        "can_answer": me is not None and me.status == PoolMember.Status.INVITED
        and pool.joint_need_id is None,
        "can_talk": joined,
        "waiting": waiting,
        "message_form": PoolMessageForm(),
        "joint_form": JointNeedForm(auto_id="id_joint_%s")
        if joined and not waiting and pool.joint_need_id is None
        and sum(m.status == PoolMember.Status.JOINED for m in members) >= 2
        else None,
    }
    return render(request, "marketplace/pools/detail.html", context)


def _form_errors(form) -> str:
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


@login_required
@require_POST
@limit_address("message", when=lambda request, action, **kwargs: action == "message")
def pool_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Join, decline, write a message or post the joint need (POST only)."""
    pool = pool_selectors.pool_get_for_user(pk=pk, user=request.user)
    try:
        if action in ("join", "decline"):
            pool_services.pool_answer(pool=pool, actor=request.user, join=action == "join")
            if action == "decline":
                notification_mark_read_for_target(user=request.user, target=pool)
                messages.success(request, _("You declined. The others go ahead without you."))
                return redirect("marketplace:dashboard")
            messages.success(request, _("You joined forces. Say hello in the conversation."))
        elif action == "message":
            form = PoolMessageForm(request.POST)
            if not form.is_valid():
                messages.error(request, _form_errors(form))
            else:
                pool_services.pool_message_send(pool=pool, actor=request.user,
                                                body=form.cleaned_data["body"])
        elif action == "joint_need":
            form = JointNeedForm(request.POST)
            if not form.is_valid():
                messages.error(request, _form_errors(form))
            else:
                need = pool_services.pool_joint_need_create(
                    pool=pool, actor=request.user, title=form.cleaned_data["title"],
                    description=form.cleaned_data["description"],
                    deadline=form.cleaned_data["deadline"],
                )
                notification_mark_read_for_target(user=request.user, target=pool)
                messages.success(request, _("The joint need has been posted."))
                return redirect("marketplace:need_manage", pk=need.pk)
        else:
            raise Http404
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        notification_mark_read_for_target(user=request.user, target=pool)
    return redirect("marketplace:pool_detail", pk=pool.pk)

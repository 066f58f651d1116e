"""Marketplace pages (placeholder until the pages land)."""

from django.http import HttpResponse


def home(request, *args, **kwargs):
    return HttpResponse('home')


def offer_list(request, *args, **kwargs):
    return HttpResponse('offer_list')


def offer_detail(request, *args, **kwargs):
    return HttpResponse('offer_detail')


def need_list(request, *args, **kwargs):
    return HttpResponse('need_list')


def need_detail(request, *args, **kwargs):
    return HttpResponse('need_detail')


def organisation_list(request, *args, **kwargs):
    return HttpResponse('organisation_list')


def organisation_detail(request, *args, **kwargs):
    return HttpResponse('organisation_detail')


def dashboard(request, *args, **kwargs):
    return HttpResponse('dashboard')


def organisation_edit(request, *args, **kwargs):
    return HttpResponse('organisation_edit')


def members(request, *args, **kwargs):
    return HttpResponse('members')


def offer_create(request, *args, **kwargs):
    return HttpResponse('offer_create')


def offer_manage(request, *args, **kwargs):
    return HttpResponse('offer_manage')


def offer_edit(request, *args, **kwargs):
    return HttpResponse('offer_edit')


def need_create(request, *args, **kwargs):
    return HttpResponse('need_create')


def need_manage(request, *args, **kwargs):
    return HttpResponse('need_manage')


def need_edit(request, *args, **kwargs):
    return HttpResponse('need_edit')


def listing_action(request, *args, **kwargs):
    return HttpResponse('listing_action')


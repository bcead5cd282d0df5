"""The editorial desk: editors write and submit, the standing committee publishes, withdraws or sends back."""

from __future__ import annotations

import secrets
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from doanket.accounts.http import AuthedRequest
from doanket.accounts.selectors import require_any, user_has_perm
from doanket.core.views import report_errors, submit
from doanket.news.permissions import NewsPerm

from .. import selectors, services
from ..forms import ArticleFilter, ArticleForm, ImageForm, NoteForm, PublishForm
from ..images import prepare_image
from ..models import Article, Status

PAGE_SIZE = 30


@login_required
def article_list(request: AuthedRequest) -> HttpResponse:
    require_any(request.user, NewsPerm.WRITE, NewsPerm.PUBLISH)
    form = ArticleFilter(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    articles = selectors.article_list(request.user, status=filters.get("status") or "", query=filters.get("q") or "")
    page = Paginator(articles, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "news/manage/list.html", {
        "form": form, "page": page, "query": query.urlencode(), "nav": "news",
        "counts": selectors.status_counts(request.user), "Status": Status,
        "can_write": user_has_perm(request.user, NewsPerm.WRITE),
    })


_KEPT_SALT = "news.cover-kept"
_KEPT_MAX_AGE = 24 * 3600


def _kept_cover(request: AuthedRequest) -> str | None:
    """The cover chosen on an earlier attempt that failed validation (browsers never refill a file input),
    from its signed token: this user's, less than a day old, still stored."""
    token = request.POST.get("cover_kept", "") if request.method == "POST" else ""
    if not token:
        return None
    try:
        value = signing.loads(token, salt=_KEPT_SALT, max_age=_KEPT_MAX_AGE)
    except signing.BadSignature:
        return None
    if value.get("u") != request.user.pk or not default_storage.exists(value.get("n", "")):
        return None
    return str(value["n"])


def _keep_cover(request: AuthedRequest, kept: str | None) -> dict | None:
    """After a failed save: store the newly chosen cover (checked and resized) so the next attempt keeps it,
    or carry the one kept before. Returns what the form shows (token and file name), or None."""
    upload = request.FILES.get("cover")
    if upload is not None:
        try:
            upload.seek(0)
            prepared = prepare_image(upload, field="cover")
        except ValidationError:
            return None  # not an image: its error is already on the form, nothing to keep
        kept = default_storage.save(f"news/kept/{secrets.token_hex(16)}{Path(prepared.name).suffix}",
                                    prepared.content)
    if kept is None:
        return None
    token = signing.dumps({"n": kept, "u": request.user.pk}, salt=_KEPT_SALT)
    return {"token": token, "name": upload.name if upload is not None else Path(kept).name}


def _service_kwargs(form: ArticleForm, kept: str | None = None) -> dict:
    data = dict(form.cleaned_data)
    data["tags"] = services.tags_from_text(data.pop("tags", ""))
    data["categories"] = list(data.get("categories") or [])
    if not data.get("cover") and kept and not data.get("remove_cover"):
        data["cover"] = default_storage.open(kept)
    if not data.get("cover"):
        data.pop("cover", None)
    if not form.has_cover:
        data.pop("remove_cover", None)
    return data


@login_required
@require_http_methods(["GET", "POST"])
def article_create(request: AuthedRequest) -> HttpResponse:
    units = selectors.news_units(request.user)
    if not units.exists():
        raise PermissionDenied
    initial = {"unit": request.user.unit if units.filter(pk=request.user.unit_id).exists() else None}
    kept = _kept_cover(request)
    form = ArticleForm(request.POST or None, request.FILES or None, units=units, initial=initial,
                       kept_cover=kept is not None)
    article = submit(request, form,
                     lambda _data: services.article_create(actor=request.user, **_service_kwargs(form, kept)),
                     lambda a: _("Đã lưu bản nháp “%(title)s”.") % {"title": a.title})
    if article:
        return redirect("news:detail", pk=article.pk)
    return render(request, "news/manage/form.html", {"form": form, "nav": "news", "title": _("Viết bài mới"),
                                                     "kept_cover": _keep_cover(request, kept)})


def _initial(article: Article) -> dict:
    initial = {f: getattr(article, f) for f in ("unit", "title", "lede", "body", "source", "published_at",
                                                "cover_alt", "cover_caption")}
    initial["categories"] = list(article.categories.all())
    initial["tags"] = ", ".join(t.name for t in article.tags.all())
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def article_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    article = selectors.access_article(request.user, pk)
    if not selectors.can_write(request.user, article):
        raise PermissionDenied
    units = selectors.news_units(request.user) | type(article.unit).objects.filter(pk=article.unit_id)
    kept = _kept_cover(request)
    form = ArticleForm(request.POST or None, request.FILES or None, units=units.distinct(), initial=_initial(article),
                       has_cover=bool(article.cover), kept_cover=kept is not None)
    if submit(request, form, lambda _data: services.article_update(actor=request.user, article=article,
                                                                    **_service_kwargs(form, kept)),
              _("Đã lưu thay đổi.")):
        return redirect("news:detail", pk=article.pk)
    return render(request, "news/manage/form.html", {"form": form, "article": article, "nav": "news",
                                                     "title": _("Sửa bài: %(title)s") % {"title": article.title},
                                                     "kept_cover": _keep_cover(request, kept)})


@login_required
def article_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    article = selectors.access_article(request.user, pk)
    return render(request, "news/manage/detail.html", {
        "article": article, "nav": "news", "Status": Status,
        "can_write": selectors.can_write(request.user, article),
        "can_publish": selectors.can_publish(request.user, article),
        "history": selectors.article_history(article),
        "revisions": selectors.article_revisions(article),
        "image_form": ImageForm(), "publish_form": PublishForm(), "note_form": NoteForm(),
    })


def _workflow(request: AuthedRequest, pk: int, action, done: str, form_class=None) -> HttpResponse:
    article = selectors.access_article(request.user, pk)
    kwargs = {}
    if form_class is not None:
        form = form_class(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for e in errors:
                    messages.error(request, str(e))
            return redirect("news:detail", pk=article.pk)
        kwargs = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
    try:
        action(actor=request.user, article=article, **kwargs)
    except ValidationError as exc:
        report_errors(request, exc)
    else:
        messages.success(request, done)
    return redirect("news:detail", pk=article.pk)


@login_required
@require_POST
def article_submit(request: AuthedRequest, pk: int) -> HttpResponse:
    return _workflow(request, pk, services.article_submit, _("Đã gửi bài cho Ban Thường trực duyệt."))


@login_required
@require_POST
def article_publish(request: AuthedRequest, pk: int) -> HttpResponse:
    return _workflow(request, pk, services.article_publish, _("Đã duyệt và xuất bản bài viết."), PublishForm)


class _WithdrawForm(NoteForm):
    """The note of a withdrawal is its reason."""

    def clean(self):
        super().clean()
        data = self.cleaned_data
        return {"reason": data.get("note", "")}


@login_required
@require_POST
def article_withdraw(request: AuthedRequest, pk: int) -> HttpResponse:
    return _workflow(request, pk, services.article_withdraw, _("Đã gỡ bài khỏi trang công khai."), _WithdrawForm)


@login_required
@require_POST
def article_return(request: AuthedRequest, pk: int) -> HttpResponse:
    return _workflow(request, pk, services.article_return, _("Đã trả lại bài cho người viết."), NoteForm)


@login_required
@require_POST
def article_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    article = selectors.access_article(request.user, pk)
    try:
        services.article_delete(actor=request.user, article=article)
    except ValidationError as exc:
        report_errors(request, exc)
        return redirect("news:detail", pk=article.pk)
    messages.success(request, _("Đã xoá bản nháp “%(title)s”.") % {"title": article.title})
    return redirect("news:list")


@login_required
@require_POST
def image_upload(request: AuthedRequest, pk: int) -> HttpResponse:
    article = selectors.access_article(request.user, pk)
    if not selectors.can_write(request.user, article):
        raise PermissionDenied
    form = ImageForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.article_image_add(actor=request.user, article=article, upload=form.cleaned_data["image"],
                                       alt=form.cleaned_data["alt"], caption=form.cleaned_data["caption"])
        except ValidationError as exc:
            report_errors(request, exc)
        else:
            messages.success(request, _("Đã tải ảnh lên. Dùng nút “Chèn vào bài” hoặc chép đoạn mã vào nội dung."))
    else:
        for errors in form.errors.values():
            for e in errors:
                messages.error(request, str(e))
    return redirect("news:detail", pk=article.pk)


@login_required
def revision(request: AuthedRequest, pk: int, history_id: int) -> HttpResponse:
    article = selectors.access_article(request.user, pk)
    rev = selectors.article_revision(article, history_id)
    return render(request, "news/manage/revision.html", {"article": article, "rev": rev, "nav": "news"})

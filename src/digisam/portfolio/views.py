"""Portfolio views: a municipality's systems and contracts, its sharing choices, import/export, and a
collaboration's harmonisation picture. Thin: policies and selectors decide what is visible,
services.save writes, importer/exports/harmonisation do the work."""

from __future__ import annotations

import datetime

from django.conf import settings as django_settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext as _
from django.views import View

from digisam.collaborations.models import Collaboration, Membership, MembershipStatus
from digisam.core import confirm, jobs, permissions, services
from digisam.core.models import Channel
from digisam.core.views import ObjectDeleteView, ObjectEditView
from digisam.organisations.models import Organisation

from . import contract_dates, deadlines, exports, formats, harmonisation, policies, selectors
from .forms import ContractForm, ImportForm, TargetForm, UsageForm
from .models import (
    Category,
    CategoryMapping,
    Contract,
    HarmonisationTarget,
    PortfolioImport,
    SharingSetting,
    Usage,
)

#: the contract list's filter "Frister de næste 90 dage" (?frister=1): deadlines near or passed
DEADLINE_FILTER_PARAM = "frister"

EXPORT_KINDS = {"template": "portefoelje", "kitos_usages": "kitos-it-systemer", "kitos_contracts": "kitos-it-kontrakter"}


def _file_response(fmt, filename, header, rows, kind="template"):
    if fmt == "csv":
        response = HttpResponse(exports.write_csv(header, rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        return response
    from digisam.core.exports import XLSX

    response = HttpResponse(exports.write_xlsx(header, rows, exports.SHEETS[kind]), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def upload_too_large(request) -> bool:
    """Whether the request declares a body larger than the import limit (plus room for the form)."""
    from digisam.core.uploads import max_request_bytes

    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    return length > max_request_bytes()


def too_large_message():
    """The message for an upload over DIGISAM_MAX_IMPORT_BYTES (in MB)."""
    from django.conf import settings

    return _("Filen er for stor (højst %(mb)s MB); den er ikke gemt.") % {
        "mb": settings.DIGISAM_MAX_IMPORT_BYTES // (1024 * 1024)}


def job_url(job_id) -> str:
    """The job's progress page (htmx polling)."""
    return reverse("job-detail", args=[job_id])


def visible_municipality(request, code) -> Organisation:
    """The municipality if the user may see its portfolio (own, shared with one of the user's
    collaborations, or admin); otherwise 404."""
    organisation = get_object_or_404(Organisation, code=code, kind="municipality")
    access = permissions.access_for(request.user)
    if not (access.is_admin or organisation.pk in access.organisations
            or organisation.pk in policies.shared_organisations(access)):
        raise Http404
    return organisation


def can_manage(user, organisation) -> bool:
    """Whether the user writes this municipality's portfolio: its coordinator, or a platform admin."""
    access = permissions.access_for(user)
    return access.is_admin or organisation.pk in access.coordinator_organisations


def portfolio_collaboration(request, slug) -> Collaboration:
    """The collaboration if the user is its secretariat, a member's user or an admin; otherwise 404.
    (Observers and readers of published collaborations do not see members' portfolios.)"""
    collaboration = get_object_or_404(Collaboration, slug=slug)
    access = permissions.access_for(request.user)
    if not (access.is_admin or collaboration.pk in policies.portfolio_collaborations(access)):
        raise Http404
    return collaboration


class IndexView(LoginRequiredMixin, View):
    """The portfolio start page: the municipalities whose portfolio the user sees (own or shared with their
    collaborations; admins: every one with contracts) and the collaborations whose members' portfolios
    they see."""

    def get(self, request):
        access = permissions.access_for(request.user)
        if access.is_admin:
            municipalities = Organisation.objects.filter(kind="municipality", system_contracts__isnull=False)
        else:
            ids = set(access.organisations) | policies.shared_organisations(access)
            municipalities = Organisation.objects.filter(pk__in=ids, kind="municipality")
        collaborations = Collaboration.objects.all() if access.is_admin else Collaboration.objects.filter(
            pk__in=policies.portfolio_collaborations(access))
        return render(request, "portfolio/index.html", {
            "municipalities": municipalities.distinct().order_by("name"),
            "own": Organisation.objects.filter(pk__in=access.organisations, kind="municipality"),
            "collaborations": collaborations.order_by("name"),
        })


class MunicipalityView(LoginRequiredMixin, View):
    """One municipality's usages and contracts (economy only where the user may see it)."""

    def get(self, request, code):
        organisation = visible_municipality(request, code)
        usages = permissions.restrict(Usage.objects.filter(organisation=organisation), request.user)
        contracts = permissions.restrict(Contract.objects.filter(organisation=organisation), request.user)
        category = request.GET.get("kategori")
        if category:
            usages, contracts = usages.filter(category__slug=category), contracts.filter(category__slug=category)
        show_economy = policies.can_see_economy(request.user, organisation.pk)
        fmt = request.GET.get("format")
        if fmt in ("csv", "xlsx"):
            kind = request.GET.get("kind", "template")
            if kind not in EXPORT_KINDS:
                raise Http404
            header, rows = exports.rows_for(kind, usages, contracts, economy=lambda _id: show_economy)
            return _file_response(fmt, f"{EXPORT_KINDS[kind]}-{organisation.code}", header, rows, kind)
        today = timezone.localdate()
        deadline_filter = request.GET.get(DEADLINE_FILTER_PARAM) == "1"
        if deadline_filter:
            contracts = deadlines.candidates(contracts, today)
        contract_rows = []
        flagged_count = 0
        for contract in contracts.select_related("category", "product", "supplier"):
            terms = contract.terms()
            notice = deadlines.classify(terms, today)
            flagged_count += notice.flagged
            if deadline_filter and not notice.flagged:
                continue
            contract_rows.append({
                "contract": contract,
                "status": gettext(contract_dates.STATUS_LABELS[contract_dates.status(terms, today)]),
                "last_notice": contract_dates.last_notice_day(terms, today),
                "notice": notice,
                "earliest_end": contract_dates.earliest_end(terms, today),
                "latest_end": contract_dates.latest_end(terms),
            })
        sharing = []
        if organisation.pk in permissions.access_for(request.user).organisations or permissions.access_for(
                request.user).is_admin:
            sharing = SharingSetting.objects.filter(organisation=organisation).select_related("collaboration")
        return render(request, "portfolio/municipality.html", {
            "organisation": organisation,
            "usages": usages.select_related("category", "product").order_by("category__sort_order", "product__name"),
            "contract_rows": contract_rows,
            "show_economy": show_economy,
            "can_manage": can_manage(request.user, organisation),
            "kitos_sync": bool(django_settings.KITOS_API_URL),
            "sharing": sharing,
            "category": category or "",
            "deadline_filter": deadline_filter,
            "deadline_param": DEADLINE_FILTER_PARAM,
            "horizon_days": deadlines.horizon_days(),
            "flagged_count": flagged_count,
        })


class UsageEditView(ObjectEditView):
    """Add or edit a municipality's system usage; its coordinator and platform admins (its other users and
    those it shares with get 403, everyone else 404). POST saves it through the audited service."""

    model = Usage
    form_class = UsageForm

    def new_object(self):
        organisation = get_object_or_404(Organisation, code=self.kwargs["code"], kind="municipality")
        if not can_manage(self.request.user, organisation):
            if organisation.pk in permissions.access_for(self.request.user).organisations or \
                    organisation.pk in policies.shared_organisations(permissions.access_for(self.request.user)):
                raise PermissionDenied
            raise Http404
        return Usage(organisation=organisation)

    def get_success_url(self, obj):
        return reverse("portfolio:municipality", args=[obj.organisation.code])


class ContractEditView(UsageEditView):
    """Add or edit a municipality's contract; its coordinator and platform admins (its other users and
    those it shares with get 403, everyone else 404). POST saves it through the audited service."""

    model = Contract
    form_class = ContractForm

    def new_object(self):
        usage = super().new_object()
        return Contract(organisation=usage.organisation)

    def get_form_kwargs(self, obj):
        return {"instance": obj, "organisation": obj.organisation}

    def get_success_url(self, obj):
        return reverse("portfolio:contract-detail", args=[obj.pk])


class ContractDetailView(LoginRequiredMixin, View):
    """A contract's page: terms, notice deadline, usages, supplements and contacts; economy only for those
    who see it. For the municipality's own users and those it shares its portfolio with."""

    def get(self, request, pk):
        contract = get_object_or_404(
            permissions.restrict(Contract.objects.select_related("organisation", "category", "product", "supplier"),
                                 request.user), pk=pk)
        today = datetime.date.today()
        return render(request, "portfolio/contract_detail.html", {
            "contract": contract,
            "show_economy": policies.can_see_economy(request.user, contract.organisation_id),
            "can_manage": permissions.allows(request.user, permissions.CHANGE, contract),
            "status": contract.status_label(today),
            "last_notice": contract.last_notice_day(today),
            "notice": deadlines.contract_state(contract),
            "earliest_end": contract.earliest_end(today),
            "latest_end": contract.latest_end(),
            "usages": contract.usages.select_related("product", "category"),
            "supplements": contract.supplements.all(),
            "contacts": contract.contacts.all(),
        })


class UsageDeleteView(ObjectDeleteView):
    """Delete a system usage; the municipality's coordinator and platform admins. POST deletes it through
    the audited service."""

    model = Usage

    def get_success_url(self, obj):
        return reverse("portfolio:municipality", args=[obj.organisation.code])


class ContractDeleteView(UsageDeleteView):
    """Delete a contract; the municipality's coordinator and platform admins. POST deletes it through the
    audited service."""

    model = Contract


class SharingView(LoginRequiredMixin, View):
    """The municipality's coordinator decides, per collaboration, what it shares there."""

    def _context(self, request, code):
        organisation = visible_municipality(request, code)
        if not can_manage(request.user, organisation):
            raise PermissionDenied
        memberships = Membership.objects.filter(
            organisation=organisation, status__in=[MembershipStatus.APPROVED, MembershipStatus.ACTIVE]
        ).select_related("collaboration").order_by("collaboration__name")
        settings = {s.collaboration_id: s for s in SharingSetting.objects.filter(organisation=organisation)}
        rows = [{"collaboration": m.collaboration, "setting": settings.get(m.collaboration_id)} for m in memberships]
        return organisation, rows, settings

    def get(self, request, code):
        organisation, rows, _settings = self._context(request, code)
        return render(request, "portfolio/sharing.html", {"organisation": organisation, "rows": rows})

    def post(self, request, code):
        organisation, rows, settings = self._context(request, code)
        with services.operation():
            for row in rows:
                collaboration = row["collaboration"]
                portfolio = request.POST.get(f"portfolio-{collaboration.pk}") == "on"
                economy = request.POST.get(f"economy-{collaboration.pk}") == "on" and portfolio
                if not portfolio and (request.POST.get(f"economy-{collaboration.pk}") == "on" or (
                        settings.get(collaboration.pk) and settings[collaboration.pk].share_economy)):
                    messages.warning(request, _("%(collaboration)s ser heller ikke kontraktøkonomien, fordi "
                                                "porteføljen ikke deles.") % {"collaboration": collaboration})
                setting = settings.get(collaboration.pk) or SharingSetting(organisation=organisation,
                                                                           collaboration=collaboration)
                if setting.pk and setting.share_portfolio == portfolio and setting.share_economy == economy:
                    continue
                if not setting.pk and not portfolio:
                    continue
                setting.share_portfolio, setting.share_economy = portfolio, economy
                services.save(setting, user=request.user, channel=Channel.UI)
        messages.success(request, _("Delingen er gemt."))
        return redirect("portfolio:sharing", code=organisation.code)


class TemplateDownloadView(LoginRequiredMixin, View):
    """The empty template with Danish headers and one filled example row."""

    def get(self, request, fmt):
        if fmt not in ("csv", "xlsx"):
            raise Http404
        header = [h for h, _k, _t in formats.TEMPLATE_COLUMNS]
        return _file_response(fmt, "digisam-portefoelje-skabelon", header, exports.example_rows())


class ImportView(LoginRequiredMixin, View):
    """Upload → background dry run (job) → review → apply (job)."""

    def _organisation(self, request, code):
        organisation = visible_municipality(request, code)
        if not can_manage(request.user, organisation):
            raise PermissionDenied
        return organisation

    def get(self, request, code):
        organisation = self._organisation(request, code)
        return render(request, "portfolio/import.html", {"organisation": organisation, "form": ImportForm(),
                                                         "imports": organisation.portfolio_imports.all()[:10]})

    def post(self, request, code):
        organisation = self._organisation(request, code)
        if upload_too_large(request):
            # Refused from the declared length, before the body is read or anything is stored.
            form = ImportForm()
            form.errors["file"] = form.error_class([too_large_message()])
            return render(request, "portfolio/import.html", {"organisation": organisation, "form": form},
                          status=413)
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return render(request, "portfolio/import.html", {"organisation": organisation, "form": form}, status=400)
        upload = request.FILES["file"]
        second = form.cleaned_data.get("second_file")
        record = PortfolioImport(organisation=organisation, file=upload, original_name=upload.name[-255:],
                                 uploaded_by=request.user)
        if second is not None:
            record.second_file, record.second_name = second, second.name[-255:]
        services.save(record, user=request.user, channel=Channel.UI)
        from .tasks import dry_run_import

        job = jobs.create_job(kind="portfolio_import_dry_run", title=_("Prøvekørsel af import: %(f)s") % {
            "f": upload.name}, user=request.user, organisation=organisation, parameters={"import_id": record.pk})
        dry_run_import.enqueue(job.pk)
        return redirect(job_url(job.pk))


class KitosSyncView(LoginRequiredMixin, View):
    """The portfolio page's "Hent fra KITOS" button: a background job reads the KITOS API and shows the
    dry run for review; nothing is written until the coordinator applies it."""

    def post(self, request, code):
        from django.conf import settings

        organisation = visible_municipality(request, code)
        if not can_manage(request.user, organisation):
            raise PermissionDenied
        if not settings.KITOS_API_URL:
            messages.error(request, _("KITOS-synkronisering er ikke sat op på denne installation."))
            return redirect("portfolio:municipality", code=organisation.code)
        from .tasks import sync_kitos

        job = jobs.create_job(kind="portfolio_kitos_sync", title=_("Hent fra KITOS: %(name)s") % {
            "name": organisation.name}, user=request.user, organisation=organisation,
            parameters={"user": request.user.pk})
        sync_kitos.enqueue(job.pk)
        return redirect(job_url(job.pk))


class ImportReviewView(LoginRequiredMixin, View):
    """An uploaded portfolio file's dry run (counts, differences, errors) for the municipality's own users;
    its coordinator (and platform admins) POST to load it, which starts the audited import as a job."""

    def _record(self, request, pk):
        record = get_object_or_404(permissions.restrict(PortfolioImport.objects.select_related("organisation"),
                                                        request.user), pk=pk)
        return record

    def get(self, request, pk):
        record = self._record(request, pk)
        can_change = permissions.allows(request.user, permissions.CHANGE, record)
        return render(request, "portfolio/import_review.html", {
            "record": record, "result": record.dry_run or {},
            "can_apply": can_change and not record.applied and (record.dry_run or {}).get("ok"),
            "can_map": can_change and not record.applied,
            "categories": Category.objects.order_by("name"),
            # a rejected file: the corrected one can be uploaded right here
            "upload_form": ImportForm() if (record.dry_run or {}).get("errors") and not record.applied
            and can_manage(request.user, record.organisation) else None,
        })

    def post(self, request, pk):
        record = self._record(request, pk)
        if not permissions.allows(request.user, permissions.CHANGE, record):
            raise PermissionDenied
        if record.applied or not (record.dry_run or {}).get("ok"):
            messages.error(request, _("Filen kan ikke indlæses: den er allerede indlæst eller har fejl."))
            return redirect("portfolio:import-review", pk=record.pk)
        from .tasks import apply_import

        job = jobs.create_job(kind="portfolio_import_apply", title=_("Indlæsning af %(f)s") % {
            "f": record.original_name}, user=request.user, organisation=record.organisation,
            parameters={"import_id": record.pk})
        apply_import.enqueue(job.pk)
        return redirect(job_url(job.pk))


class ImportCategoriesView(ImportReviewView):
    """The review list: the coordinator picks a category for each system KITOS could not place;
    each choice is remembered (CategoryMapping) and the dry run runs again."""

    def get(self, request, pk):
        record = self._record(request, pk)  # 404 for those who may not see the import
        return redirect("portfolio:import-review", pk=record.pk)

    def post(self, request, pk):
        record = self._record(request, pk)
        if not permissions.allows(request.user, permissions.CHANGE, record) or record.applied:
            raise PermissionDenied
        categories = {c.slug: c for c in Category.objects.all()}
        unmapped = (record.dry_run or {}).get("unmapped") or []
        with services.operation():
            for index, entry in enumerate(unmapped):
                category = categories.get(request.POST.get(f"map-{index}", ""))
                if category is None:
                    continue
                mapping = CategoryMapping.objects.filter(key_kind=entry["key_kind"], key=entry["key"]).first() or \
                    CategoryMapping(key_kind=entry["key_kind"], key=entry["key"])
                mapping.label, mapping.category = entry.get("label", "")[:400], category
                services.save(mapping, user=request.user, channel=Channel.UI)
        from .tasks import dry_run_import

        job = jobs.create_job(kind="portfolio_import_dry_run", title=_("Prøvekørsel af import: %(f)s") % {
            "f": record.original_name}, user=request.user, organisation=record.organisation,
            parameters={"import_id": record.pk})
        dry_run_import.enqueue(job.pk)
        return redirect(job_url(job.pk))


class VendorListView(LoginRequiredMixin, View):
    """Vendors (organisations keyed by CVR) and who depends on them: per vendor, the contracts the
    user may see across the municipalities that share them, the annual spend where the economy is
    visible (each contract counted once — a supplement's own costs once, never its parent's again)
    and the contracts expiring within a year. Vendor partners see no customers' contracts at all
    (the portfolio policy), and nobody sees prices that are not shared with them."""

    def get(self, request):
        from collections import defaultdict
        from decimal import Decimal

        contracts = permissions.restrict(
            Contract.objects.filter(supplier__isnull=False).select_related("supplier", "organisation", "category"),
            request.user)
        economy = policies.economy_filter(request.user)
        today = datetime.date.today()
        horizon = today.replace(year=today.year + 1) if not (today.month == 2 and today.day == 29) else \
            today.replace(year=today.year + 1, day=28)
        vendors = defaultdict(lambda: {"contracts": 0, "municipalities": set(), "spend": Decimal("0"),
                                       "hidden": 0, "expiring": []})
        for contract in contracts:
            entry = vendors[contract.supplier]
            entry["contracts"] += 1
            entry["municipalities"].add(contract.organisation.name)
            if economy(contract.organisation_id):
                entry["spend"] += contract.annual_cost
            else:
                entry["hidden"] += 1
            if contract.expires and today <= contract.expires <= horizon:
                entry["expiring"].append(contract)
        rows = sorted(({"vendor": vendor, **entry, "municipalities": sorted(entry["municipalities"])}
                       for vendor, entry in vendors.items()), key=lambda r: (-r["spend"], r["vendor"].name))
        fmt = request.GET.get("format")
        if fmt in ("csv", "xlsx"):
            header = [_("Leverandør"), _("CVR"), _("Kontrakter"), _("Kommuner"), _("Årlige udgifter (kr.)"),
                      _("Kontrakter uden synlig økonomi"), _("Udløber inden for et år")]
            table = [[r["vendor"].name, r["vendor"].cvr or "", r["contracts"], ", ".join(r["municipalities"]),
                      float(r["spend"]), r["hidden"], len(r["expiring"])] for r in rows]
            return _file_response(fmt, "leverandoerer", [str(h) for h in header], table)
        return render(request, "portfolio/vendors.html", {"rows": rows})


class HarmonisationView(LoginRequiredMixin, View):
    """The collaboration's harmonisation picture: matrix, indices with history and target, timeline."""

    def get(self, request, slug):
        collaboration = portfolio_collaboration(request, slug)
        fmt = request.GET.get("format")
        if fmt in ("csv", "xlsx"):
            kind = request.GET.get("kind", "template")
            if kind not in EXPORT_KINDS:
                raise Http404
            members = selectors.sharing_members(collaboration)
            economy_ids = selectors.economy_shared_organisation_ids(collaboration)
            header, rows = exports.rows_for(
                kind, selectors.visible_usages(collaboration), selectors.visible_contracts(collaboration,
                                                                                          include_economy=False),
                economy=lambda organisation_id: organisation_id in economy_ids and organisation_id in members,
            )
            return _file_response(fmt, f"{EXPORT_KINDS[kind]}-{collaboration.slug}", header, rows, kind)
        picture = harmonisation.build(collaboration)
        # A GET only reads: the daily `digisam record_harmonisation` stores the history.
        access = permissions.access_for(request.user)
        return render(request, "portfolio/harmonisation.html", {
            "collaboration": collaboration,
            "picture": picture,
            "shown_members": [m for m in picture.members if m.pk in picture.sharing_ids],
            "timeline": harmonisation.timeline_svg(picture),
            "matrix": harmonisation.matrix_html(picture),
            "history": harmonisation.history(collaboration, picture),
            "target": harmonisation.target_progress(collaboration, picture.overall, picture.today),
            "can_set_target": access.is_admin or collaboration.pk in access.secretariat_collaborations,
            "can_see_freshness": access.is_admin or collaboration.pk in access.secretariat_collaborations or bool(
                set(access.coordinator_organisations) & {m.pk for m in picture.members}),
            "clusters": [(row.category, c) for row in picture.rows for c in row.clusters],
        })


class TargetEditView(ObjectEditView):
    """Set a collaboration's harmonisation target; its secretariat and platform admins. POST saves it
    through the audited service."""

    model = HarmonisationTarget
    form_class = TargetForm

    def _prepare(self):
        collaboration = portfolio_collaboration(self.request, self.kwargs["slug"])
        obj = HarmonisationTarget.objects.filter(collaboration=collaboration).first() or HarmonisationTarget(
            collaboration=collaboration, baseline_date=datetime.date.today(),
            target_date=datetime.date.today().replace(year=datetime.date.today().year + 5))
        action = permissions.CHANGE if obj.pk else permissions.ADD
        if not permissions.allows(self.request.user, action, obj):
            raise PermissionDenied
        return obj

    def get_success_url(self, obj):
        return reverse("portfolio:harmonisation", args=[obj.collaboration.slug])

    def get_cancel_url(self, obj):
        return self.get_success_url(obj)


def freshness_collaboration(request, slug) -> Collaboration:
    """The collaboration if the user is its secretariat, a coordinator of one of its active member
    municipalities or an admin; other members' users get 403, everyone else 404."""
    collaboration = portfolio_collaboration(request, slug)
    access = permissions.access_for(request.user)
    if access.is_admin or collaboration.pk in access.secretariat_collaborations:
        return collaboration
    members = set(collaboration.active_memberships().values_list("organisation_id", flat=True))
    if members & set(access.coordinator_organisations):
        return collaboration
    raise PermissionDenied


class FreshnessView(LoginRequiredMixin, View):
    """Per member: when its portfolio was last updated and how complete it is; the secretariat's
    "Bed om opdatering" (one member, or all with old or missing data) with a confirmation step."""

    def get(self, request, slug):
        from . import freshness, update_requests

        collaboration = freshness_collaboration(request, slug)
        rows = freshness.member_freshness(collaboration)
        return render(request, "portfolio/freshness.html", {
            "collaboration": collaboration, "rows": rows,
            "stale_days": freshness.stale_after_days(),
            "can_request": update_requests.may_request(request.user, collaboration),
            "needing": [r for r in rows if r.needs_update],
        })

    def post(self, request, slug):
        from . import freshness, update_requests

        collaboration = freshness_collaboration(request, slug)
        if not update_requests.may_request(request.user, collaboration):
            raise PermissionDenied
        rows = {r.organisation.code: r for r in freshness.member_freshness(collaboration)}
        target = request.POST.get("member", "")
        if target == "all":
            chosen = [r for r in rows.values() if r.needs_update]
        elif target in rows:
            chosen = [rows[target]]
        else:
            raise Http404
        message = (request.POST.get("message") or "").strip()[:400]
        back = reverse("portfolio:freshness", args=[collaboration.slug])
        if not chosen:
            messages.info(request, _("Ingen medlemmer har gamle eller manglende data."))
            return redirect(back)
        organisations = [r.organisation for r in chosen]
        if not confirm.is_confirmed(request):
            consequences = []
            for organisation in organisations:
                names = [u.get_full_name() or u.username for u in update_requests.coordinators(organisation)]
                if names:
                    consequences.append(_("%(organisation)s: en notifikation til %(names)s med et link til "
                                          "kommunens portefølje.") % {"organisation": organisation.name,
                                                                      "names": ", ".join(names)})
                else:
                    consequences.append(_("%(organisation)s har ingen koordinator: anmodningen registreres, men "
                                          "ingen får besked.") % {"organisation": organisation.name})
            if message:
                consequences.append(_("Beskeden: %(message)s") % {"message": message})
            return confirm.confirmation(
                request, title=_("Bed om opdatering af porteføljen?"), consequences=consequences,
                action_label=_("Send anmodningen"), cancel_url=back,
                hidden=[("member", target), ("message", message)])
        update_requests.request_update(collaboration, organisations, user=request.user, message=message,
                                       channel=Channel.UI)
        messages.success(request, ngettext("Anmodningen er sendt til %(n)s medlem.",
                                           "Anmodningen er sendt til %(n)s medlemmer.", len(organisations)) % {
            "n": len(organisations)})
        return redirect(back)

"""The talent map (Peta Talenta): the 9-box grid of a unit subtree, the people of one box, the Excel export."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from tepat.engine.talent import BOX_RECOMMENDATIONS, UNPLACED_LABELS, box_info
from tepat.evaluation.forms import TalentFilterForm
from tepat.evaluation.selectors.talent import (
    box_label,
    person_rows,
    staff_in_scope,
    talent_data,
    talent_map,
    talent_people,
)
from tepat.exchange.safety import Sheet, xlsx_response
from tepat.organization.models import Unit

PAGE_SIZE = 50
BOXES = frozenset(BOX_RECOMMENDATIONS) | frozenset(UNPLACED_LABELS)


def _unit(request: HttpRequest) -> tuple[TalentFilterForm, Unit | None]:
    form = TalentFilterForm(request.GET or None, viewer=request.user)
    unit = form.cleaned_data["unit"] if form.is_valid() else None
    if form.is_bound and not form.is_valid():
        raise Http404("Unit tidak ditemukan dalam cakupan Anda.")
    return form, unit


def _box(request: HttpRequest) -> int:
    try:
        box = int(request.GET.get("kotak", ""))
    except ValueError:
        box = 0
    if box not in BOXES:
        raise Http404("Kotak tidak dikenal.")
    return box


def talent_map_view(request: HttpRequest) -> HttpResponse:
    form, unit = _unit(request)
    context = {
        "form": form,
        "map": talent_map(viewer=request.user, unit=unit),
        "unit_id": unit.public_id if unit else "",
    }
    return render(request, "evaluation/talent_map.html", context)


def talent_list_view(request: HttpRequest) -> HttpResponse:
    form, unit = _unit(request)
    box = _box(request)
    people, data = talent_people(viewer=request.user, box=box, unit=unit)
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    context: dict[str, Any] = {
        "form": form,
        "unit": unit,
        "box": box,
        "info": box_info(box) if box > 0 else None,
        "title": box_label(box),
        "page_obj": page,
        "rows": person_rows(page.object_list, data),
        "query_string": params.urlencode(),
        "cutoffs": data.cutoffs,
    }
    return render(request, "evaluation/talent_list.html", context)


HEADERS = ("NIP", "Nama", "Unit kerja", "Jabatan", "JPM (%)", "Predikat SKP terakhir", "Kotak", "Posisi",
           "Rekomendasi", "Kelompok rencana suksesi")  # fmt: skip


def talent_export(request: HttpRequest) -> HttpResponse:
    _, unit = _unit(request)
    data = talent_data(viewer=request.user, unit=unit)
    facts = data.facts()
    staff = staff_in_scope(viewer=request.user, unit=unit).order_by("unit__path", "name")
    rows = staff.values_list("pk", "nip", "name", "unit__name", "seat__position__name")

    def lines() -> Any:
        for pk, nip, name, unit_name, position in rows.iterator(chunk_size=2000):
            jpm, predikat, box = facts[pk]
            info = box_info(box) if box > 0 else None
            yield (nip, name, unit_name, position, jpm, predikat or "", box if info else "", box_label(box),
                   "; ".join(info.recommendations) if info else "", info.succession if info else "")  # fmt: skip

    sheets = [
        Sheet("Peta Talenta", HEADERS, lines(), frozenset({"NIP"})),
        Sheet("Batas sumbu", ("Ketentuan",), [(s,) for s in data.cutoffs.sentences()]),
    ]
    name = f"peta-talenta-{unit.code if unit else 'cakupan'}.xlsx"
    return xlsx_response(name, sheets, actor=request.user, subject="evaluation.talent_map")

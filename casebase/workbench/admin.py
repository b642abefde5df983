"""Admin pages: prompt sets are edited here; measures and uploads are read-only
records (the app computes the one and the import page makes the other)."""

from django.contrib import admin

from casebase.workbench.models import ImportBatch, PairMeasure, PromptSet


@admin.register(PromptSet)
class PromptSetAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "evidence", "near_threshold", "is_test_data"]
    list_filter = ["kind", "is_test_data"]
    search_fields = ["name", "evidence__title", "evidence__dispute__title"]
    raw_id_fields = ["evidence", "comparisons"]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(PairMeasure)
class PairMeasureAdmin(ReadOnlyAdmin):
    list_display = [
        "comparison",
        "left",
        "right",
        "exact_match",
        "edit_similarity",
        "token_jaccard",
        "longest_common_run",
        "ngram_overlap",
    ]
    list_select_related = ["comparison", "left__system", "right__system"]


@admin.register(ImportBatch)
class ImportBatchAdmin(ReadOnlyAdmin):
    list_display = ["file_name", "evidence", "uploaded_by", "status", "created_at"]
    list_filter = ["status"]
    exclude = ["rows"]

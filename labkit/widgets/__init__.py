"""ipywidgets over the customer database and the analytics (交互控件)."""
from labkit.lazy import lazy_names

_MODULES: dict[str, tuple[str, ...]] = {
    "labkit.widgets.classification_view": ("ClassificationView",),
    "labkit.widgets.clv_explorer": ("CLVExplorer",),
    "labkit.widgets.entry_form": ("EntryForm",),
    "labkit.widgets.search_table": ("SearchTable",),
    "labkit.widgets.survey_form": ("SurveyForm", "answer_problems", "save_csv"),
}
__getattr__, __dir__ = lazy_names(__name__, _MODULES)

__all__ = ["CLVExplorer", "ClassificationView", "EntryForm", "SearchTable", "SurveyForm", "answer_problems",
           "save_csv"]
